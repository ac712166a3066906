// `npm run db:import -- --from DATA_DIR`: copy a lowdb data folder into the PostgreSQL database
// named by DATABASE_URL (migrated first), then check every collection: the count and a checksum of
// the records in the folder against the same records read back from the database. Safe to run
// again; refused while a server holds the folder. Exit 1 when anything does not match.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadEnv } from '../config/env.js';
import { ConfigError } from '../config/formatIssues.js';
import { importLowdb } from '../../storage/postgres/importLowdb.js';
import { schemaState } from '../../storage/postgres/migrate.js';
import { hostOf } from '../../storage/postgres/openPgStore.js';

try {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  const config = loadEnv();
  if (!config.databaseUrl) throw new ConfigError('The environment (.env)', ['DATABASE_URL: required: the PostgreSQL database to copy into']);
  const from = resolve(values.from ?? config.dataDir);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
  try {
    const schema = await schemaState(pool);
    if (schema.state !== 'current') throw new Error(`The database schema is at version ${schema.version}, not ${schema.wanted}: run npm run db:migrate first.`);
    const checks = await importLowdb(from, pool);
    const width = Math.max(...checks.map((c) => c.collection.length));
    const lines = checks.map((c) => {
      const same = c.source.count === c.copied.count && c.source.sha256 === c.copied.sha256;
      return `  ${c.collection.padEnd(width)}  ${String(c.source.count).padStart(7)} in the folder  ${String(c.copied.count).padStart(7)} in the database  ${same ? `same (sha256 ${c.source.sha256.slice(0, 12)})` : 'DIFFERENT'}`;
    });
    const failed = checks.some((c) => c.source.count !== c.copied.count || c.source.sha256 !== c.copied.sha256);
    process.stdout.write(`Copied ${from} into ${hostOf(config.databaseUrl)}:\n${lines.join('\n')}\n${failed ? 'Some collections differ: do not switch to the database yet.\n' : 'Every collection matches.\n'}`);
    if (failed) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`The import stopped: ${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
