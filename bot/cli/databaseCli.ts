import pg from 'pg';
import { loadEnv, type AppConfig } from '../config/env.js';
import { ConfigError } from '../platform/formatIssues.js';

/**
 * Run a database command (`npm run db:…`) against DATABASE_URL: a plain message and exit 1 for a
 * bad environment or no DATABASE_URL, `failed` and the error's message when `work` throws.
 */
export async function withDatabase(
  failed: string,
  work: (pool: pg.Pool, config: Readonly<AppConfig> & { databaseUrl: string }) => Promise<void>,
): Promise<void> {
  try {
    const config = loadEnv();
    if (!config.databaseUrl)
      throw new ConfigError('The environment (.env)', ['DATABASE_URL: required: the PostgreSQL database to use (lowdb needs no database command)']);
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
    try {
      await work(pool, { ...config, databaseUrl: config.databaseUrl });
    } catch (error) {
      process.stderr.write(`${failed}: ${(error as Error).message}\n`);
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
}
