import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { KeyedMutex } from '../keyedMutex.js';
import type { Store } from '../ports.js';
import { MemoryExpiring } from '../lowdb/memoryExpiring.js';
import { LowdbEntries } from '../lowdb/lowdbEntries.js';
import { openStaffStore } from '../lowdb/lowdbStaff.js';
import { openLowdbStore } from '../lowdb/openLowdbStore.js';
import { hostOf } from '../postgres/databaseUrl.js';
import { openPgStore } from '../postgres/openPgStore.js';

export interface StoreConfig {
  /** The embedded store's folder (lowdb, the default). */
  dataDir: string;
  /** `postgres://…`: PostgreSQL instead of lowdb. */
  databaseUrl?: string | undefined;
  now?: () => DateTime;
  /** lowdb: a bot state file that could not be parsed was moved aside. */
  quarantined?: (from: string, to: string) => void;
  log?: (message: string) => void;
  /**
   * Opened by a command beside a running instance (staff accounts, a schedule preview): lowdb takes
   * no folder lock, so use only what is safe alongside it (reading; staff accounts, each file written whole).
   */
  alongside?: boolean;
}

/** The configured store as a person reads it: the data folder, or the database's host (never its password). */
export function storeName(config: Pick<StoreConfig, 'dataDir' | 'databaseUrl'>): string {
  return config.databaseUrl ? `the database at ${hostOf(config.databaseUrl)}` : config.dataDir;
}

/** Every port, for the configured backend: PostgreSQL when `databaseUrl` is set, else lowdb in `dataDir`. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return openPgStore(config.databaseUrl, config.log ? { log: config.log } : {});
  const lowdb = await openLowdbStore(config.dataDir, {
    ...(config.alongside ? { lock: false } : {}),
    ...(config.now ? { now: config.now } : {}),
    ...(config.quarantined ? { quarantined: config.quarantined } : {}),
  });
  const staff = openStaffStore(config.dataDir);
  return {
    backend: 'lowdb',
    // One process holds the data folder: in-process locks are every lock there is.
    turnLocks: new KeyedMutex(),
    clients: lowdb.clients,
    attention: lowdb.clients.attention,
    botStorage: lowdb.botStorage,
    smsInbox: lowdb.smsInbox,
    smsOutbox: lowdb.smsOutbox,
    schedule: lowdb.schedule,
    alerts: lowdb.alerts,
    privacyAudit: lowdb.privacyAudit,
    outcomes: lowdb.clients.outcomes,
    webChat: lowdb.webChat,
    pushSubscriptions: lowdb.pushSubscriptions,
    staffAccounts: staff.accounts,
    staffSessions: staff.sessions,
    groupEntries: <T extends { id: string }>(programmeId: string) => new LowdbEntries<T>(join(config.dataDir, 'groups', programmeId)),
    expiring: <T>(kind: string) => new MemoryExpiring<T>(kind),
    // One process holds the folder (its lock): there is nobody to differ from.
    joinAs: async () => {},
    liveInstances: async () => 1,
    close: async () => lowdb.close(),
  };
}
