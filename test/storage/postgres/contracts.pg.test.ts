import type pg from 'pg';
import { PgBotStorage } from '../../../storage/postgres/pgBotStorage.js';
import { PgSmsInbox, PgSmsOutbox } from '../../../storage/postgres/pgSms.js';
import { PgAlerts, PgPrivacyAudit, PgPushSubscriptions } from '../../../storage/postgres/pgSmallStores.js';
import { PgScheduleLedger } from '../../../storage/postgres/pgScheduleLedger.js';
import { PgStaffAccounts, PgStaffSessions } from '../../../storage/postgres/pgStaff.js';
import { PgClientStore } from '../../../storage/postgres/pgClientStore.js';
import { PgClientAttention } from '../../../storage/postgres/pgClientAttention.js';
import { PgTurnLocks } from '../../../storage/postgres/pgTurnLocks.js';
import { PgWebChat } from '../../../storage/postgres/pgWebChat.js';
import { freshDatabase, sharedDatabase } from '../../support/postgres.js';
import { storageContract } from '../botStorageContract.js';
import { alertsAndAuditContract } from '../alertsAndAuditContract.js';
import { clientStoreContract } from '../clientStoreContract.js';
import { clientAttentionContract } from '../clientAttentionContract.js';
import { pushSubscriptionStoreContract } from '../pushSubscriptionsContract.js';
import { scheduleLedgerContract } from '../scheduleLedgerContract.js';
import { smsStoresContract } from '../smsStoresContract.js';
import { staffStoresContract } from '../staffStoresContract.js';
import { turnLocksContract } from '../turnLocksContract.js';
import { expiringRecordsContract } from '../expiringRecordsContract.js';
import { PgExpiring } from '../../../storage/postgres/pgExpiring.js';
import { webChatTranscriptsContract } from '../webChatTranscriptsContract.js';
import { outcomeTallyContract } from '../outcomeTallyContract.js';
import { PgOutcomeTally } from '../../../storage/postgres/pgOutcomeTally.js';

// The same contract suites as on lowdb, against a real PostgreSQL server (test/support/postgres.ts).

storageContract('PgBotStorage (PostgreSQL)', async () => {
  const db = await freshDatabase();
  return { storage: new PgBotStorage(db.pool), cleanup: db.drop };
});

webChatTranscriptsContract('WebChatTranscripts on PostgreSQL', async () => {
  const db = await freshDatabase();
  return { transcripts: new PgWebChat(db.pool), reopen: async () => new PgWebChat(db.pool), cleanup: db.drop };
});

smsStoresContract('SMS inbox and outbox on PostgreSQL', async () => {
  const db = await freshDatabase();
  const open = () => ({ inbox: new PgSmsInbox(db.pool), outbox: new PgSmsOutbox(db.pool) });
  return { ...open(), reopen: async () => open(), cleanup: db.drop };
});

pushSubscriptionStoreContract('Push subscriptions on PostgreSQL', async () => {
  const db = await freshDatabase();
  return { store: new PgPushSubscriptions(db.pool), reopen: () => new PgPushSubscriptions(db.pool), cleanup: db.drop };
});

alertsAndAuditContract('Alerts and the privacy audit on PostgreSQL (two instances)', async () => {
  const db = await sharedDatabase();
  const { second } = db;
  const open = () => ({ alerts: new PgAlerts(db.pool), audit: new PgPrivacyAudit(db.pool) });
  return {
    ...open(),
    reopen: async () => open(),
    other: new PgAlerts(second),
    cleanup: db.drop,
  };
});

scheduleLedgerContract('Schedule ledger on PostgreSQL', async () => {
  const db = await freshDatabase();
  return { ledger: new PgScheduleLedger(db.pool), reopen: async () => new PgScheduleLedger(db.pool), cleanup: db.drop };
});

staffStoresContract('Staff accounts and sessions on PostgreSQL', async () => {
  const db = await freshDatabase();
  const open = () => ({ accounts: new PgStaffAccounts(db.pool), sessions: new PgStaffSessions(db.pool) });
  return { ...open(), other: async () => open(), cleanup: db.drop };
});

clientStoreContract('Clients and their history on PostgreSQL', async () => {
  const db = await freshDatabase();
  return { store: new PgClientStore(db.pool), reopen: async () => new PgClientStore(db.pool), cleanup: db.drop };
});

clientAttentionContract('When clients need the scheduler, on PostgreSQL (two instances)', async () => {
  const db = await sharedDatabase();
  const { second } = db;
  return {
    clients: new PgClientStore(db.pool),
    attention: new PgClientAttention(db.pool),
    other: new PgClientAttention(second),
    cleanup: db.drop,
  };
});

turnLocksContract('Turn locks on PostgreSQL (two instances)', async () => {
  const db = await freshDatabase();
  const first = new PgTurnLocks(db.url);
  const second = new PgTurnLocks(db.url);
  return {
    first,
    second,
    cleanup: async () => {
      await first.close();
      await second.close();
      await db.drop();
    },
  };
});

expiringRecordsContract('Expiring records on PostgreSQL (two instances)', async () => {
  const db = await sharedDatabase();
  const { second } = db;
  return {
    open: <T>(kind: string) => new PgExpiring<T>(db.pool, kind),
    other: <T>(kind: string) => new PgExpiring<T>(second, kind),
    cleanup: db.drop,
  };
});

outcomeTallyContract('The outcome tally on PostgreSQL (two instances)', async () => {
  const db = await sharedDatabase(8);
  const { second } = db;
  const open = async (pool: pg.Pool) => ({ clients: new PgClientStore(pool), tally: new PgOutcomeTally(pool) });
  return {
    ...(await open(db.pool)),
    reopen: () => open(db.pool),
    other: () => open(second),
    cleanup: db.drop,
  };
});
