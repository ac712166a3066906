import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { staffStoresContract } from './staffStoresContract.js';

staffStoresContract('Staff accounts and sessions on lowdb', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-staff-'));
  return { ...openStaffStore(dataDir), other: async () => openStaffStore(dataDir), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
});
