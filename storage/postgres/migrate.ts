import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { PROJECT_ROOT } from '../../bot/platform/projectRoot.js';

// From the project folder, so the compiled dist/ reads the same files.
const MIGRATIONS_DIR = pathToFileURL(join(PROJECT_ROOT, 'storage', 'postgres', 'migrations', '/'));
/** The advisory lock every migration run takes, so two instances starting at once apply each step once. */
const MIGRATION_LOCK = 0x4c6e6b77; // "Lnkw"

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The schema's numbered SQL files (`0001_name.sql`), in order. */
export function migrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, dir), 'utf8');
      return { version: Number(file.slice(0, 4)), name: file.slice(5, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export type SchemaState =
  | { state: 'current'; version: number }
  | { state: 'behind'; version: number; wanted: number; missing: number[] }
  | { state: 'ahead'; version: number; wanted: number };

/** Where the database's schema stands against this code's migrations (without changing anything). */
export async function schemaState(pool: Pool, all: Migration[] = migrations()): Promise<SchemaState> {
  const wanted = all.at(-1)?.version ?? 0;
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t");
  const applied = exists.rows[0]?.t
    ? new Set((await pool.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)))
    : new Set<number>();
  const version = Math.max(0, ...applied);
  if (version > wanted) return { state: 'ahead', version, wanted };
  // Behind also when a step below the highest applied is missing (written later, numbered lower).
  const missing = all.map((m) => m.version).filter((v) => !applied.has(v));
  return missing.length === 0 ? { state: 'current', version } : { state: 'behind', version, wanted, missing };
}

/**
 * Apply every migration the database has not had, in order, in ONE transaction under an advisory
 * lock: all of them or (on any error) none, and two instances migrating at once apply each once.
 * A migration already applied whose file has changed since is refused. Returns the versions applied.
 */
export async function migrate(pool: Pool, all: Migration[] = migrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Map(
      (await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map((r) => [r.version, r.checksum]),
    );
    const done: number[] = [];
    for (const migration of all) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum)
          throw new Error(`Migration ${migration.version} (${migration.name}) has changed since it was applied: add a new migration instead.`);
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await rollback(client);
    throw error;
  } finally {
    client.release();
  }
}

async function rollback(client: PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch {
    // The connection is gone: nothing was committed.
  }
}
