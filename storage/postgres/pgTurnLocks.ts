import type { Pool } from 'pg';
import { KeyedMutex } from '../keyedMutex.js';
import type { TurnLocks } from '../ports.js';
import { guardPool } from './pgGuard.js';
import { pgDriver } from './pgDriver.js';

/** The advisory-lock namespace of conversation turns (the first of the two int4 keys). */
const TURN_LOCKS = 0x4c6e7475; // "Lntu"

/**
 * Turn locks across instances: a PostgreSQL session-level advisory lock on the conversation's key,
 * held on a connection of its own for the whole turn (a pool apart from the data's, so turns
 * waiting for a lock can never use up the connections the running turn needs). Within one instance
 * turns of a conversation queue in arrival order first, so one instance holds one connection per
 * conversation at most. An instance that dies releases its locks with its connections.
 */
export class PgTurnLocks implements TurnLocks {
  private readonly local = new KeyedMutex();
  private readonly pool: Pool;

  constructor(databaseUrl: string, max = 32) {
    this.pool = guardPool(new (pgDriver().Pool)({ connectionString: databaseUrl, max }));
    this.pool.on('error', () => {});
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const db = await this.pool.connect();
      try {
        await db.query('SELECT pg_advisory_lock($1, hashtext($2))', [TURN_LOCKS, key]);
        try {
          return await work();
        } finally {
          await db.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN_LOCKS, key]);
        }
      } finally {
        db.release();
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
