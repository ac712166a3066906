import { createRequire } from 'node:module';
import type pg from 'pg';

const require = createRequire(import.meta.url);

/** node-postgres, loaded when a database is opened: a server on the embedded default never loads it. */
export function pgDriver(): typeof pg {
  return require('pg') as typeof pg;
}
