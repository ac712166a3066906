import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbScheduleLedger } from '../../storage/lowdb/lowdbScheduleLedger.js';
import { scheduleLedgerContract } from './scheduleLedgerContract.js';

scheduleLedgerContract('Schedule ledger on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-ledger-'));
  return {
    ledger: new LowdbScheduleLedger(dir),
    reopen: async () => new LowdbScheduleLedger(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
