import { join } from 'node:path';
import { DateTime } from 'luxon';
import { lockDataDir } from './dataDirLock.js';
import { LowdbBotStorage } from './lowdbBotStorage.js';
import { LowdbClientStore } from './lowdbClientStore.js';
import { LowdbSmsInbox } from './lowdbSmsInbox.js';
import { LowdbSmsOutbox } from './lowdbSmsOutbox.js';
import { LowdbScheduleLedger } from './lowdbScheduleLedger.js';
import { LowdbAlerts } from './lowdbAlerts.js';
import { LowdbPrivacyAudit } from './lowdbPrivacyAudit.js';
import { LowdbWebChat } from './lowdbWebChat.js';
import { LowdbPushSubscriptions } from './lowdbPushSubscriptions.js';

/** The embedded store: everything under one data directory, held by one process at a time. */
export interface LowdbStore {
  clients: LowdbClientStore;
  botStorage: LowdbBotStorage;
  smsInbox: LowdbSmsInbox;
  smsOutbox: LowdbSmsOutbox;
  schedule: LowdbScheduleLedger;
  alerts: LowdbAlerts;
  privacyAudit: LowdbPrivacyAudit;
  webChat: LowdbWebChat;
  pushSubscriptions: LowdbPushSubscriptions;
  close(): void;
}

/**
 * Open (creating if needed) the embedded store in `dataDir`. Throws DataDirLockedError when another
 * process holds it, CorruptDataError when the client index cannot be read.
 */
export async function openLowdbStore(
  dataDir: string,
  options: {
    lock?: boolean;
    now?: () => DateTime;
    /** A bot state file that could not be parsed was moved from `from` to `to` (under DATA_DIR/quarantine). */
    quarantined?: (from: string, to: string) => void;
  } = {},
): Promise<LowdbStore> {
  const now = options.now ?? (() => DateTime.utc());
  const release = options.lock === false ? () => {} : lockDataDir(dataDir);
  try {
    const clients = await LowdbClientStore.open(join(dataDir, 'clients'), { alongside: options.lock === false });
    const botStorage = new LowdbBotStorage(join(dataDir, 'state'), {
      dir: join(dataDir, 'quarantine'),
      now,
      moved: options.quarantined ?? (() => {}),
    });
    const smsInbox = new LowdbSmsInbox(join(dataDir, 'sms', 'inbound'), now);
    const smsOutbox = new LowdbSmsOutbox(join(dataDir, 'sms', 'outbox'));
    const schedule = new LowdbScheduleLedger(join(dataDir, 'schedule'));
    const alerts = new LowdbAlerts(join(dataDir, 'alerts'));
    const privacyAudit = new LowdbPrivacyAudit(join(dataDir, 'audit', 'privacy.jsonl'));
    const webChat = new LowdbWebChat(join(dataDir, 'webchat'));
    const pushSubscriptions = new LowdbPushSubscriptions(join(dataDir, 'push'));
    return { clients, botStorage, smsInbox, smsOutbox, schedule, alerts, privacyAudit, webChat, pushSubscriptions, close: release };
  } catch (error) {
    release();
    throw error;
  }
}
