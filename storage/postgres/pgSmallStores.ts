import type { Pool } from 'pg';
import {
  MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT,
  type AlertRepository,
  type PrivacyAudit,
  type PrivacyAuditEntry,
  type PushSubscriptionRecord,
  type PushSubscriptionStore,
} from '../ports.js';
import type { AlertRecord } from '../records.js';
import { changeRecord, inTransaction } from './pgTransaction.js';

/** Web Push subscriptions in PostgreSQL: a row per browser, the oldest past the limit dropped as one is added. */
export class PgPushSubscriptions implements PushSubscriptionStore {
  constructor(private readonly pool: Pool) {}

  add(clientId: string, subscription: PushSubscriptionRecord): Promise<void> {
    return inTransaction(this.pool, async (db) => {
      // One client's subscriptions change one at a time, whichever instance adds them.
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`push:${clientId}`]);
      await db.query('DELETE FROM push_subscriptions WHERE client_id = $1 AND endpoint = $2', [clientId, subscription.endpoint]);
      await db.query('INSERT INTO push_subscriptions (client_id, endpoint, subscription) VALUES ($1, $2, $3)', [clientId, subscription.endpoint, subscription]);
      await db.query(
        'DELETE FROM push_subscriptions WHERE client_id = $1 AND added NOT IN (SELECT added FROM push_subscriptions WHERE client_id = $1 ORDER BY added DESC LIMIT $2)',
        [clientId, MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT],
      );
    });
  }

  async list(clientId: string): Promise<PushSubscriptionRecord[]> {
    const rows = await this.pool.query<{ subscription: PushSubscriptionRecord }>(
      'SELECT subscription FROM push_subscriptions WHERE client_id = $1 ORDER BY added',
      [clientId],
    );
    return rows.rows.map((r) => r.subscription);
  }

  async remove(clientId: string, endpoint: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM push_subscriptions WHERE client_id = $1 AND endpoint = $2', [clientId, endpoint])).rowCount === 1;
  }

  async removeForClient(clientId: string): Promise<number> {
    return (await this.pool.query('DELETE FROM push_subscriptions WHERE client_id = $1', [clientId])).rowCount ?? 0;
  }
}

/** The privacy audit in PostgreSQL: rows appended in order, never changed. */
export class PgPrivacyAudit implements PrivacyAudit {
  constructor(private readonly pool: Pool) {}

  async record(entry: PrivacyAuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO privacy_audit (entry) VALUES ($1)', [entry]);
  }

  async list(): Promise<PrivacyAuditEntry[]> {
    return (await this.pool.query<{ entry: PrivacyAuditEntry }>('SELECT entry FROM privacy_audit ORDER BY n')).rows.map((r) => r.entry);
  }
}

/**
 * Alerts in PostgreSQL: `update` changes one under its row lock, so an ACK on one instance and an
 * escalation on another never lose each other. Queries go through indexes (migration 0012): those
 * unresolved by client, the code (unique), the due time and the time resolved, each kept from the
 * record by a trigger.
 */
export class PgAlerts implements AlertRepository {
  constructor(private readonly pool: Pool) {}

  async add(alert: AlertRecord): Promise<{ ok: true } | { ok: false; reason: 'code_taken' }> {
    const result = await this.pool.query('INSERT INTO alerts (id, client_id, state, created_at, record) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      alert.id,
      alert.clientId,
      alert.state,
      alert.createdAt,
      alert,
    ]);
    if (result.rowCount === 1) return { ok: true };
    if ((await this.pool.query('SELECT 1 FROM alerts WHERE id = $1', [alert.id])).rowCount !== 0) throw new Error(`Alert ${alert.id} already exists`);
    return { ok: false, reason: 'code_taken' };
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    return (await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts WHERE id = $1', [id])).rows[0]?.record;
  }

  async byCode(code: string): Promise<AlertRecord | undefined> {
    return (await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts WHERE code = $1', [code])).rows[0]?.record;
  }

  update(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    return changeRecord(this.pool, { table: 'alerts', key: 'id', columns: (a) => ({ state: a.state }) }, id, change);
  }

  async find(query: Parameters<AlertRepository['find']>[0]): Promise<AlertRecord[]> {
    if (query.clientIds?.length === 0) return [];
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.clientId === null) where.push('client_id IS NULL');
    else if (query.clientId !== undefined) where.push(`client_id = $${params.push(query.clientId)}`);
    if (query.clientIds) where.push(`client_id = ANY($${params.push(query.clientIds)}::text[])`);
    // Written out, not a parameter, so the partial index on unresolved alerts is used.
    if (query.state === 'unresolved') where.push("state <> 'resolved'");
    else if (query.state) where.push(`state = $${params.push(query.state)}`);
    const limit = query.limit === undefined ? '' : ` LIMIT $${params.push(query.limit)}`;
    const sql = `SELECT record FROM alerts${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC${limit}`;
    return (await this.pool.query<{ record: AlertRecord }>(sql, params)).rows.map((r) => r.record);
  }

  async recentlyResolved(query: { clientIds?: readonly string[] | undefined; limit: number }): Promise<AlertRecord[]> {
    if (query.clientIds?.length === 0) return [];
    const rows = query.clientIds
      ? await this.pool.query<{ record: AlertRecord }>(
          "SELECT record FROM alerts WHERE state = 'resolved' AND client_id = ANY($1::text[]) ORDER BY resolved_at DESC, id DESC LIMIT $2",
          [query.clientIds, query.limit],
        )
      : await this.pool.query<{ record: AlertRecord }>("SELECT record FROM alerts WHERE state = 'resolved' ORDER BY resolved_at DESC, id DESC LIMIT $1", [
          query.limit,
        ]);
    return rows.rows.map((r) => r.record);
  }

  async due(now: string, limit: number): Promise<AlertRecord[]> {
    const rows = await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2', [now, limit]);
    return rows.rows.map((r) => r.record);
  }

  async soonestDue(): Promise<string | undefined> {
    const row = (await this.pool.query<{ due_at: Date }>('SELECT due_at FROM alerts WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1')).rows[0];
    return row?.due_at.toISOString();
  }

  async list(): Promise<AlertRecord[]> {
    return (await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts ORDER BY created_at, id')).rows.map((r) => r.record);
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('DELETE FROM alerts WHERE id = $1', [id]);
  }
}
