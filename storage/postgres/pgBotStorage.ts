import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import type { Pool } from 'pg';
import { ETagConflictError } from '../errors.js';

/**
 * botbuilder `Storage` in PostgreSQL, with MemoryStorage's eTag semantics (the same contract suite
 * as LowdbBotStorage): a write with a stale eTag is refused in the database itself, so two
 * instances running turns of one conversation can never both win; an unknown key is absent from `read`.
 */
export class PgBotStorage implements Storage {
  constructor(private readonly pool: Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.pool.query<{ key: string; etag: string; item: StoreItem }>('SELECT key, etag, item FROM bot_state WHERE key = ANY($1)', [keys]);
    for (const row of rows.rows) items[row.key] = { ...row.item, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(async ([key, change]) => {
        const wanted = (change as StoreItem | undefined)?.eTag;
        const { eTag: _ignored, ...item } = JSON.parse(JSON.stringify(change)) as StoreItem;
        const etag = newETag();
        if (!wanted || wanted === '*') {
          await this.pool.query('INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET etag = $2, item = $3', [
            key,
            etag,
            item,
          ]);
          return;
        }
        // Written only if absent or still at the eTag the writer read.
        const result = await this.pool.query(
          'INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET etag = $2, item = $3 WHERE bot_state.etag = $4',
          [key, etag, item, wanted],
        );
        if (result.rowCount !== 1) throw new ETagConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length > 0) await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }

  /** Remove every state whose contents mention `text` (a client id, for an erasure); returns how many went. */
  async removeMentioning(text: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM bot_state WHERE strpos(item::text, $1) > 0 OR strpos(key, $1) > 0', [text]);
    return result.rowCount ?? 0;
  }
}

function newETag(): string {
  return randomBytes(8).toString('hex');
}
