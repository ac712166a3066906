import type { ClientHistoryRepository, SmsOutbox } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';
import type { ScheduledDelivery } from '../schedule/scheduleDispatcher.js';
import { occurrenceMessageId } from '../sms/twilioSmsAdapter.js';
import { EXPIRE_CHECK_IN_EVENT, SCHEDULED_MESSAGE_EVENT, SCHEDULED_OUTCOME, channelKey } from '../turnKeys.js';
import { proactiveTurn, type ProactiveDeps } from './checkInStarter.js';
import type { DeliveryOutcome, ScheduledMessage } from './scheduledMessage.js';

export interface ScheduledTurnsDeps extends ProactiveDeps {
  history: Pick<ClientHistoryRepository, 'conversationReference' | 'history'>;
  /** The SMS outbox, when SMS is on: where a scheduled text's deterministic id shows it was sent. */
  smsOutbox?: Pick<SmsOutbox, 'get'> | undefined;
}

/** The scheduler's way to the client: proactive turns of the bot in the client's conversation. */
export class ScheduledTurns implements ScheduledDelivery {
  constructor(private readonly deps: ScheduledTurnsDeps) {}

  async deliver(client: ClientRecord, message: ScheduledMessage): Promise<DeliveryOutcome> {
    // Someone who has texted in has had the welcome in reply (and its request to agree).
    if (message.kind === 'welcome' && (await this.deps.history.conversationReference(client.id, channelKey(client.channel)))) return 'not-needed';
    const turn = await proactiveTurn(this.deps, client, SCHEDULED_MESSAGE_EVENT, message, (context) => context.turnState.get(SCHEDULED_OUTCOME) as DeliveryOutcome | undefined);
    return turn?.result ?? 'no-conversation';
  }

  async expire(client: ClientRecord, checkInId: string): Promise<void> {
    await proactiveTurn(this.deps, client, EXPIRE_CHECK_IN_EVENT, { checkInId }, () => undefined);
  }

  async wasSent(client: ClientRecord, occurrenceKey: string): Promise<boolean> {
    if (this.deps.smsOutbox && (await this.deps.smsOutbox.get(occurrenceMessageId(occurrenceKey, 0)))) return true;
    // A check-in records its occurrence as it starts, before its first question is sent.
    return (await this.deps.history.history(client.id)).checkIns.some((c) => c.occurrenceKey === occurrenceKey);
  }
}
