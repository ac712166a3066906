import { join } from 'node:path';
import { lockDataDir } from './dataDirLock.js';
import { LowdbBotStorage } from './lowdbBotStorage.js';
import { LowdbClientStore } from './lowdbClientStore.js';

/** The embedded store: everything under one data directory, held by one process at a time. */
export interface LowdbStore {
  clients: LowdbClientStore;
  botStorage: LowdbBotStorage;
  close(): void;
}

/**
 * Open (creating if needed) the embedded store in `dataDir`. Throws DataDirLockedError when another
 * process holds it, CorruptDataError when the client index cannot be read.
 */
export async function openLowdbStore(dataDir: string, options: { lock?: boolean } = {}): Promise<LowdbStore> {
  const release = options.lock === false ? () => {} : lockDataDir(dataDir);
  try {
    const clients = await LowdbClientStore.open(join(dataDir, 'clients'));
    const botStorage = new LowdbBotStorage(join(dataDir, 'state'));
    return { clients, botStorage, close: release };
  } catch (error) {
    release();
    throw error;
  }
}
