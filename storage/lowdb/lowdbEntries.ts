import type { EntryStore } from '../ports.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

const ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Entries by id on lowdb (a programme's group directory): one small document per entry,
 * `<dir>/<id>.json` (pass `DATA_DIR/groups/<programme id>`), each replaced atomically, none ever removed.
 */
export class LowdbEntries<T extends { id: string }> implements EntryStore<T> {
  private readonly documents: DocumentStore<T>;

  constructor(private readonly dir: string) {
    this.documents = new DocumentStore(dir, (id) => `${id}.json`, 1000, true);
  }

  async readAll(): Promise<T[]> {
    const ids = listDir(this.dir)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort();
    const entries = await Promise.all(ids.map((id) => this.documents.read(id)));
    return entries.filter((e): e is Awaited<T> => e !== null).map((e) => structuredClone(e));
  }

  async write(entry: T): Promise<void> {
    if (!ID.test(entry.id)) throw new Error('Not an entry id');
    await this.documents.update(entry.id, () => ({ next: structuredClone(entry), result: undefined }));
  }
}
