import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { SmsInbox, SmsOutbox } from '../ports.js';
import type { InboundSmsRecord, OutboundSmsRecord } from '../records.js';
import { changeRecord, inTransaction } from './pgTransaction.js';

/** How long a handled text's sid is remembered, to refuse Twilio's retries. */
const HANDLED_KEPT_DAYS = 7;

/** Texts received, in PostgreSQL: the primary key on the sid makes "accepted once" hold across instances. */
export class PgSmsInbox implements SmsInbox {
  constructor(private readonly pool: Pool) {}

  async accept(message: InboundSmsRecord): Promise<boolean> {
    const result = await this.pool.query('INSERT INTO sms_inbound (sid, client_id, received_at, record) VALUES ($1, $2, $3, $4) ON CONFLICT (sid) DO NOTHING', [
      message.sid,
      message.clientId,
      message.receivedAt,
      message,
    ]);
    return result.rowCount === 1;
  }

  async markHandled(sid: string): Promise<void> {
    await this.pool.query('UPDATE sms_inbound SET record = NULL, handled_at = now() WHERE sid = $1', [sid]);
  }

  async pruneHandled(): Promise<void> {
    await this.pool.query(`DELETE FROM sms_inbound WHERE handled_at < now() - interval '${HANDLED_KEPT_DAYS} days'`);
  }

  async unhandled(): Promise<InboundSmsRecord[]> {
    const rows = await this.pool.query<{ record: InboundSmsRecord }>('SELECT record FROM sms_inbound WHERE handled_at IS NULL ORDER BY received_at, sid');
    return rows.rows.map((r) => r.record);
  }

  async removePendingFor(clientId: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM sms_inbound WHERE client_id = $1 AND handled_at IS NULL', [clientId]);
    return result.rowCount ?? 0;
  }
}

/**
 * The SMS outbox in PostgreSQL. `update` changes a message under its row lock, so no change is lost
 * to another instance; a sid is claimed by its primary key, so it is never taken twice.
 */
export class PgSmsOutbox implements SmsOutbox {
  constructor(private readonly pool: Pool) {}

  async add(record: OutboundSmsRecord): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO sms_outbox (id, client_id, status, created_at, seq, record) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [record.id, record.clientId, record.status, record.createdAt, record.seq, record],
    );
    return result.rowCount === 1;
  }

  async get(id: string): Promise<OutboundSmsRecord | undefined> {
    return (await this.pool.query<{ record: OutboundSmsRecord }>('SELECT record FROM sms_outbox WHERE id = $1', [id])).rows[0]?.record;
  }

  update(id: string, change: (record: OutboundSmsRecord) => OutboundSmsRecord): Promise<OutboundSmsRecord | undefined> {
    return changeRecord(this.pool, { table: 'sms_outbox', key: 'id', columns: (r) => ({ status: r.status }) }, id, change);
  }

  async leftOver(owner: string, now: string, limit: number): Promise<OutboundSmsRecord[]> {
    // Through the index of unsent messages, oldest first; a client another live holder has is passed over whole.
    const rows = await this.pool.query<{ record: OutboundSmsRecord }>(
      `SELECT o.record FROM sms_outbox o
       WHERE o.status IN ('queued', 'sending')
         AND (o.record -> 'lease' IS NULL OR o.record -> 'lease' ->> 'owner' <> $1)
         AND NOT EXISTS (
           SELECT 1 FROM sms_outbox x
           WHERE x.client_id = o.client_id AND x.status IN ('queued', 'sending')
             AND x.record -> 'lease' ->> 'owner' <> $1 AND (x.record -> 'lease' ->> 'until')::timestamptz > $2::timestamptz)
       ORDER BY o.created_at, o.seq, o.id
       LIMIT $3`,
      [owner, now, limit],
    );
    return rows.rows.map((r) => r.record);
  }

  async renewLeases(owner: string, ids: readonly string[], now: string, until: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.pool.query(
      `UPDATE sms_outbox SET record = jsonb_set(record, '{lease,until}', to_jsonb($4::text))
       WHERE id = ANY($1) AND status IN ('queued', 'sending')
         AND record -> 'lease' ->> 'owner' = $2 AND (record -> 'lease' ->> 'until')::timestamptz > $3::timestamptz`,
      [[...ids], owner, now, until],
    );
    return result.rowCount ?? 0;
  }

  async unsent(): Promise<OutboundSmsRecord[]> {
    const rows = await this.pool.query<{ record: OutboundSmsRecord }>(
      "SELECT record FROM sms_outbox WHERE status IN ('queued', 'sending') ORDER BY created_at, seq, id",
    );
    return rows.rows.map((r) => r.record);
  }

  async forClient(clientId: string): Promise<OutboundSmsRecord[]> {
    const rows = await this.pool.query<{ record: OutboundSmsRecord }>('SELECT record FROM sms_outbox WHERE client_id = $1 ORDER BY created_at, seq, id', [
      clientId,
    ]);
    return rows.rows.map((r) => r.record);
  }

  removeForClient(clientId: string, to: string): Promise<number> {
    return inTransaction(this.pool, async (db) => {
      const removed = await db.query('DELETE FROM sms_outbox WHERE client_id = $1', [clientId]);
      await db.query('DELETE FROM sms_sid_claims WHERE to_hash = $1', [hashOf(to)]);
      return removed.rowCount ?? 0;
    });
  }

  async claimSid(to: string, sid: string, messageId: string, at: string): Promise<boolean> {
    await this.pool.query('INSERT INTO sms_sid_claims (sid, to_hash, message_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT (sid) DO NOTHING', [
      sid,
      hashOf(to),
      messageId,
      at,
    ]);
    const owner = (await this.pool.query<{ message_id: string }>('SELECT message_id FROM sms_sid_claims WHERE sid = $1', [sid])).rows[0]?.message_id;
    return owner === messageId;
  }
}

/** A phone number as kept beside its sids: hashed, as nothing needs the number itself there. */
function hashOf(to: string): string {
  return createHash('sha256').update(to).digest('hex');
}
