// `npm run db:migrate`: bring the PostgreSQL database named by DATABASE_URL to this code's schema.
// Every step not yet applied goes in one transaction (all or none), under an advisory lock, so it is
// safe to run while instances are starting and to run again.
import pg from 'pg';
import { loadEnv } from '../config/env.js';
import { ConfigError } from '../config/formatIssues.js';
import { migrate, migrations } from '../../storage/postgres/migrate.js';
import { hostOf } from '../../storage/postgres/openPgStore.js';

try {
  const config = loadEnv();
  if (!config.databaseUrl) {
    process.stderr.write('DATABASE_URL is not set (in .env or the environment): there is no PostgreSQL database to migrate. lowdb needs no migration.\n');
    process.exit(1);
  }
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1, connectionTimeoutMillis: 5000 });
  try {
    const applied = await migrate(pool);
    const latest = migrations().at(-1)?.version ?? 0;
    process.stdout.write(
      applied.length === 0
        ? `The database at ${hostOf(config.databaseUrl)} is up to date (schema version ${latest}).\n`
        : `Applied ${applied.length} migration(s) to ${hostOf(config.databaseUrl)}: ${applied.join(', ')}. Schema version ${latest}.\n`,
    );
  } catch (error) {
    process.stderr.write(`The migration failed and changed nothing: ${(error as Error).message}\n`);
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
