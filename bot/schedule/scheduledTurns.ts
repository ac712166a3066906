import type { ConversationReference } from 'botbuilder-core';
import { DateTime } from 'luxon';
import type { ClientHistoryRepository, SmsOutbox, WebChatTranscripts } from '../../storage/ports.js';
import type { CheckInRecord, ClientRecord } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';
import { hasAgreed } from '../channels/contactPreferences.js';
import { memoZone } from '../time/memoZone.js';
import { nextAllowed, type QuietHours } from '../time/quietHours.js';
import type { ScheduledDelivery } from './scheduleDispatcher.js';
import { LOCAL_DIRECTLINE_SERVICE_URL, transcriptHoldsOccurrence } from '../channels/directline/directLineAdapter.js';
import { occurrenceMessageId } from '../channels/scheduledMessageIds.js';
import { SMS_SERVICE_URL } from '../channels/sms/twilioSmsAdapter.js';
import { EXPIRE_CHECK_IN_EVENT, SCHEDULED_MESSAGE_EVENT, SCHEDULED_OUTCOME, channelKey } from '../channels/turnKeys.js';
import { conversationOf, proactiveTurn, type ProactiveDeps } from '../../dialogs/checkInStarter.js';
import type { DeliveryOutcome, ScheduledMessage } from '../channels/scheduledMessage.js';

/** What an unopened web chat check-in needs to go by text instead (programme `webChat.smsWhenUnopened`, SMS on). */
export interface SmsFallbackDeps {
  quietHours: QuietHours;
  clock: Clock;
  webChat: Pick<WebChatTranscripts, 'get'>;
  /** The client's SMS conversation, which needs no text from them first. */
  smsReference: (clientId: string) => Partial<ConversationReference>;
}

export interface ScheduledTurnsDeps extends ProactiveDeps {
  history: Pick<ClientHistoryRepository, 'conversationReference' | 'history'>;
  /** The SMS outbox, when SMS is on: where a scheduled text's deterministic id shows it was sent. */
  smsOutbox?: Pick<SmsOutbox, 'get'> | undefined;
  /** The web chat transcripts: where a scheduled web chat message's id shows it was sent. */
  webChat?: Pick<WebChatTranscripts, 'since'> | undefined;
  smsFallback?: SmsFallbackDeps | undefined;
}

/** The occurrence key of a check-in sent again by text (its web chat one went unopened). */
const BY_SMS = '|by-sms';

/** The scheduler's way to the client: proactive turns of the bot in the client's conversation. */
export class ScheduledTurns implements ScheduledDelivery {
  constructor(private readonly deps: ScheduledTurnsDeps) {}

  async deliver(client: ClientRecord, message: ScheduledMessage): Promise<DeliveryOutcome> {
    // Someone who has texted in has had the welcome in reply (and its request to agree).
    if (message.kind === 'welcome' && (await this.deps.history.conversationReference(client.id, channelKey(client.channel)))) return 'not-needed';
    const turn = await proactiveTurn(
      this.deps,
      client,
      SCHEDULED_MESSAGE_EVENT,
      message,
      (context) => context.turnState.get(SCHEDULED_OUTCOME) as DeliveryOutcome | undefined,
    );
    return turn?.result ?? 'no-conversation';
  }

  /**
   * Close a check-in whose window has passed. A web chat check-in no page ever showed goes by text
   * instead when the programme asks for it (in quiet hours: not yet, and when to look again).
   */
  async expire(client: ClientRecord, checkInId: string): Promise<{ notBefore: DateTime } | undefined> {
    const unopened = await this.unopenedWebCheckIn(client, checkInId);
    const fallback = this.deps.smsFallback;
    if (unopened && fallback) {
      const local = fallback.clock.now().setZone(memoZone(client.timezone));
      const allowed = nextAllowed(local, fallback.quietHours);
      if (allowed > local) return { notBefore: allowed.toUTC() };
    }
    await proactiveTurn(this.deps, client, EXPIRE_CHECK_IN_EVENT, { checkInId }, () => undefined);
    if (unopened && fallback) await this.sendBySms(client, unopened, fallback);
  }

  async wasSent(client: ClientRecord, occurrenceKey: string): Promise<boolean> {
    const { smsOutbox, webChat } = this.deps;
    if (smsOutbox && (await smsOutbox.get(occurrenceMessageId(occurrenceKey, 0)))) return true;
    if (webChat && (await transcriptHoldsOccurrence(webChat, client.id, occurrenceKey))) return true;
    // Texts and Linkwell's own web chat keep the only copy of what went, and it holds none: not sent.
    // (A check-in's record proves nothing: it is written as the check-in starts, before its first question goes.)
    const reached = await conversationOf(this.deps, client);
    if (!reached || reached.reference.serviceUrl === SMS_SERVICE_URL || reached.reference.serviceUrl === LOCAL_DIRECTLINE_SERVICE_URL) return false;
    // A Bot Framework channel keeps no copy here: a started check-in is the best evidence there is (a resend would be a second copy).
    return (await this.deps.history.history(client.id)).checkIns.some((c) => c.occurrenceKey === occurrenceKey);
  }

  /** The scheduled web chat check-in, if it may go by text: nothing answered, no page ever showed it, texts allowed. */
  private async unopenedWebCheckIn(client: ClientRecord, checkInId: string): Promise<CheckInRecord | undefined> {
    const fallback = this.deps.smsFallback;
    if (!fallback || client.channel !== 'webchat' || !client.phone || client.optedOutAt || !hasAgreed(client)) return undefined;
    const now = fallback.clock.now();
    if (client.pausedUntil && DateTime.fromISO(client.pausedUntil) > now) return undefined;
    const history = await this.deps.history.history(client.id);
    const checkIn = history.checkIns.find((c) => c.id === checkInId);
    if (!checkIn?.occurrenceKey || checkIn.kind === 'on-request' || checkIn.occurrenceKey.endsWith(BY_SMS)) return undefined;
    if (history.responses.some((r) => r.checkInId === checkInId)) return undefined;
    const seen = (await fallback.webChat.get(client.id))?.seen;
    return seen && DateTime.fromISO(seen.at) >= DateTime.fromISO(checkIn.startedAt) ? undefined : checkIn;
  }

  /** The same check-in by text, with a window as long as the one that passed. */
  private async sendBySms(client: ClientRecord, checkIn: CheckInRecord, fallback: SmsFallbackDeps): Promise<void> {
    const now = fallback.clock.now();
    const windowMs = checkIn.expiresAt ? DateTime.fromISO(checkIn.expiresAt).toMillis() - DateTime.fromISO(checkIn.startedAt).toMillis() : 48 * 3600_000;
    const message: ScheduledMessage = {
      kind: 'check-in',
      occurrenceKey: `${checkIn.occurrenceKey}${BY_SMS}`,
      checkInKind: checkIn.kind === 'on-request' || !checkIn.kind ? 'routine' : checkIn.kind,
      instrumentIds: checkIn.instrumentIds,
      expiresAt: now.plus({ milliseconds: windowMs }).toUTC().toISO()!,
    };
    const bySms: ProactiveDeps = { ...this.deps, history: { conversationReference: async () => fallback.smsReference(client.id) } };
    await proactiveTurn(bySms, { ...client, channel: 'sms' }, SCHEDULED_MESSAGE_EVENT, message, () => undefined);
  }
}
