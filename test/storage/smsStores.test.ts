import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { LowdbSmsInbox } from '../../storage/lowdb/lowdbSmsInbox.js';
import { LowdbSmsOutbox } from '../../storage/lowdb/lowdbSmsOutbox.js';
import { smsStoresContract } from './smsStoresContract.js';

smsStoresContract('SMS inbox and outbox on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-sms-stores-'));
  const now = () => DateTime.fromISO('2026-03-02T10:00:00Z');
  const open = () => ({ inbox: new LowdbSmsInbox(join(dir, 'inbound'), now), outbox: new LowdbSmsOutbox(join(dir, 'outbox')) });
  return { ...open(), reopen: async () => open(), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
