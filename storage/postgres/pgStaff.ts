import type { Pool } from 'pg';
import type { CreateStaffResult, StaffRepository, StaffSessionRepository } from '../ports.js';
import type { StaffAccountRecord, StaffSessionRecord } from '../records.js';
import { normaliseEmail } from '../staffEmail.js';
import { changeRecord } from './pgTransaction.js';

/** Staff accounts in PostgreSQL: the unique email column makes "one account per email" hold across instances and CLIs. */
export class PgStaffAccounts implements StaffRepository {
  constructor(private readonly pool: Pool) {}

  async create(account: StaffAccountRecord): Promise<CreateStaffResult> {
    const record = { ...structuredClone(account), email: normaliseEmail(account.email) };
    const result = await this.pool.query('INSERT INTO staff_accounts (id, email, record) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING', [
      record.id,
      record.email,
      record,
    ]);
    return result.rowCount === 1 ? { ok: true, account: record } : { ok: false, reason: 'duplicate_email' };
  }

  async get(id: string): Promise<StaffAccountRecord | undefined> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts WHERE id = $1', [id])).rows[0]?.record;
  }

  async findByEmail(email: string): Promise<StaffAccountRecord | undefined> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts WHERE email = $1', [normaliseEmail(email)])).rows[0]
      ?.record;
  }

  async list(): Promise<StaffAccountRecord[]> {
    return (await this.pool.query<{ record: StaffAccountRecord }>('SELECT record FROM staff_accounts ORDER BY email')).rows.map((r) => r.record);
  }

  update(id: string, change: (account: StaffAccountRecord) => StaffAccountRecord): Promise<StaffAccountRecord | undefined> {
    return changeRecord<StaffAccountRecord>(this.pool, { table: 'staff_accounts', key: 'id' }, id, (current) => ({
      ...change(current),
      id: current.id,
      email: current.email,
    }));
  }
}

/** Staff sessions in PostgreSQL: one row each, so every instance sees a sign-in and a sign-out at once. */
export class PgStaffSessions implements StaffSessionRepository {
  constructor(private readonly pool: Pool) {}

  async add(session: StaffSessionRecord): Promise<void> {
    const result = await this.pool.query('INSERT INTO staff_sessions (id_hash, staff_id, record) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO NOTHING', [
      session.idHash,
      session.staffId,
      session,
    ]);
    if (result.rowCount !== 1) throw new Error('Staff session already exists');
  }

  async get(idHash: string): Promise<StaffSessionRecord | undefined> {
    return (await this.pool.query<{ record: StaffSessionRecord }>('SELECT record FROM staff_sessions WHERE id_hash = $1', [idHash])).rows[0]?.record;
  }

  update(idHash: string, change: (session: StaffSessionRecord) => StaffSessionRecord): Promise<StaffSessionRecord | undefined> {
    // Gone (signed out, or ended elsewhere): stays gone.
    return changeRecord<StaffSessionRecord>(this.pool, { table: 'staff_sessions', key: 'id_hash' }, idHash, (current) => ({ ...change(current), idHash }));
  }

  async remove(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash]);
  }

  async list(): Promise<StaffSessionRecord[]> {
    return (await this.pool.query<{ record: StaffSessionRecord }>('SELECT record FROM staff_sessions ORDER BY id_hash')).rows.map((r) => r.record);
  }
}
