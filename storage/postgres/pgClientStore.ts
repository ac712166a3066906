import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder-core';
import type { Pool, PoolClient } from 'pg';
import { emptyMonth, hasWordsBefore, historyFrom, keptAlready, monthOf, putAttendance, removeWordsIn, type MonthDocument } from '../clientMonths.js';
import type { ClientHistoryRepository, ClientRepository, CreateClientResult } from '../ports.js';
import type {
  AttendanceRecord,
  CheckInRecord,
  ClientEvent,
  ClientHistory,
  ClientRecord,
  ItemResponseRecord,
  NewClient,
  NoteRecord,
  ScoreRecord,
  TaskRecord,
} from '../records.js';
import { ClientChanges, type ClientChangedListener } from '../clientChanges.js';
import { attendanceChange, checkInChange, responseChange, scoresChange, type FactsChange } from '../outcomeFacts.js';
import { changeOutcomeFacts, KEEPS_OUTCOME_TALLY } from './pgOutcomeTally.js';
import { changeRecord, inTransaction } from './pgTransaction.js';

type References = ClientHistory['conversationReferences'];

/**
 * Clients and their history in PostgreSQL: a row per client (the phone unique, so one enrolment
 * wins however many race, from any instance), their conversation references, and one document per
 * month of records, changed under its row lock, exactly as lowdb keeps them (storage/clientMonths.ts).
 * What the outcomes count of a record is written with it, in its transaction (see pgOutcomeTally).
 */
export class PgClientStore implements ClientRepository, ClientHistoryRepository {
  private readonly changes = new ClientChanges();

  constructor(private readonly pool: Pool) {}

  async create(input: NewClient): Promise<CreateClientResult> {
    const client: ClientRecord = { ...input, id: randomUUID() };
    const result = await this.pool.query('INSERT INTO clients (id, phone, record) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING', [
      client.id,
      client.phone,
      client,
    ]);
    if (result.rowCount !== 1) return { ok: false, reason: 'duplicate_phone' };
    this.changes.emit(client.id);
    return { ok: true, client };
  }

  onChanged(listener: ClientChangedListener): () => void {
    return this.changes.on(listener);
  }

  async get(id: string): Promise<ClientRecord | undefined> {
    return (await this.pool.query<{ record: ClientRecord }>('SELECT record FROM clients WHERE id = $1', [id])).rows[0]?.record;
  }

  async findByPhone(phone: string): Promise<ClientRecord | undefined> {
    return (await this.pool.query<{ record: ClientRecord }>('SELECT record FROM clients WHERE phone = $1', [phone])).rows[0]?.record;
  }

  async list(): Promise<ClientRecord[]> {
    return (await this.pool.query<{ record: ClientRecord }>('SELECT record FROM clients ORDER BY id')).rows.map((r) => r.record);
  }

  async getMany(ids: readonly string[]): Promise<ClientRecord[]> {
    if (ids.length === 0) return [];
    return (await this.pool.query<{ record: ClientRecord }>('SELECT record FROM clients WHERE id = ANY($1)', [[...new Set(ids)]])).rows.map((r) => r.record);
  }

  async find(filter: { linkWorkerId: string } | { groupId: string }): Promise<ClientRecord[]> {
    const { rows } =
      'linkWorkerId' in filter
        ? await this.pool.query<{ record: ClientRecord }>("SELECT record FROM clients WHERE record ->> 'linkWorkerId' = $1 ORDER BY id", [filter.linkWorkerId])
        : await this.pool.query<{ record: ClientRecord }>("SELECT record FROM clients WHERE record -> 'groups' @> $1::jsonb ORDER BY id", [
            JSON.stringify([{ groupId: filter.groupId }]),
          ]);
    return rows.map((r) => r.record);
  }

