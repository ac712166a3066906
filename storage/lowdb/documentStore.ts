import { mkdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { Low } from 'lowdb';
import type { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import { CorruptDataError } from '../errors.js';
import { KeyedMutex } from '../keyedMutex.js';
import { JsonFile } from './jsonFile.js';

/**
 * A directory of small JSON documents, one file per key, each a lowdb database.
 * A write serialises only that document (so its cost follows that document's size), is atomic
 * (temp file renamed over the old one) and is ordered per key. A document that cannot be parsed
 * is never written over or deleted: it raises CorruptDataError, or, for a store given a quarantine,
 * is moved aside there (named with the time and its own path) and the key starts afresh.
 */
export class DocumentStore<T> {
  private readonly cache: LRUCache<string, Low<T | null>>;
  private readonly locks = new KeyedMutex();
  private readonly knownDirs = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly fileFor: (key: string) => string,
    cacheSize = 1000,
    /** Writes someone is waiting on right now (a webhook's answer): done at once on the event loop. */
    private readonly urgent = false,
    private readonly quarantine?: Quarantine,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
  }

  /** The document for `key`, or null when there is none. Queued behind writes to the same key. */
  read(key: string): Promise<T | null> {
    return this.locks.run(key, async () => this.open(key).data);
  }

  /**
   * Read-modify-write one document under its lock. `change` gets the current document (or null)
   * and returns the new one (it may change `current` in place), or undefined to leave the file as it
   * is. A `change` that throws must leave `current` as it was: nothing is written.
   */
  update<R>(key: string, change: (current: T | null) => { next?: T; result: R }): Promise<R> {
    return this.locks.run(key, async () => {
      const db = this.open(key);
      const { next, result } = change(db.data);
      if (next !== undefined) {
        this.ensureDir(this.pathFor(key));
        db.data = next;
        try {
          await db.write();
        } catch (error) {
          // The file still holds the previous version (which `change` may have altered in memory): forget it.
          this.cache.delete(key);
          throw error;
        }
      }
      return result;
    });
  }

  /** Remove a document; an absent one is not an error, an unreadable one is never removed (see above). */
  remove(key: string): Promise<void> {
    return this.locks.run(key, async () => {
      this.open(key);
      this.cache.delete(key);
      await rm(this.pathFor(key), { force: true });
    });
  }

  /** Drop a document from the cache without reading or touching its file (the file is being removed). */
  forget(key: string): Promise<void> {
    return this.locks.run(key, async () => {
      this.cache.delete(key);
    });
  }

  pathFor(key: string): string {
    return join(this.dir, this.fileFor(key));
  }

  private open(key: string): Low<T | null> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const path = this.pathFor(key);
    const file = new JsonFile<T | null>(path, this.urgent);
    let data: T | null;
    try {
      data = file.readNow();
    } catch (cause) {
      if (!this.quarantine) throw new CorruptDataError(path, { cause });
      this.moveAside(path);
      data = null;
    }
    const db = new Low<T | null>(file, null);
    db.data = data;
    this.cache.set(key, db);
    return db;
  }

  private moveAside(path: string): void {
    const { dir, now, moved } = this.quarantine!;
    const stamp = now().toUTC().toFormat("yyyyMMdd'T'HHmmss.SSS'Z'");
    const to = join(dir, `${stamp}-${relative(this.dir, path).split(/[\\/]/).join('_') || basename(path)}`);
    mkdirSync(dir, { recursive: true });
    renameSync(path, to);
    moved(path, to);
  }

  private ensureDir(path: string): void {
    const dir = dirname(path);
    if (this.knownDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.knownDirs.add(dir);
  }
}

/** Where a store moves files it cannot parse, and whom it tells (by path only). */
export interface Quarantine {
  dir: string;
  now: () => DateTime;
  moved: (from: string, to: string) => void;
}
