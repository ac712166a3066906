import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbClientStore } from '../../storage/lowdb/lowdbClientStore.js';
import { clientStoreContract } from './clientStoreContract.js';
import { clientAttentionContract } from './clientAttentionContract.js';

clientStoreContract('Clients and their history on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-clients-'));
  return {
    store: await LowdbClientStore.open(dir),
    reopen: () => LowdbClientStore.open(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

clientAttentionContract('When clients need the scheduler, on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-attention-'));
  const clients = await LowdbClientStore.open(dir);
  return { clients, attention: clients.attention, other: clients.attention, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
