import type { Pool, PoolClient } from 'pg';

/** Run `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    const result = await work(db);
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    db.release();
  }
}

/** A table of one JSON record per row: its name, key column, and the columns kept beside the record for queries. */
export interface RecordTable<T> {
  table: string;
  key: string;
  /** Columns to keep in step with the record (status for an index, say), by name. */
  columns?: (record: T) => Record<string, unknown>;
}

/**
 * Change one row's record under its row lock (so a change made at the same moment, on any
 * instance, is never lost): `change` gets a copy of the record as stored and returns the new one;
 * unchanged is not written. Undefined when there is no such row.
 */
export function changeRecord<T>(pool: Pool, rows: RecordTable<T>, id: string, change: (current: T) => T): Promise<T | undefined> {
  return inTransaction(pool, async (db) => {
    const current = (await db.query<{ record: T }>(`SELECT record FROM ${rows.table} WHERE ${rows.key} = $1 FOR UPDATE`, [id])).rows[0]?.record;
    if (current === undefined) return undefined;
    const next = change(structuredClone(current));
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    const extra = Object.entries(rows.columns?.(next) ?? {});
    const sets = ['record = $2', ...extra.map(([column], i) => `${column} = $${i + 3}`)];
    await db.query(`UPDATE ${rows.table} SET ${sets.join(', ')} WHERE ${rows.key} = $1`, [id, next, ...extra.map(([, value]) => value)]);
    return next;
  });
}
