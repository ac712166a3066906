import type { Pool } from 'pg';
import { expiringKey } from '../expiringKey.js';
import type { ExpiringRecords } from '../ports.js';
import { inTransaction } from './pgTransaction.js';

/** Expired rows cleared on each change: the table stays about as large as what is live. */
const SWEEP = 100;

/** ExpiringRecords in PostgreSQL (table expiring_records): changed under the row's lock, so instances never lose a count. */
export class PgExpiring<T> implements ExpiringRecords<T> {
  constructor(
    private readonly pool: Pool,
    private readonly kind: string,
  ) {}

  change(key: string, now: string, change: (current: T | undefined) => { value: T; expiresAt: string }): Promise<T> {
    const hashed = expiringKey(this.kind, key);
    return inTransaction(this.pool, async (db) => {
      await db.query('INSERT INTO expiring_records (kind, key, value, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, key) DO NOTHING', [
        this.kind,
        hashed,
        null,
        now,
      ]);
      const row = (
        await db.query<{ value: T | null; expires_at: Date }>('SELECT value, expires_at FROM expiring_records WHERE kind = $1 AND key = $2 FOR UPDATE', [
          this.kind,
          hashed,
        ])
      ).rows[0]!;
      const current = row.value !== null && row.expires_at.getTime() > Date.parse(now) ? row.value : undefined;
      const { value, expiresAt } = change(current);
      await db.query('UPDATE expiring_records SET value = $3, expires_at = $4 WHERE kind = $1 AND key = $2', [
        this.kind,
        hashed,
        JSON.stringify(value),
        expiresAt,
      ]);
      await db.query('DELETE FROM expiring_records WHERE ctid IN (SELECT ctid FROM expiring_records WHERE expires_at < $1 LIMIT $2)', [now, SWEEP]);
      return value;
    });
  }
}
