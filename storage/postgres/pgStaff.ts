import type { Pool } from 'pg';
import type { CreateStaffResult, StaffRepository, StaffSessionRepository } from '../ports.js';
import type { StaffAccountRecord, StaffSessionRecord } from '../records.js';
import { normaliseEmail } from '../staffEmail.js';
import { inTransaction } from './pgTransaction.js';

/** Staff accounts in PostgreSQL: the unique email column makes "one account per email" hold across instances and CLIs. */
export class PgStaffAccounts implements StaffRepository {
  constructor(private readonly pool: Pool) {}

  async create(account: StaffAccountRecord): Promise<CreateStaffResult> {
    const record = { ...structuredClone(account), email: normaliseEmail(account.email) };
    const result = await this.pool.query('INSERT INTO staff_accounts (id, email, record) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING', [record.id, record.email, record]);
    return result.rowCount === 1 ? { ok: true, account: record } : { ok: false, reason: 'duplicate_email' };
  }

  async get(id: string): Promise<StaffAccountRecord | undefined> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts WHERE id = $1', [id])).rows[0]?.record;
  }

  async findByEmail(email: string): Promise<StaffAccountRecord | undefined> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts WHERE email = $1', [normaliseEmail(email)])).rows[0]?.record;
  }

  async list(): Promise<StaffAccountRecord[]> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts ORDER BY email')).rows.map((r) => r.record);
  }

  update(id: string, change: (account: StaffAccountRecord) => StaffAccountRecord): Promise<StaffAccountRecord | undefined> {
    return inTransaction(this.pool, async (db) => {
      const current = (await db.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts WHERE id = $1 FOR UPDATE', [id])).rows[0]?.record;
      if (!current) return undefined;
      const next = { ...change(structuredClone(current)), id: current.id, email: current.email };
      await db.query('UPDATE staff_accounts SET record = $2 WHERE id = $1', [id, next]);
      return next;
    });
  }
}

/** Staff sessions in PostgreSQL: one row each, so every instance sees a sign-in and a sign-out at once. */
export class PgStaffSessions implements StaffSessionRepository {
  constructor(private readonly pool: Pool) {}

  async add(session: StaffSessionRecord): Promise<void> {
    const result = await this.pool.query('INSERT INTO staff_sessions (id_hash, staff_id, record) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO NOTHING', [session.idHash, session.staffId, session]);
    if (result.rowCount !== 1) throw new Error('Staff session already exists');
  }

  async get(idHash: string): Promise<StaffSessionRecord | undefined> {
    return (await this.pool.query<{ record: StaffSessionRecord }>('SELECT record FROM staff_sessions WHERE id_hash = $1', [idHash])).rows[0]?.record;
  }

  update(idHash: string, change: (session: StaffSessionRecord) => StaffSessionRecord): Promise<StaffSessionRecord | undefined> {
    return inTransaction(this.pool, async (db) => {
      // Gone (signed out, or ended elsewhere): stays gone.
      const current = (await db.query<{ record: StaffSessionRecord }>('SELECT record FROM staff_sessions WHERE id_hash = $1 FOR UPDATE', [idHash])).rows[0]?.record;
      if (!current) return undefined;
      const next = { ...change(structuredClone(current)), idHash };
      await db.query('UPDATE staff_sessions SET record = $2 WHERE id_hash = $1', [idHash, next]);
      return next;
    });
  }

  async remove(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash]);
  }

  async list(): Promise<StaffSessionRecord[]> {
    return (await this.pool.query<{ record: StaffSessionRecord }>('SELECT record FROM staff_sessions ORDER BY id_hash')).rows.map((r) => r.record);
  }
}
