import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbClientStore } from '../../storage/lowdb/lowdbClientStore.js';
import { clientStoreContract } from './clientStoreContract.js';

clientStoreContract('Clients and their history on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-clients-'));
  return { store: await LowdbClientStore.open(dir), reopen: () => LowdbClientStore.open(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
