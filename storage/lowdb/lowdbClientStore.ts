import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { ConversationReference } from 'botbuilder-core';
import { ClientChanges, type ClientChangedListener } from '../clientChanges.js';
import type { ClientHistoryRepository, ClientRepository, CreateClientResult } from '../ports.js';
import type {
  CheckInRecord,
  ClientEvent,
  ClientHistory,
  ClientRecord,
  ItemResponseRecord,
  NewClient,
  NoteRecord,
  ScoreRecord,
  AttendanceRecord,
  TaskRecord,
} from '../records.js';
import { emptyMonth, hasWordsBefore, historyFrom, keptAlready, putAttendance, removeWordsIn, type MonthDocument } from '../clientMonths.js';
import { attendanceChange, checkInChange, responseChange, scoresChange, type FactsChange } from '../outcomeFacts.js';
import { clientFiles } from './clientFiles.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';
import { LowdbOutcomeTally } from './lowdbOutcomeTally.js';
import { MemoryAttention } from './memoryAttention.js';

interface ClientIndex {
  version: 1;
  clients: ClientRecord[];
}

/** What changes on most turns but is small: kept apart from the growing record of check-ins. */
interface ClientProfile {
  conversationReferences: ClientHistory['conversationReferences'];
}

const INDEX_KEY = 'index';

/**
 * Clients on lowdb. A small index (one entry per client, kept in memory) answers look-ups by id
 * and phone. Each client's records are split into a profile and one document per month (see
 * clientFiles), so a turn rewrites a few KB whatever the length of the client's history, and
 * never another client's data. What the outcomes count of each record is kept beside them, in
 * `outcomes/` (see LowdbOutcomeTally).
 */
export class LowdbClientStore implements ClientRepository, ClientHistoryRepository {
  private readonly byId = new Map<string, ClientRecord>();
  private readonly byPhone = new Map<string, ClientRecord>();
  /** Which month's document holds a check-in, for check-ins seen by this process (most recent last). */
  private readonly checkInMonths = new LRUCache<string, string>({ max: 10_000 });
  /** When each client next needs the scheduler (in memory: see MemoryAttention). */
  readonly attention = new MemoryAttention(() => this.byId.values());
  private readonly changes = new ClientChanges();
  private tally!: LowdbOutcomeTally;

  private constructor(
    private readonly dir: string,
    private readonly index: DocumentStore<ClientIndex>,
    private readonly profiles: DocumentStore<ClientProfile>,
    private readonly months: DocumentStore<MonthDocument>,
  ) {}

  /**
   * Load the index and the outcome tally; throws CorruptDataError when the index cannot be parsed.
   * `alongside`: opened by a command beside a running server, which keeps the tally (read, never written).
   */
  static async open(dir: string, options: { alongside?: boolean } = {}): Promise<LowdbClientStore> {
    const byPath = (path: string) => path;
    const index = new DocumentStore<ClientIndex>(dir, () => clientFiles.index, 1);
    const store = new LowdbClientStore(dir, index, new DocumentStore(dir, byPath, 1000), new DocumentStore(dir, byPath, 1000));
    for (const client of (await index.read(INDEX_KEY))?.clients ?? []) store.remember(client);
    store.tally = await LowdbOutcomeTally.open(
      join(dir, 'outcomes'),
      { ids: () => store.byId.keys(), programmeOf: (id) => store.byId.get(id)?.programmeId, history: (id) => store.collect(id) },
      { readOnly: options.alongside === true },
    );
    return store;
  }

  /** What the programme outcomes are worked out from, kept with every record written here. */
  get outcomes(): LowdbOutcomeTally {
    return this.tally;
  }

  async create(input: NewClient): Promise<CreateClientResult> {
    const result = await this.index.update<CreateClientResult>(INDEX_KEY, (current) => {
      // Checked against the file's list, not the in-memory map, so two racing enrolments can't both win.
      if (current?.clients.some((c) => c.phone === input.phone)) {
        return { result: { ok: false, reason: 'duplicate_phone' } };
      }
      const client: ClientRecord = { ...input, id: randomUUID() };
      return { next: { version: 1, clients: [...(current?.clients ?? []), client] }, result: { ok: true, client } };
    });
    // Only once the index is on disk, so a failed write leaves no phantom client in memory.
    if (result.ok) {
      this.remember(result.client);
      this.tally.added(result.client.id);
      this.changes.emit(result.client.id);
    }
    return result;
  }

