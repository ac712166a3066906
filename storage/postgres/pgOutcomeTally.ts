import type { Pool, PoolClient } from 'pg';
import { historyFrom, type MonthDocument } from '../clientMonths.js';
import { emptyFacts, factsOfHistory, type FactsChange, type OutcomeFacts } from '../outcomeFacts.js';
import type { OutcomeTally } from '../ports.js';
import { inTransaction } from './pgTransaction.js';

/**
 * In a select list, inside a transaction that writes a client's records: this transaction keeps the
 * client's facts itself, so migration 0010's trigger leaves them alone (it marks them stale otherwise).
 */
export const KEEPS_OUTCOME_TALLY = "set_config('linkwell.outcome_tally', 'kept', true)";

/**
 * Apply `change` to a client's facts inside the caller's transaction, which has just written the
 * record it comes from (so the two are committed together or not at all). The row is locked until
 * the caller commits: two instances writing for the same client at once each see the other's change.
 */
export async function changeOutcomeFacts(db: PoolClient, clientId: string, change: FactsChange): Promise<void> {
  const locked = () => db.query<{ facts: OutcomeFacts; stale: boolean }>('SELECT facts, stale FROM outcome_tally WHERE client_id = $1 FOR UPDATE', [clientId]);
  let row = (await locked()).rows[0];
  if (!row) {
    await db.query('INSERT INTO outcome_tally (client_id, facts) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [clientId, emptyFacts()]);
    row = (await locked()).rows[0]!;
  }
  // Behind already: the whole history, this record with it, is read again before the next read.
  if (row.stale) return;
  const before = JSON.stringify(row.facts);
  change(row.facts);
  if (JSON.stringify(row.facts) !== before) await db.query('UPDATE outcome_tally SET facts = $2 WHERE client_id = $1', [clientId, row.facts]);
}

/** Clients' facts read at a time: a programme of any size is summed up in a few MB. */
const BATCH = 1000;

/** The outcome tally in PostgreSQL: a row of facts per client (migration 0010). */
export class PgOutcomeTally implements OutcomeTally {
  private catchingUp: Promise<number> | undefined;

  constructor(private readonly pool: Pool) {}

  /** In batches by client id, all from one snapshot (the programme as it stood at one moment). */
  async *forProgramme(programmeId: string): AsyncGenerator<{ clientId: string; facts: OutcomeFacts }> {
    await this.catchUp();
    const db = await this.pool.connect();
    let open = false;
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      for (let after = ''; ; ) {
        const { rows } = await db.query<{ client_id: string; facts: OutcomeFacts }>(
          "SELECT t.client_id, t.facts FROM outcome_tally t JOIN clients c ON c.id = t.client_id WHERE c.record ->> 'programmeId' = $1 AND t.client_id > $2 ORDER BY t.client_id LIMIT $3",
          [programmeId, after, BATCH],
        );
        for (const row of rows) yield { clientId: row.client_id, facts: row.facts };
        if (rows.length < BATCH) break;
        after = rows.at(-1)!.client_id;
      }
    } finally {
      if (open) await db.query('ROLLBACK').catch(() => undefined);
      db.release();
    }
  }

  /** Stale rows worked out one client at a time, each under its row lock; requests that come together share one pass. */
  catchUp(): Promise<number> {
    this.catchingUp ??= this.workOutStale().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async workOutStale(): Promise<number> {
    const stale = (await this.pool.query<{ client_id: string }>('SELECT client_id FROM outcome_tally WHERE stale')).rows;
    let done = 0;
    for (const { client_id: clientId } of stale) {
      done += await inTransaction(this.pool, async (db) => {
        // Locked first: a writer that changes the records meanwhile applies its change after this.
        const still = await db.query('SELECT 1 FROM outcome_tally WHERE client_id = $1 AND stale FOR UPDATE', [clientId]);
        if (still.rowCount !== 1) return 0;
        const months = await db.query<{ doc: MonthDocument }>('SELECT doc FROM client_months WHERE client_id = $1 ORDER BY month', [clientId]);
        const facts = factsOfHistory(
          historyFrom(
            clientId,
            {},
            months.rows.map((r) => r.doc),
          ),
        );
        await db.query('UPDATE outcome_tally SET facts = $2, stale = false WHERE client_id = $1', [clientId, facts]);
        return 1;
      });
    }
    return done;
  }
}
