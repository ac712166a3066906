import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ProgrammeMismatchError } from '../errors.js';

/** An instance not seen for this long has stopped (or died). */
const LIVE_MS = 90_000;
const BEAT_MS = 30_000;

/** This instance's row in `instances`, kept fresh while it runs and removed when it stops. */
export class PgInstances {
  private readonly id = randomUUID();
  private beat: NodeJS.Timeout | undefined;

  constructor(private readonly pool: Pool) {}

  async join(programmeSha256: string): Promise<void> {
    const other = (
      await this.pool.query<{ programme_sha: string }>(
        `SELECT programme_sha FROM instances WHERE programme_sha <> $1 AND seen_at > now() - interval '${LIVE_MS / 1000} seconds' LIMIT 1`,
        [programmeSha256],
      )
    ).rows[0];
    if (other) throw new ProgrammeMismatchError(other.programme_sha, programmeSha256);
    await this.pool.query('INSERT INTO instances (id, programme_sha) VALUES ($1, $2)', [this.id, programmeSha256]);
    // The database's own clock decides who is live, so instances' clocks never disagree about it.
    this.beat = setInterval(() => void this.pool.query('UPDATE instances SET seen_at = now() WHERE id = $1', [this.id]).catch(() => undefined), BEAT_MS);
    this.beat.unref();
  }

  async live(): Promise<number> {
    const n = (await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM instances WHERE seen_at > now() - interval '${LIVE_MS / 1000} seconds'`)).rows[0]
      ?.n;
    return Math.max(1, Number(n ?? 1));
  }

  async leave(): Promise<void> {
    if (this.beat) clearInterval(this.beat);
    this.beat = undefined;
    await this.pool.query('DELETE FROM instances WHERE id = $1', [this.id]).catch(() => undefined);
  }
}
