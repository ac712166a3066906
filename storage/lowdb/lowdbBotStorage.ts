import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import { ETagConflictError } from '../errors.js';
import { DocumentStore, type Quarantine } from './documentStore.js';
import { listDir } from './listDir.js';

interface StoredState {
  key: string;
  eTag: string;
  item: StoreItem;
}

/**
 * botbuilder `Storage` on lowdb: one small file per key (dialog and conversation state), so a
 * turn writes only its own conversation's state. eTag semantics match MemoryStorage: an unknown
 * key is absent from `read`; `'*'` or no eTag writes unconditionally; a stale eTag rejects; every
 * write stamps a new eTag. A state file that cannot be parsed is moved to the quarantine (when
 * given) and its conversation starts afresh; without one it raises CorruptDataError.
 */
export class LowdbBotStorage implements Storage {
  private readonly docs: DocumentStore<StoredState>;

  constructor(
    private readonly dir: string,
    quarantine?: Quarantine,
  ) {
    this.docs = new DocumentStore<StoredState>(dir, fileForKey, 1000, false, quarantine);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const stored = await this.docs.read(key);
        if (stored) items[key] = { ...structuredClone(stored.item), eTag: stored.eTag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(([key, change]) =>
        this.docs.update(key, (current) => {
          const wanted = (change as StoreItem | undefined)?.eTag;
          if (current && wanted && wanted !== '*' && wanted !== current.eTag) throw new ETagConflictError(key);
          // A JSON copy, as on disk: otherwise a Date (or luxon DateTime) read back from the cache
          // stays an object until a restart turns it into a string.
          const { eTag: _ignored, ...item } = JSON.parse(JSON.stringify(change)) as StoreItem;
          return { next: { key, eTag: newETag(), item }, result: undefined };
        }),
      ),
    );
  }

  /**
   * Remove every state file whose contents mention `text` (a client id: their conversations' dialog
   * state), unreadable ones included; returns how many went. Reads every file: for an erasure, not a turn.
   */
  async removeMentioning(text: string): Promise<number> {
    let removed = 0;
    for (const file of listDir(this.dir).flatMap((shard) => listDir(join(this.dir, shard)).map((name) => join(this.dir, shard, name)))) {
      if (!file.endsWith('.json') || !readFileSync(file, 'utf8').includes(text)) continue;
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredState>;
      if (stored.key) await this.docs.forget(stored.key);
      rmSync(file, { force: true });
      removed += 1;
    }
    return removed;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.docs.remove(key)));
  }
}

// Keys are caller-chosen text ("webchat/conversations/abc|0001"): hash them into safe file names,
// fanned out over 256 folders so no directory grows past a few thousand files.
function fileForKey(key: string): string {
  const hash = createHash('sha256').update(key).digest('hex');
  return `${hash.slice(0, 2)}/${hash.slice(2, 40)}.json`;
}

function newETag(): string {
  return randomBytes(9).toString('base64url');
}
