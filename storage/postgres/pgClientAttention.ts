import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ClientAttention, TakenClient } from '../ports.js';
import type { ClientRecord } from '../records.js';
import { inTransaction } from './pgTransaction.js';

/**
 * ClientAttention in PostgreSQL (table client_attention, kept by triggers on clients): taking
 * locks the due rows it takes and skips rows another instance is taking, so two instances never
 * plan one client at once, and reads them in the order of the index on the due time.
 */
export class PgClientAttention implements ClientAttention {
  constructor(private readonly pool: Pool) {}

  async take(now: string, holdUntil: string, limit: number): Promise<TakenClient[]> {
    const token = randomUUID();
    const { rows } = await this.pool.query<{ record: ClientRecord }>(
      `WITH taken AS (
         SELECT client_id FROM client_attention
         WHERE due_at IS NULL OR due_at <= $1
         ORDER BY due_at NULLS FIRST
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       UPDATE client_attention a SET due_at = $2, token = $4
       FROM taken JOIN clients c ON c.id = taken.client_id
       WHERE a.client_id = taken.client_id
       RETURNING c.record`,
      [now, holdUntil, limit, token],
    );
    return rows.map(({ record }) => ({ client: record, token }));
  }

  async planned(clientId: string, token: string, at: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE client_attention SET due_at = $3, token = NULL WHERE client_id = $1 AND token = $2', [clientId, token, at]);
    return result.rowCount === 1;
  }

  async wake(clientId: string): Promise<void> {
    await this.pool.query('UPDATE client_attention SET due_at = NULL, token = NULL WHERE client_id = $1', [clientId]);
  }

  async wakeAll(basis?: string): Promise<boolean> {
    return inTransaction(this.pool, async (db) => {
      if (basis !== undefined) {
        // Instances starting together under one new basis: the first to write it wakes everyone, the rest find it kept.
        const changed = await db.query(
          `INSERT INTO plan_basis (basis) VALUES ($1)
           ON CONFLICT (one) DO UPDATE SET basis = EXCLUDED.basis, changed_at = now() WHERE plan_basis.basis <> EXCLUDED.basis`,
          [basis],
        );
        if (changed.rowCount === 0) return false;
      } else await db.query('DELETE FROM plan_basis');
      await db.query('UPDATE client_attention SET due_at = NULL, token = NULL WHERE due_at IS NOT NULL OR token IS NOT NULL');
      return true;
    });
  }

  async soonest(now: string): Promise<string | undefined> {
    const row = (await this.pool.query<{ due_at: Date | null }>('SELECT due_at FROM client_attention ORDER BY due_at NULLS FIRST LIMIT 1')).rows[0];
    if (!row) return undefined;
    return new Date(Math.max(row.due_at?.getTime() ?? -Infinity, Date.parse(now))).toISOString();
  }
}
