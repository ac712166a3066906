import type { Pool, PoolClient } from 'pg';
import { StoreUnavailableError } from '../errors.js';

/** Error codes of a lost or refused connection (Node's and PostgreSQL's SQLSTATE classes 08 and 57P). */
const CONNECTION_LOST = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

/** Whether an error from pg means the database could not be reached (not that a query was wrong). */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  const message = (error as Error | null)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|is not currently accepting connections|the database system is (starting up|shutting down)/i.test(
    message,
  );
}

function translated(error: unknown): never {
  throw isConnectionLost(error) ? new StoreUnavailableError({ cause: error }) : error;
}

/**
 * A method that, called promise-style (no callback last), fails with StoreUnavailableError when
 * the database cannot be reached; called with a callback (as pg calls itself) it is left alone.
 */
function guarded<F>(method: F): F {
  const call = method as unknown as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) => {
    if (typeof args.at(-1) === 'function') return call(...args);
    return (call(...args) as Promise<unknown>).catch(translated);
  }) as unknown as F;
}

/**
 * Make every query through this pool (and the connections it lends) fail with StoreUnavailableError
 * when the database cannot be reached, so nothing outside storage/ needs to know pg's errors: the
 * HTTP layer answers 503 (Twilio then retries a text instead of taking a 200 for a text not stored).
 */
export function guardPool(pool: Pool): Pool {
  pool.query = guarded(pool.query.bind(pool)) as Pool['query'];
  pool.connect = guarded(pool.connect.bind(pool)) as Pool['connect'];
  pool.on('connect', (client: PoolClient) => {
    client.query = guarded(client.query.bind(client)) as PoolClient['query'];
    // A connection the server ends while lent out (a restart) fails its query; the 'error' event
    // it also emits must not end the process.
    client.on('error', () => {});
  });
  return pool;
}
