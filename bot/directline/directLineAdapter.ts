import { TurnContext, type Activity, type ChannelAccount, type ResourceResponse } from 'botbuilder';
import type { KeyedMutex } from '../../storage/keyedMutex.js';
import type { Clock } from '../clock.js';
import { InProcessAdapter, type Logic } from '../channels/inProcessAdapter.js';
import { CLIENT_ID } from '../turnKeys.js';
import type { ConversationLog } from './conversationLog.js';

/** serviceUrl of conversations on Linkwell's own Direct Line, so proactive sends find this adapter. */
export const LOCAL_DIRECTLINE_SERVICE_URL = 'urn:linkwell:directline';
export const WEBCHAT_CHANNEL_ID = 'webchat';
export const LINKWELL_BOT_ACCOUNT: ChannelAccount = { id: 'linkwell', name: 'Linkwell', role: 'bot' };

/**
 * The bot side of the self-hosted Direct Line: runs turns in-process and appends the bot's
 * replies to the conversation log that web chat polls.
 */
export class DirectLineAdapter extends InProcessAdapter {
  constructor(
    private readonly log: ConversationLog,
    locks: KeyedMutex,
    private readonly clock: Clock,
    private readonly botAccount: ChannelAccount = LINKWELL_BOT_ACCOUNT,
  ) {
    super(locks);
  }

  /** Run a turn for an activity a client posted (already in the log). */
  receive(activity: Activity, clientId: string, logic: Logic): Promise<void> {
    return this.runLocked(
      activity.conversation.id,
      () => {
        const context = new TurnContext(this, activity);
        context.turnState.set(CLIENT_ID, clientId);
        return context;
      },
      logic,
    );
  }

  protected lockKey(conversationId: string): string {
    return lockKey(conversationId);
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
      this.log.ensure(activity.conversation.id, clientIdOfUser(activity.recipient?.id), this.clock.now().toMillis());
      responses.push({ id: this.log.append(activity.conversation.id, activity) });
    }
    return responses;
  }
}

/** The turn-lock key of a web chat conversation (shared with every other sender to it). */
export function lockKey(conversationId: string): string {
  return `${WEBCHAT_CHANNEL_ID}:${conversationId}`;
}

/** The client a web chat user id stands for (see userIdFor); '' when it is not one. */
function clientIdOfUser(userId: string | undefined): string {
  return userId?.startsWith('client-') ? userId.slice('client-'.length) : '';
}
