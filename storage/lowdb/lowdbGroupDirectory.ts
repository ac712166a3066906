import type { GroupDirectoryStore, GroupEntry } from '../../bot/groups/groupDirectory.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

const ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * A programme's group directory on lowdb: one small document per group, `<dir>/<group id>.json`
 * (pass `DATA_DIR/groups/<programme id>`), each replaced atomically, none ever removed.
 */
export class LowdbGroupDirectory implements GroupDirectoryStore {
  private readonly documents: DocumentStore<GroupEntry>;

  constructor(private readonly dir: string) {
    this.documents = new DocumentStore(dir, (id) => `${id}.json`, 1000, true);
  }

  async readAll(): Promise<GroupEntry[]> {
    const ids = listDir(this.dir)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort();
    const entries = await Promise.all(ids.map((id) => this.documents.read(id)));
    return entries.filter((e): e is GroupEntry => e !== null).map((e) => structuredClone(e));
  }

  async write(entry: GroupEntry): Promise<void> {
    if (!ID.test(entry.id)) throw new Error('Not a group id');
    await this.documents.update(entry.id, () => ({ next: structuredClone(entry), result: undefined }));
  }
}
