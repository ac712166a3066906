import type { Activity } from 'botbuilder-core';
import type {
  ClientHistoryRepository,
  ClientRepository,
  PrivacyAudit,
  PushSubscriptionStore,
  ScheduleLedgerRepository,
  SmsInbox,
  SmsOutbox,
  WebChatTranscripts,
} from '../../../storage/ports.js';
import type { AlertRecord, ClientHistory, ClientRecord, OutboundSmsRecord } from '../../../storage/records.js';
import type { AlertService } from '../alerts/alertService.js';
import type { Clock } from '../../time/clock.js';
import type { Logger } from '../../platform/logger.js';

/** Everything Linkwell holds about one client, as one JSON document. */
export interface ClientExport {
  exportedAt: string;
  programmeId: string;
  client: ClientRecord;
  history: Omit<ClientHistory, 'conversationReferences'>;
  alerts: AlertRecord[];
  textsSent: Array<Pick<OutboundSmsRecord, 'id' | 'body' | 'createdAt' | 'status' | 'sentAt' | 'delivery'>>;
  /** The web chat as kept (who wrote, when, the words and any button pressed). */
  webChat: Array<Pick<Activity, 'type' | 'timestamp' | 'text' | 'value'> & { from: 'client' | 'linkwell' }>;
}

export interface ClientDataDeps {
  programmeId: string;
  clients: ClientRepository;
  history: ClientHistoryRepository;
  alerts: Pick<AlertService, 'list' | 'removeForClient'>;
  ledger: Pick<ScheduleLedgerRepository, 'erase'>;
  smsOutbox: Pick<SmsOutbox, 'forClient' | 'removeForClient'> | undefined;
  smsInbox: Pick<SmsInbox, 'removePendingFor'> | undefined;
  /** Conversation state (dialogs in progress) that names the client. */
  conversationState: { removeMentioning(text: string): Promise<number> };
  /** The client's web chat (kept so it continues across reloads). */
  webChat: Pick<WebChatTranscripts, 'since' | 'erase'>;
  /** The browsers that get the client's notices. */
  pushSubscriptions: Pick<PushSubscriptionStore, 'removeForClient'>;
  audit: PrivacyAudit;
  clock: Clock;
  log: Logger;
}

/**
 * A client's data, for their rights over it: exported whole (one JSON file) and erased whole
 * (record, history, alerts, texts, conversation state, schedule). Each export and erasure is
 * audited with who and when, never with what the data said.
 */
export class ClientData {
  constructor(private readonly deps: ClientDataDeps) {}

  /** Everything held about the client; undefined for no such client. */
  async export(clientId: string, by: string): Promise<ClientExport | undefined> {
    const client = await this.deps.clients.get(clientId);
    if (!client) return undefined;
    const { conversationReferences: _references, ...history } = await this.deps.history.history(clientId);
    const texts = (await this.deps.smsOutbox?.forClient(clientId)) ?? [];
    const at = this.deps.clock.now().toISO()!;
    await this.deps.audit.record({ at, action: 'export', clientId, by });
    this.deps.log.info('client data exported', { clientId });
    return {
      exportedAt: at,
      programmeId: this.deps.programmeId,
      client,
      history,
      alerts: await this.deps.alerts.list({ clientId }),
      textsSent: texts.map(({ id, body, createdAt, status, sentAt, delivery }) => ({ id, body, createdAt, status, sentAt, delivery })),
      webChat: (await this.deps.webChat.since(clientId, 0)).activities
        .filter((a) => a.type === 'message')
        .map((a) => ({ type: a.type, timestamp: a.timestamp, text: a.text, value: a.value, from: a.from?.role === 'bot' ? 'linkwell' : 'client' })),
    };
  }

  /** Erase everything held about the client (what went, by kind); undefined for no such client. Audited once done. */
  async erase(clientId: string, by: string): Promise<Record<string, number> | undefined> {
    const client = await this.deps.clients.get(clientId);
    if (!client) return undefined;
    const at = this.deps.clock.now().toISO()!;
    const removed: Record<string, number> = {
      webChats: (await this.deps.webChat.erase(clientId)) ? 1 : 0,
      pushSubscriptions: await this.deps.pushSubscriptions.removeForClient(clientId),
      alerts: await this.deps.alerts.removeForClient(clientId),
      texts: (await this.deps.smsOutbox?.removeForClient(clientId, client.phone)) ?? 0,
      textsWaiting: (await this.deps.smsInbox?.removePendingFor(clientId)) ?? 0,
      conversations: await this.deps.conversationState.removeMentioning(clientId),
    };
    await this.deps.ledger.erase(clientId);
    await this.deps.clients.erase(clientId);
    await this.deps.audit.record({ at, action: 'erase', clientId, by, removed });
    this.deps.log.info('client data erased', { clientId, removed });
    return removed;
  }
}
