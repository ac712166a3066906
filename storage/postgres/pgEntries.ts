import type { Pool } from 'pg';
import type { EntryStore } from '../ports.js';

/** Entries by id in PostgreSQL, one collection per programme's directory. */
export class PgEntries<T extends { id: string }> implements EntryStore<T> {
  constructor(
    private readonly pool: Pool,
    private readonly collection: string,
  ) {}

  async readAll(): Promise<T[]> {
    return (await this.pool.query<{ entry: T }>('SELECT entry FROM entries WHERE collection = $1 ORDER BY id', [this.collection])).rows.map((r) => r.entry);
  }

  async write(entry: T): Promise<void> {
    await this.pool.query('INSERT INTO entries (collection, id, entry) VALUES ($1, $2, $3) ON CONFLICT (collection, id) DO UPDATE SET entry = $3', [
      this.collection,
      entry.id,
      entry,
    ]);
  }
}
