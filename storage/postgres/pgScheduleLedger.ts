import type { Pool } from 'pg';
import type { ScheduleLedgerRecord } from '../records.js';
import { LedgerOnDocuments, emptyLedger } from '../ledgerDocument.js';

/**
 * The scheduler's ledger in PostgreSQL: each client's document in one row, changed by compare and
 * set on the row's version (its `xmin`, which every write changes), so a claim is won by exactly one
 * instance: a write that finds the row changed since it was read reads it again and starts over.
 * Two statements a change, with no transaction to open and close (was four round trips under a
 * row lock): the scheduler changes each due client's ledger three or four times.
 */
export class PgScheduleLedger extends LedgerOnDocuments {
  constructor(private readonly pool: Pool) {
    super();
  }

  async erase(clientId: string): Promise<void> {
    await this.pool.query('DELETE FROM schedule_ledgers WHERE client_id = $1', [clientId]);
  }

  protected async readDocument(clientId: string): Promise<ScheduleLedgerRecord | null> {
    return (await this.pool.query<{ doc: ScheduleLedgerRecord }>('SELECT doc FROM schedule_ledgers WHERE client_id = $1', [clientId])).rows[0]?.doc ?? null;
  }

  protected async changeDocument(clientId: string, change: (ledger: ScheduleLedgerRecord) => boolean): Promise<boolean> {
    for (;;) {
      const row = (
        await this.pool.query<{ doc: ScheduleLedgerRecord; version: string }>('SELECT doc, xmin::text AS version FROM schedule_ledgers WHERE client_id = $1', [
          clientId,
        ])
      ).rows[0];
      if (row) {
        if (!change(row.doc)) return false;
        const updated = await this.pool.query('UPDATE schedule_ledgers SET doc = $2 WHERE client_id = $1 AND xmin::text = $3', [
          clientId,
          row.doc,
          row.version,
        ]);
        if (updated.rowCount === 1) return true;
        // Changed by someone else since it was read: read it again and decide again.
        continue;
      }
      const ledger = emptyLedger(clientId);
      if (!change(ledger)) return false;
      const inserted = await this.pool.query('INSERT INTO schedule_ledgers (client_id, doc) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [
        clientId,
        ledger,
      ]);
      if (inserted.rowCount === 1) return true;
      // Another instance made the client's first entry meanwhile: change theirs instead.
    }
  }
}
