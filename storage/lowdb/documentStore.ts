import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { CorruptDataError } from '../errors.js';
import { KeyedMutex } from '../keyedMutex.js';

/**
 * A directory of small JSON documents, one file per key, each a lowdb database.
 * A write serialises only that document (so its cost follows that document's size), is atomic
 * (steno writes a temp file and renames it) and is ordered per key. A document that cannot be
 * parsed raises CorruptDataError and is never written over.
 */
export class DocumentStore<T> {
  private readonly cache = new Map<string, Low<T | null>>();
  private readonly locks = new KeyedMutex();
  private readonly knownDirs = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly fileFor: (key: string) => string,
    private readonly cacheSize = 1000,
  ) {}

  /** The document for `key`, or null when there is none. Queued behind writes to the same key. */
  read(key: string): Promise<T | null> {
    return this.locks.run(key, async () => (await this.open(key)).data);
  }

  /**
   * Read-modify-write one document under its lock. `change` gets the current document (or null)
   * and returns the new one, or undefined to leave the file as it is.
   */
  update<R>(key: string, change: (current: T | null) => { next?: T; result: R }): Promise<R> {
    return this.locks.run(key, async () => {
      const db = await this.open(key);
      const { next, result } = change(db.data);
      if (next !== undefined) {
        await this.ensureDir(this.pathFor(key));
        db.data = next;
        try {
          await db.write();
        } catch (error) {
          // The file still holds the previous version: forget the unsaved one.
          this.cache.delete(key);
          throw error;
        }
      }
      return result;
    });
  }

  /** Remove a document; an absent one is not an error. */
  remove(key: string): Promise<void> {
    return this.locks.run(key, async () => {
      await rm(this.pathFor(key), { force: true });
      this.cache.delete(key);
    });
  }

  pathFor(key: string): string {
    return join(this.dir, this.fileFor(key));
  }

  private async open(key: string): Promise<Low<T | null>> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const path = this.pathFor(key);
    const db = new Low<T | null>(new DataFile<T | null>(path, { parse: JSON.parse, stringify: JSON.stringify }), null);
    try {
      await db.read();
    } catch (cause) {
      throw new CorruptDataError(path, { cause });
    }
    this.cache.set(key, db);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
    return db;
  }

  private async ensureDir(path: string): Promise<void> {
    const dir = dirname(path);
    if (this.knownDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.knownDirs.add(dir);
  }
}