  async update(id: string, change: (client: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined> {
    let changed = false;
    const updated = await changeRecord<ClientRecord>(this.pool, { table: 'clients', key: 'id' }, id, (before) => {
      const after = { ...change(structuredClone(before)), id: before.id, phone: before.phone };
      changed = JSON.stringify(after) !== JSON.stringify(before);
      return after;
    });
    if (updated && changed) this.changes.emit(id);
    return updated;
  }

  async erase(id: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM clients WHERE id = $1', [id])).rowCount === 1;
  }

  async history(clientId: string, months?: readonly string[]): Promise<ClientHistory> {
    const references = (await this.profile<{ references_: References | null }>('references_', clientId)).references_ ?? {};
    const docs = months
      ? await this.pool.query<{ doc: MonthDocument }>('SELECT doc FROM client_months WHERE client_id = $1 AND month = ANY($2) ORDER BY month', [
          clientId,
          [...months],
        ])
      : await this.pool.query<{ doc: MonthDocument }>('SELECT doc FROM client_months WHERE client_id = $1 ORDER BY month', [clientId]);
    return historyFrom(
      clientId,
      references,
      docs.rows.map((r) => r.doc),
    );
  }

  readOnlyHistory(clientId: string, months?: readonly string[]): Promise<Readonly<ClientHistory>> {
    return this.history(clientId, months);
  }

  async saveConversationReference(clientId: string, channelKey: string, reference: Partial<ConversationReference>): Promise<void> {
    // The profile's row refers to the client's: an unknown client is refused by the database itself.
    await refusingUnknown(
      clientId,
      this.pool.query(
        `INSERT INTO client_profiles (client_id, references_) VALUES ($1, jsonb_build_object($2::text, $3::jsonb))
         ON CONFLICT (client_id) DO UPDATE SET references_ = client_profiles.references_ || jsonb_build_object($2::text, $3::jsonb)
         WHERE client_profiles.references_ -> $2::text IS DISTINCT FROM $3::jsonb`,
        [clientId, channelKey, JSON.stringify(reference)],
      ),
    );
  }

  async conversationReference(clientId: string, channelKey: string): Promise<Partial<ConversationReference> | undefined> {
    return (
      (await this.profile<{ reference: Partial<ConversationReference> | null }>('references_ -> $2::text AS reference', clientId, [channelKey])).reference ??
      undefined
    );
  }

  startCheckIn(checkIn: CheckInRecord): Promise<void> {
    return inTransaction(this.pool, async (db) => {
      // Started again with the same id (the replay of a text's turn): nothing changes.
      const claimed = await refusingUnknown(
        checkIn.clientId,
        db.query('INSERT INTO client_check_ins (check_in_id, client_id, month) VALUES ($1, $2, $3) ON CONFLICT (check_in_id) DO NOTHING', [
          checkIn.id,
          checkIn.clientId,
          monthOf(checkIn.startedAt),
        ]),
      );
      if (claimed.rowCount !== 1) return;
      await this.changeMonth(db, checkIn.clientId, monthOf(checkIn.startedAt), (d) => void d.checkIns.push(structuredClone(checkIn)));
      const facts = checkInChange(checkIn);
      if (facts) await changeOutcomeFacts(db, checkIn.clientId, facts);
    });
  }

  recordResponse(clientId: string, response: ItemResponseRecord): Promise<void> {
    return this.changeCheckIn(clientId, response.checkInId, (d, checkIn) => {
      if (keptAlready(d.responses, response.effectKey)) return undefined;
      d.responses.push(structuredClone(response));
      return responseChange(checkIn, response);
    });
  }

  async recordNote(clientId: string, note: NoteRecord): Promise<void> {
    // Returns undefined: a note changes none of the outcome facts.
    const add = (d: MonthDocument): undefined => {
      if (!keptAlready(d.notes, note.effectKey)) d.notes.push({ ...note });
    };
    if (note.checkInId !== null) await this.changeCheckIn(clientId, note.checkInId, add);
    else await inTransaction(this.pool, (db) => this.changeMonth(db, clientId, monthOf(note.createdAt), add));
  }

  endCheckIn(clientId: string, checkInId: string, end: Pick<CheckInRecord, 'status' | 'endedAt' | 'waitingFor'>, scores: ScoreRecord[]): Promise<void> {
    return this.changeCheckIn(clientId, checkInId, (d, checkIn) => {
      Object.assign(checkIn, end);
      if (!end.waitingFor) delete checkIn.waitingFor;
      d.scores.push(...structuredClone(scores));
      return scoresChange(checkIn, scores);
    });
  }

  recordEvent(clientId: string, event: ClientEvent): Promise<void> {
    return inTransaction(this.pool, (db) => this.changeMonth(db, clientId, monthOf(event.at), (d) => void (d.events ??= []).push(structuredClone(event))));
  }

  recordAttendance(
    clientId: string,
    session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
    change: (current: AttendanceRecord | undefined) => AttendanceRecord,
  ): Promise<AttendanceRecord> {
    return inTransaction(this.pool, async (db) => {
      let stored: AttendanceRecord | undefined;
      let facts: FactsChange | undefined;
      await this.changeMonth(db, clientId, monthOf(session.sessionStart), (d) => {
        const before = d.attendance?.find((a) => a.sessionKey === session.sessionKey);
        const counted = before && { attendance: before.attendance, barriers: [...before.barriers] };
        stored = putAttendance(d, session, change);
        facts = attendanceChange(counted, stored);
      });
      if (facts) await changeOutcomeFacts(db, clientId, facts);
      return stored!;
    });
  }

  addTask(clientId: string, task: TaskRecord): Promise<void> {
    return inTransaction(this.pool, (db) => this.changeMonth(db, clientId, monthOf(task.createdAt), (d) => void (d.tasks ??= []).push(structuredClone(task))));
  }

  updateTask(clientId: string, taskId: string, change: (task: TaskRecord) => TaskRecord): Promise<TaskRecord | undefined> {
    return inTransaction(this.pool, async (db) => {
      await this.known(clientId, db);
      const month = (
        await db.query<{ month: string }>(
          "SELECT month FROM client_months WHERE client_id = $1 AND doc -> 'tasks' @> jsonb_build_array(jsonb_build_object('id', $2::text)) ORDER BY month DESC LIMIT 1",
          [clientId, taskId],
        )
      ).rows[0]?.month;
      if (!month) return undefined;
      let updated: TaskRecord | undefined;
      await this.changeMonth(db, clientId, month, (d) => {
        const at = d.tasks!.findIndex((t) => t.id === taskId);
        updated = { ...change(structuredClone(d.tasks![at]!)), id: taskId };
        d.tasks![at] = updated;
      });
      return updated;
    });
  }

  async removeWordsBefore(clientId: string, before: string, placeholder: string): Promise<number> {
    await this.known(clientId);
    const months = (
      await this.pool.query<{ month: string }>('SELECT month FROM client_months WHERE client_id = $1 AND month <= $2 ORDER BY month', [
        clientId,
        before.slice(0, 7),
      ])
    ).rows;
    let changed = 0;
    for (const { month } of months) {
      changed += await inTransaction(this.pool, async (db) => {
        // Words only: nothing the outcomes count changes.
        const doc = (
          await db.query<{ doc: MonthDocument }>(`SELECT doc, ${KEEPS_OUTCOME_TALLY} FROM client_months WHERE client_id = $1 AND month = $2 FOR UPDATE`, [
            clientId,
            month,
          ])
        ).rows[0]?.doc;
        if (!doc || !hasWordsBefore(doc, before, placeholder)) return 0;
        const n = removeWordsIn(doc, before, placeholder);
        await db.query('UPDATE client_months SET doc = $3 WHERE client_id = $1 AND month = $2', [clientId, month, doc]);
        return n;
      });
    }
    return changed;
  }

  /**
   * Change the month document that holds `checkInId` (records that belong to a check-in stay with
   * it), and the client's outcome facts as `change` says, in one transaction.
   */
  private changeCheckIn(
    clientId: string,
    checkInId: string,
    change: (document: MonthDocument, checkIn: CheckInRecord) => FactsChange | undefined,
  ): Promise<void> {
    return inTransaction(this.pool, async (db) => {
      const month = (await db.query<{ month: string }>('SELECT month FROM client_check_ins WHERE check_in_id = $1 AND client_id = $2', [checkInId, clientId]))
        .rows[0]?.month;
      if (!month) throw new Error(`Unknown check-in ${checkInId}`);
      let facts: FactsChange | undefined;
      await this.changeMonth(db, clientId, month, (d) => {
        const checkIn = d.checkIns.find((c) => c.id === checkInId);
        if (!checkIn) throw new Error(`Unknown check-in ${checkInId}`);
        facts = change(d, checkIn);
      });
      if (facts) await changeOutcomeFacts(db, clientId, facts);
    });
  }

  /**
   * Read-modify-write one month's document under its row lock (made if absent), inside the caller's
   * transaction, which keeps the outcome facts itself: a caller whose change the outcomes count
   * applies it (changeOutcomeFacts) before it commits.
   */
  private async changeMonth(db: PoolClient, clientId: string, month: string, change: (document: MonthDocument) => void): Promise<void> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`Not a month: ${month}`);
    // The month's row refers to the client's: an unknown client is refused by the database itself.
    await refusingUnknown(
      clientId,
      db.query('INSERT INTO client_months (client_id, month, doc) VALUES ($1, $2, $3) ON CONFLICT (client_id, month) DO NOTHING', [
        clientId,
        month,
        emptyMonth(),
      ]),
    );
    const doc = (
      await db.query<{ doc: MonthDocument }>(`SELECT doc, ${KEEPS_OUTCOME_TALLY} FROM client_months WHERE client_id = $1 AND month = $2 FOR UPDATE`, [
        clientId,
        month,
      ])
    ).rows[0]!.doc;
    change(doc);
    await db.query('UPDATE client_months SET doc = $3 WHERE client_id = $1 AND month = $2', [clientId, month, doc]);
  }

  private async known(clientId: string, db: Pool | PoolClient = this.pool): Promise<void> {
    if ((await db.query('SELECT 1 FROM clients WHERE id = $1', [clientId])).rowCount !== 1) throw unknownClient(clientId);
  }

  /** Columns of the client's profile (null when they have none yet), read with whether the client exists: one round trip. */
  private async profile<T extends object>(columns: string, clientId: string, more: unknown[] = []): Promise<Partial<T>> {
    const { rows } = await this.pool.query<T>(
      `SELECT ${columns} FROM clients c LEFT JOIN client_profiles ON client_profiles.client_id = c.id WHERE c.id = $1`,
      [clientId, ...more],
    );
    if (!rows[0]) throw unknownClient(clientId);
    return rows[0];
  }
}

function unknownClient(clientId: string): Error {
  return new Error(`Unknown client ${clientId}`);
}

/** A write whose row refers to the client's: PostgreSQL's foreign-key refusal, as the error every backend gives. */
async function refusingUnknown<T>(clientId: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw unknownClient(clientId);
    throw error;
  }
}

const FOREIGN_KEY_VIOLATION = '23503';
