import type { Store } from '../ports.js';
import { DatabaseUnavailableError, SchemaBehindError } from '../errors.js';
import { schemaState } from './migrate.js';
import { guardPool } from './pgGuard.js';
import { PgBotStorage } from './pgBotStorage.js';
import { PgClientAttention } from './pgClientAttention.js';
import { PgClientStore } from './pgClientStore.js';
import { PgExpiring } from './pgExpiring.js';
import { PgEntries } from './pgEntries.js';
import { PgOutcomeTally } from './pgOutcomeTally.js';
import { PgScheduleLedger } from './pgScheduleLedger.js';
import { PgAlerts, PgPrivacyAudit, PgPushSubscriptions } from './pgSmallStores.js';
import { PgSmsInbox, PgSmsOutbox } from './pgSms.js';
import { PgStaffAccounts, PgStaffSessions } from './pgStaff.js';
import { PgTurnLocks } from './pgTurnLocks.js';
import { PgInstances } from './pgInstances.js';
import { PgWebChat } from './pgWebChat.js';
import { hostOf } from './databaseUrl.js';
import { pgDriver } from './pgDriver.js';

export { hostOf };

/**
 * Open the PostgreSQL store at `databaseUrl`. Refuses (DatabaseUnavailableError, naming the host)
 * when the server cannot be reached, and (SchemaBehindError) when its schema is older or newer
 * than this code's migrations: nothing is written in either case.
 */
export async function openPgStore(databaseUrl: string, options: { log?: (message: string) => void } = {}): Promise<Store> {
  const pool = guardPool(new (pgDriver().Pool)({ connectionString: databaseUrl, max: 16, connectionTimeoutMillis: 5000 }));
  // A connection the server drops while idle is replaced on next use; it must not stop the process.
  pool.on('error', () => options.log?.('an idle database connection was closed by the server'));
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(hostOf(databaseUrl), { cause });
  }
  const schema = await schemaState(pool);
  if (schema.state !== 'current') {
    await pool.end();
    throw new SchemaBehindError(schema.version, schema.wanted, schema.state === 'behind' ? schema.missing : []);
  }
  const staffAccounts = new PgStaffAccounts(pool);
  const turnLocks = new PgTurnLocks(databaseUrl);
  const instances = new PgInstances(pool);
  return {
    backend: 'postgres',
    turnLocks,
    clients: new PgClientStore(pool),
    attention: new PgClientAttention(pool),
    botStorage: new PgBotStorage(pool),
    smsInbox: new PgSmsInbox(pool),
    smsOutbox: new PgSmsOutbox(pool),
    schedule: new PgScheduleLedger(pool),
    alerts: new PgAlerts(pool),
    privacyAudit: new PgPrivacyAudit(pool),
    outcomes: new PgOutcomeTally(pool),
    webChat: new PgWebChat(pool),
    pushSubscriptions: new PgPushSubscriptions(pool),
    staffAccounts,
    staffSessions: new PgStaffSessions(pool),
    groupEntries: <T extends { id: string }>(programmeId: string) => new PgEntries<T>(pool, `groups:${programmeId}`),
    expiring: <T>(kind: string) => new PgExpiring<T>(pool, kind),
    joinAs: (programmeSha256) => instances.join(programmeSha256),
    liveInstances: () => instances.live(),
    close: async () => {
      await instances.leave();
      await turnLocks.close();
      await pool.end();
    },
  };
}
