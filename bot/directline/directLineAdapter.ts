import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { KeyedMutex } from '../../storage/keyedMutex.js';
import type { Clock } from '../clock.js';
import { CLIENT_ID } from '../turnKeys.js';
import type { ConversationLog } from './conversationLog.js';

/** serviceUrl of conversations on Linkwell's own Direct Line, so proactive sends find this adapter. */
export const LOCAL_DIRECTLINE_SERVICE_URL = 'urn:linkwell:directline';
export const WEBCHAT_CHANNEL_ID = 'webchat';
export const LINKWELL_BOT_ACCOUNT: ChannelAccount = { id: 'linkwell', name: 'Linkwell', role: 'bot' };

type Logic = (context: TurnContext) => Promise<void>;

/**
 * The bot side of the self-hosted Direct Line: runs turns in-process and appends the bot's
 * replies to the conversation log that web chat polls. Turns of one conversation, incoming or
 * proactive, run one at a time in arrival order.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly log: ConversationLog,
    private readonly locks: KeyedMutex,
    private readonly clock: Clock,
    private readonly botAccount: ChannelAccount = LINKWELL_BOT_ACCOUNT,
  ) {
    super();
  }

  /** Run a turn for an activity a client posted (already in the log). */
  receive(activity: Activity, clientId: string, logic: Logic): Promise<void> {
    return this.locks.run(lockKey(activity.conversation.id), async () => {
      const context = new TurnContext(this, activity);
      context.turnState.set(CLIENT_ID, clientId);
      await this.runMiddleware(context, logic);
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const incoming = context.activity;
    const responses: ResourceResponse[] = [];
    for (const outgoing of activities) {
      // Web chat paces its own rendering; a bot "delay" would only hold the turn lock.
      if (outgoing.type === 'delay') continue;
      const activity = {
        ...outgoing,
        channelId: WEBCHAT_CHANNEL_ID,
        serviceUrl: LOCAL_DIRECTLINE_SERVICE_URL,
        conversation: incoming.conversation,
        from: this.botAccount,
        recipient: incoming.from?.role === 'bot' ? incoming.recipient : incoming.from,
        timestamp: this.clock.now().toJSDate(),
        ...(incoming.type === 'message' ? { replyToId: incoming.id } : {}),
      } as Activity;
      this.log.open(activity.conversation.id, this.clock.now().toMillis());
      responses.push({ id: this.log.append(activity.conversation.id, activity) });
    }
    return responses;
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line polling clients cannot update sent activities.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line polling clients cannot delete sent activities.'));
  }

  /** Proactive turn in an existing conversation, under the same per-conversation lock. */
  continueConversation(reference: Partial<ConversationReference>, logic: Logic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return Promise.reject(new TypeError('reference.conversation.id is required'));
    return this.locks.run(lockKey(conversationId), async () => {
      const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
      await this.runMiddleware(new TurnContext(this, activity), logic);
    });
  }

  override continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic!;
    return this.continueConversation(reference, logic);
  }
}

/** The turn-lock key of a web chat conversation (shared with every other sender to it). */
export function lockKey(conversationId: string): string {
  return `${WEBCHAT_CHANNEL_ID}:${conversationId}`;
}
