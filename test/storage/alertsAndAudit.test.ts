import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbAlerts } from '../../storage/lowdb/lowdbAlerts.js';
import { LowdbPrivacyAudit } from '../../storage/lowdb/lowdbPrivacyAudit.js';
import { alertsAndAuditContract } from './alertsAndAuditContract.js';

alertsAndAuditContract('Alerts and the privacy audit on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-alerts-'));
  const open = () => ({ alerts: new LowdbAlerts(join(dir, 'alerts')), audit: new LowdbPrivacyAudit(join(dir, 'audit', 'privacy.jsonl')) });
  return { ...open(), reopen: async () => open(), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
