import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder-core';
import { toSmsText } from '../../../cards/smsText.js';
import type { TurnLocks } from '../../../storage/ports.js';
import type { ClientRepository } from '../../../storage/ports.js';
import type { InboundSmsRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import { LINKWELL_BOT_ACCOUNT } from '../directline/directLineAdapter.js';
import { InProcessAdapter, type Logic } from '../inProcessAdapter.js';
import { idFromKey, keyTurnEffects, nextEffectKey } from '../turnEffects.js';
import { nextOccurrenceMessageIds } from '../scheduledMessageIds.js';
import { CLIENT_ID } from '../turnKeys.js';
import type { SmsDispatcher } from './smsDispatcher.js';

/** serviceUrl of SMS conversations, so proactive sends find this adapter. */
export const SMS_SERVICE_URL = 'urn:linkwell:sms';
export const SMS_CHANNEL_ID = 'sms';

/** What the SMS channel tells the bot beyond the text (activity.channelData). */
export interface SmsChannelData {
  numMedia: number;
  /** Twilio's own opt-out handling recognised a keyword and has already replied (STOP, START, HELP). */
  optOutType: string | null;
}

/**
 * The bot side of SMS: turns a received text into a turn of the same bot and dialogs as web chat,
 * and the bot's replies into outbox messages. A client has one SMS conversation; its turns,
 * received or proactive, run one at a time in arrival order. Phone numbers stay out of activities
 * and conversation references: the client id stands for the person, and the number is looked up
 * only when a message is written to the outbox.
 */
export class TwilioSmsAdapter extends InProcessAdapter {
  constructor(private readonly deps: { dispatcher: SmsDispatcher; clients: ClientRepository; locks: TurnLocks; clock: Clock }) {
    super(deps.locks);
  }

  protected lockKey(conversationId: string): string {
    return `${SMS_CHANNEL_ID}:${conversationId}`;
  }

  protected override prepareProactive(context: TurnContext): void {
    context.turnState.set(CLIENT_ID, clientIdOf(context.activity.conversation?.id));
  }

  /** Run the turn for a text received from an enrolled client. */
  receive(message: InboundSmsRecord, logic: Logic): Promise<void> {
    return this.runLocked(
      smsConversationId(message.clientId),
      () => {
        const channelData: SmsChannelData = { numMedia: message.numMedia, optOutType: message.optOutType };
        const reference = smsConversationReference(message.clientId);
        const activity: Partial<Activity> = {
          type: ActivityTypes.Message,
          id: message.sid,
          channelId: SMS_CHANNEL_ID,
          serviceUrl: SMS_SERVICE_URL,
          conversation: reference.conversation!,
          from: reference.user!,
          recipient: LINKWELL_BOT_ACCOUNT,
          text: message.body,
          textFormat: 'plain',
          timestamp: new Date(message.receivedAt),
          locale: 'en-GB',
          channelData,
        };
        const context = new TurnContext(this, activity);
        context.turnState.set(CLIENT_ID, message.clientId);
        keyTurnEffects(context, `sms:${message.sid}`);
        return context;
      },
      logic,
    );
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const clientId = clientIdOf(context.activity.conversation?.id);
    const client = await this.deps.clients.get(clientId);
    if (!client) throw new Error('SMS reply for a client who is not enrolled');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) continue;
      // Cards never reach a phone: every SMS prompt must carry its own text.
      if (!activity.text) throw new Error('An SMS message needs text; cards cannot be sent by SMS');
      const compliance = (activity.channelData as { compliance?: boolean } | undefined)?.compliance === true;
      // A scheduled message's texts have ids drawn from its occurrence, so a restart can tell it was sent;
      // a received text's replies have ids drawn from it, so a replay of its turn sends nothing twice.
      const scheduledId = nextOccurrenceMessageIds(context, 1)?.[0];
      const effectKey = scheduledId ? undefined : nextEffectKey(context, 'reply');
      const id = scheduledId ?? (effectKey ? idFromKey(effectKey) : undefined);
      responses.push({ id: await this.deps.dispatcher.enqueue(client.id, client.phone, toSmsText(activity.text), { compliance, ...(id ? { id } : {}) }) });
    }
    return responses;
  }
}

/** The reference of a client's SMS conversation, which needs no text from them to exist. */
export function smsConversationReference(clientId: string): Partial<ConversationReference> {
  return {
    channelId: SMS_CHANNEL_ID,
    serviceUrl: SMS_SERVICE_URL,
    conversation: { id: smsConversationId(clientId), isGroup: false, conversationType: 'personal', name: '' },
    user: { id: clientId, name: '', role: 'user' },
    bot: LINKWELL_BOT_ACCOUNT,
  };
}

/** A client's one SMS conversation. */
export function smsConversationId(clientId: string): string {
  return `sms:${clientId}`;
}

function clientIdOf(conversationId: string | undefined): string {
  if (!conversationId?.startsWith('sms:')) throw new Error('Not an SMS conversation');
  return conversationId.slice('sms:'.length);
}
