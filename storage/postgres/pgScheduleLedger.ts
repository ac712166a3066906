import type { Pool } from 'pg';
import type { ScheduleLedgerRecord } from '../records.js';
import { LedgerOnDocuments, emptyLedger } from '../ledgerDocument.js';
import { inTransaction } from './pgTransaction.js';

/**
 * The scheduler's ledger in PostgreSQL: each client's document in one row, changed under that
 * row's lock (made first if absent), so a claim is won by exactly one instance.
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

  protected changeDocument(clientId: string, change: (ledger: ScheduleLedgerRecord) => boolean): Promise<boolean> {
    return inTransaction(this.pool, async (db) => {
      for (;;) {
        const row = (await db.query<{ doc: ScheduleLedgerRecord }>('SELECT doc FROM schedule_ledgers WHERE client_id = $1 FOR UPDATE', [clientId])).rows[0];
        if (row) {
          if (!change(row.doc)) return false;
          await db.query('UPDATE schedule_ledgers SET doc = $2 WHERE client_id = $1', [clientId, row.doc]);
          return true;
        }
        const ledger = emptyLedger(clientId);
        if (!change(ledger)) return false;
        const inserted = await db.query('INSERT INTO schedule_ledgers (client_id, doc) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [clientId, ledger]);
        if (inserted.rowCount === 1) return true;
        // Another instance made the client's first entry meanwhile: change theirs instead.
      }
    });
  }
}
