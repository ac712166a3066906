import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter for one small JSON file. Reading is synchronous (a few KB from the page cache).
 * Writing fills a temp file synchronously and renames it over the file on the thread pool: the
 * rename is the slow part (ext4 starts writing the new data out before it replaces the old file,
 * which is what keeps the file whole after a power cut) and must not hold the event loop.
 * Callers must not start a write to the same file before the previous one has finished.
 */
export class JsonFile<T> implements Adapter<T> {
  private readonly temp: string;

  /** `urgent`: rename on the event loop too, instead of queueing behind other writes in the thread pool. */
  constructor(
    private readonly path: string,
    private readonly urgent = false,
  ) {
    this.temp = join(dirname(path), `.${basename(path)}.tmp`);
  }

  async read(): Promise<T | null> {
    return this.readNow();
  }

  /** The parsed file, or null when there is none; throws on anything else (unreadable, not JSON). */
  readNow(): T | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    writeFileSync(this.temp, JSON.stringify(data));
    if (this.urgent) renameSync(this.temp, this.path);
    else await rename(this.temp, this.path);
  }
}
