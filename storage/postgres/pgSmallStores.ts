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
    const rows = await this.pool.query<{ subscription: PushSubscriptionRecord }>('SELECT subscription FROM push_subscriptions WHERE client_id = $1 ORDER BY added', [clientId]);
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

/** Alerts in PostgreSQL: `update` changes one under its row lock, so an ACK on one instance and an escalation on another never lose each other. */
export class PgAlerts implements AlertRepository {
  constructor(private readonly pool: Pool) {}

  async add(alert: AlertRecord): Promise<void> {
    const result = await this.pool.query('INSERT INTO alerts (id, client_id, state, created_at, record) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING', [
      alert.id,
      alert.clientId,
      alert.state,
      alert.createdAt,
      alert,
    ]);
    if (result.rowCount !== 1) throw new Error(`Alert ${alert.id} already exists`);
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    return (await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts WHERE id = $1', [id])).rows[0]?.record;
  }

  update(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    return changeRecord(this.pool, { table: 'alerts', key: 'id', columns: (a) => ({ state: a.state }) }, id, change);
  }

  async list(): Promise<AlertRecord[]> {
    return (await this.pool.query<{ record: AlertRecord }>('SELECT record FROM alerts ORDER BY created_at, id')).rows.map((r) => r.record);
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('DELETE FROM alerts WHERE id = $1', [id]);
  }
}