  async get(id: string): Promise<ClientRecord | undefined> {
    return this.byId.get(id);
  }

  onChanged(listener: ClientChangedListener): () => void {
    return this.changes.on(listener);
  }

  async findByPhone(phone: string): Promise<ClientRecord | undefined> {
    return this.byPhone.get(phone);
  }

  async list(): Promise<ClientRecord[]> {
    return [...this.byId.values()];
  }

  async getMany(ids: readonly string[]): Promise<ClientRecord[]> {
    return [...new Set(ids)].flatMap((id) => this.byId.get(id) ?? []);
  }

  async find(filter: { linkWorkerId: string } | { groupId: string }): Promise<ClientRecord[]> {
    // Every record is in memory already (one process): a filter over them is the index.
    const wanted =
      'linkWorkerId' in filter
        ? (c: ClientRecord) => c.linkWorkerId === filter.linkWorkerId
        : (c: ClientRecord) => c.groups?.some((l) => l.groupId === filter.groupId) === true;
    return [...this.byId.values()].filter(wanted);
  }

  async update(id: string, change: (client: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined> {
    let changed = false;
    const updated = await this.index.update<ClientRecord | undefined>(INDEX_KEY, (current) => {
      const at = current?.clients.findIndex((c) => c.id === id) ?? -1;
      if (!current || at < 0) return { result: undefined };
      const before = current.clients[at]!;
      const after: ClientRecord = { ...change(structuredClone(before)), id: before.id, phone: before.phone };
      // The index holds every client: rewrite it only for a real change.
      if (JSON.stringify(after) === JSON.stringify(before)) return { result: before };
      this.attention.forget(id);
      changed = true;
      const clients = current.clients.slice();
      clients[at] = after;
      return { next: { version: 1, clients }, result: after };
    });
    if (updated) this.remember(updated);
    if (changed) this.changes.emit(id);
    return updated;
  }

  async erase(id: string): Promise<boolean> {
    const erased = await this.index.update<boolean>(INDEX_KEY, (current) => {
      if (!current?.clients.some((c) => c.id === id)) return { result: false };
      return { next: { version: 1, clients: current.clients.filter((c) => c.id !== id) }, result: true };
    });
    if (!erased) return false;
    const client = this.byId.get(id);
    this.byId.delete(id);
    this.attention.forget(id);
    if (client) this.byPhone.delete(client.phone);
    for (const month of await this.monthsOf(id)) await this.months.forget(clientFiles.month(id, month));
    await this.profiles.forget(clientFiles.profile(id));
    rmSync(join(this.dir, clientFiles.clientDir(id)), { recursive: true, force: true });
    await this.tally.forget(id);
    return true;
  }

  async removeWordsBefore(clientId: string, before: string, placeholder: string): Promise<number> {
    this.known(clientId);
    let changed = 0;
    for (const month of await this.monthsOf(clientId)) {
      if (month > before.slice(0, 7)) break;
      const path = clientFiles.month(clientId, month);
      const document = await this.months.read(path);
      if (!document || !hasWordsBefore(document, before, placeholder)) continue;
      await this.months.update(path, (current) => {
        if (!current) return { result: undefined };
        changed += removeWordsIn(current, before, placeholder);
        return { next: current, result: undefined };
      });
    }
    return changed;
  }

  async history(clientId: string, only?: readonly string[]): Promise<ClientHistory> {
    return structuredClone(await this.collect(clientId, only));
  }

  /**
   * The same as history(), without copying: the records are the store's own, shared with later
   * readers. For reports that read many clients and change nothing (copying was a third of the
   * outcomes page's time); a caller that changes anything in it corrupts the store's cache.
   */
  readOnlyHistory(clientId: string, only?: readonly string[]): Promise<Readonly<ClientHistory>> {
    return this.collect(clientId, only);
  }

  private async collect(clientId: string, only?: readonly string[]): Promise<ClientHistory> {
    this.known(clientId);
    const profile = await this.profiles.read(clientFiles.profile(clientId));
    const months = (await this.monthsOf(clientId)).filter((month) => !only || only.includes(month));
    const documents = await Promise.all(months.map((month) => this.months.read(clientFiles.month(clientId, month))));
    return historyFrom(clientId, profile?.conversationReferences ?? {}, documents);
  }

  async saveConversationReference(clientId: string, channelKey: string, reference: Partial<ConversationReference>): Promise<void> {
    this.known(clientId);
    await this.profiles.update(clientFiles.profile(clientId), (current) => {
      const before = current?.conversationReferences[channelKey];
      if (before && JSON.stringify(before) === JSON.stringify(reference)) return { result: undefined };
      const references = { ...current?.conversationReferences, [channelKey]: structuredClone(reference) };
      return { next: { conversationReferences: references }, result: undefined };
    });
  }

  async conversationReference(clientId: string, channelKey: string): Promise<Partial<ConversationReference> | undefined> {
    this.known(clientId);
    const reference = (await this.profiles.read(clientFiles.profile(clientId)))?.conversationReferences[channelKey];
    return reference && structuredClone(reference);
  }

  async startCheckIn(checkIn: CheckInRecord): Promise<void> {
    this.known(checkIn.clientId);
    await this.tally.change(checkIn.clientId, async (pending) => {
      // Started again with the same id (the replay of a text's turn, see dialogs/turnEffects, within
      // hours of the first run, so this month or the last): nothing changes.
      const month = clientFiles.monthOf(checkIn.startedAt);
      const lastMonth = DateTime.fromISO(checkIn.startedAt, { zone: 'utc' }).minus({ months: 1 }).toFormat('yyyy-LL');
      const before = await this.months.read(clientFiles.month(checkIn.clientId, lastMonth));
      if (before?.checkIns.some((c) => c.id === checkIn.id)) return undefined;
      let facts: FactsChange | undefined;
      await this.changeMonth(checkIn.clientId, month, (d) => {
        if (d.checkIns.some((c) => c.id === checkIn.id)) return;
        d.checkIns.push(structuredClone(checkIn));
        facts = checkInChange(checkIn);
        if (facts) pending();
      });
      this.checkInMonths.set(checkIn.id, month);
      return facts;
    });
  }

  async recordResponse(clientId: string, response: ItemResponseRecord): Promise<void> {
    this.known(clientId);
    await this.tally.change(clientId, (pending) =>
      this.changeCheckIn(
        clientId,
        response.checkInId,
        (d, checkIn) => {
          if (keptAlready(d.responses, response.effectKey)) return undefined;
          d.responses.push(structuredClone(response));
          return responseChange(checkIn, response);
        },
        pending,
      ),
    );
  }

  async recordNote(clientId: string, note: NoteRecord): Promise<void> {
    // Returns undefined: a note changes none of the outcome facts.
    const add = (d: MonthDocument): undefined => {
      if (!keptAlready(d.notes, note.effectKey)) d.notes.push({ ...note });
    };
    if (note.checkInId !== null) await this.changeCheckIn(clientId, note.checkInId, add);
    else await this.changeMonth(clientId, clientFiles.monthOf(note.createdAt), add);
  }

  async endCheckIn(clientId: string, checkInId: string, end: Pick<CheckInRecord, 'status' | 'endedAt' | 'waitingFor'>, scores: ScoreRecord[]): Promise<void> {
    this.known(clientId);
    await this.tally.change(clientId, (pending) =>
      this.changeCheckIn(
        clientId,
        checkInId,
        (d, checkIn) => {
          Object.assign(checkIn, end);
          if (!end.waitingFor) delete checkIn.waitingFor;
          d.scores.push(...structuredClone(scores));
          return scoresChange(checkIn, scores);
        },
        pending,
      ),
    );
  }

  async recordEvent(clientId: string, event: ClientEvent): Promise<void> {
    await this.changeMonth(clientId, clientFiles.monthOf(event.at), (d) => (d.events ??= []).push(structuredClone(event)));
  }

  async recordAttendance(
    clientId: string,
    session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
    change: (current: AttendanceRecord | undefined) => AttendanceRecord,
  ): Promise<AttendanceRecord> {
    this.known(clientId);
    let stored: AttendanceRecord | undefined;
    await this.tally.change(clientId, async (pending) => {
      let facts: FactsChange | undefined;
      await this.changeMonth(clientId, clientFiles.monthOf(session.sessionStart), (d) => {
        const before = d.attendance?.find((a) => a.sessionKey === session.sessionKey);
        const counted = before && { attendance: before.attendance, barriers: [...before.barriers] };
        stored = putAttendance(d, session, change);
        facts = attendanceChange(counted, stored);
        if (facts) pending();
      });
      return facts;
    });
    return stored!;
  }

  async addTask(clientId: string, task: TaskRecord): Promise<void> {
    await this.changeMonth(clientId, clientFiles.monthOf(task.createdAt), (d) => (d.tasks ??= []).push(structuredClone(task)));
  }

  async updateTask(clientId: string, taskId: string, change: (task: TaskRecord) => TaskRecord): Promise<TaskRecord | undefined> {
    this.known(clientId);
    for (const month of (await this.monthsOf(clientId)).reverse()) {
      const document = await this.months.read(clientFiles.month(clientId, month));
      if (!document?.tasks?.some((t) => t.id === taskId)) continue;
      let updated: TaskRecord | undefined;
      await this.changeMonth(clientId, month, (d) => {
        const at = d.tasks!.findIndex((t) => t.id === taskId);
        updated = { ...change(structuredClone(d.tasks![at]!)), id: taskId };
        d.tasks![at] = updated;
      });
      return structuredClone(updated);
    }
    return undefined;
  }

  /**
   * Change the month document that holds `checkInId` (records that belong to a check-in stay with
   * it); returns the change to the outcome facts that `change` returned, if any, having called
   * `pending` (see LowdbOutcomeTally.change) before the document is written.
   */
  private async changeCheckIn(
    clientId: string,
    checkInId: string,
    change: (document: MonthDocument, checkIn: CheckInRecord) => FactsChange | undefined,
    pending: () => void = () => {},
  ): Promise<FactsChange | undefined> {
    const month = this.checkInMonths.get(checkInId) ?? (await this.findCheckInMonth(clientId, checkInId));
    if (!month) throw new Error(`Unknown check-in ${checkInId}`);
    let facts: FactsChange | undefined;
    await this.changeMonth(clientId, month, (d) => {
      const checkIn = d.checkIns.find((c) => c.id === checkInId);
      if (!checkIn) throw new Error(`Unknown check-in ${checkInId}`);
      facts = change(d, checkIn);
      if (facts) pending();
    });
    return facts;
  }

  private changeMonth(clientId: string, month: string, change: (document: MonthDocument) => void): Promise<void> {
    this.known(clientId);
    if (!/^\d{4}-\d{2}$/.test(month)) return Promise.reject(new Error(`Not a month: ${month}`));
    return this.months.update(clientFiles.month(clientId, month), (current) => {
      // Changed in place: if the write fails, DocumentStore forgets it and reads the file again.
      const next = current ?? emptyMonth();
      change(next);
      return { next, result: undefined };
    });
  }

  /** Newest month first: an open check-in is almost always in the latest document. */
  private async findCheckInMonth(clientId: string, checkInId: string): Promise<string | undefined> {
    this.known(clientId);
    for (const month of (await this.monthsOf(clientId)).reverse()) {
      const document = await this.months.read(clientFiles.month(clientId, month));
      if (document?.checkIns.some((c) => c.id === checkInId)) {
        this.checkInMonths.set(checkInId, month);
        return month;
      }
    }
    return undefined;
  }

  /** The months (yyyy-mm, oldest first) that hold some of a client's records. */
  private async monthsOf(clientId: string): Promise<string[]> {
    const names = listDir(join(this.dir, clientFiles.clientDir(clientId)));
    return names
      .filter(clientFiles.isMonthFile)
      .map((name) => name.slice(0, 7))
      .sort();
  }

  private known(clientId: string): void {
    if (!this.byId.has(clientId)) throw new Error(`Unknown client ${clientId}`);
  }

  private remember(client: ClientRecord): void {
    this.byId.set(client.id, client);
    this.byPhone.set(client.phone, client);
  }
}
