import { TurnContext, type Activity, type ChannelAccount, type ResourceResponse } from 'botbuilder-core';
import type { TurnLocks, WebChatTranscripts } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import { InProcessAdapter, type Logic } from '../inProcessAdapter.js';
import { CLIENT_ID } from '../turnKeys.js';
import { nextOccurrenceMessageIds, occurrenceMessageId } from '../scheduledMessageIds.js';

/** serviceUrl of conversations on Linkwell's own Direct Line, so proactive sends find this adapter. */
export const LOCAL_DIRECTLINE_SERVICE_URL = 'urn:linkwell:directline';
export const WEBCHAT_CHANNEL_ID = 'webchat';
export const LINKWELL_BOT_ACCOUNT: ChannelAccount = { id: 'linkwell', name: 'Linkwell', role: 'bot' };

const PROACTIVE = Symbol('linkwell.directLine.proactive');

/**
 * The bot side of the self-hosted Direct Line: runs turns in-process and appends the bot's
 * replies to the client's stored transcript, which web chat polls (so a reply or a scheduled
 * message is kept whether or not a page is open).
 */
export class DirectLineAdapter extends InProcessAdapter {
  /** Told after a turn the bot began itself (scheduled, or asked for by staff) has left messages for a client. */
  onProactiveMessages: ((clientId: string, started: Activity) => void) | undefined;

  constructor(
    private readonly transcripts: Pick<WebChatTranscripts, 'append'>,
    locks: TurnLocks,
    private readonly clock: Clock,
    private readonly botAccount: ChannelAccount = LINKWELL_BOT_ACCOUNT,
  ) {
    super(locks);
  }

  /** Run a turn for an activity a client posted (already in the transcript). */
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

  protected override prepareProactive(context: TurnContext): void {
    context.turnState.set(PROACTIVE, true);
  }

  protected lockKey(conversationId: string): string {
    return lockKey(conversationId);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const incoming = context.activity;
    const recipient = incoming.from?.role === 'bot' ? incoming.recipient : incoming.from;
    const clientId = clientIdOfUser(recipient?.id);
    // Web chat paces its own rendering; a bot "delay" would only hold the turn lock.
    const sending = activities.filter((a) => a.type !== 'delay');
    // A scheduled message's activities carry ids drawn from its occurrence, so a restart can tell it was sent.
    const scheduledIds = nextOccurrenceMessageIds(context, sending.length);
    const outgoing = sending.map(
      (a, n) =>
        ({
          ...a,
          ...(scheduledIds ? { channelData: { ...(a.channelData as object | undefined), [SCHEDULED_MESSAGE_ID]: scheduledIds[n] } } : {}),
          channelId: WEBCHAT_CHANNEL_ID,
          serviceUrl: LOCAL_DIRECTLINE_SERVICE_URL,
          conversation: incoming.conversation,
          from: this.botAccount,
          recipient,
          timestamp: this.clock.now().toJSDate(),
          ...(incoming.type === 'message' ? { replyToId: incoming.id } : {}),
        }) as Activity,
    );
    if (outgoing.length === 0) return [];
    if (!clientId) throw new Error('A web chat reply with no client to go to');
    const ids = await this.transcripts.append(clientId, outgoing);
    if (context.turnState.get(PROACTIVE) === true && outgoing.some((a) => a.type === 'message')) this.onProactiveMessages?.(clientId, incoming);
    return ids.map(({ id }) => ({ id }));
  }
}

/** Where in an activity's channelData a scheduled message's id is kept (see occurrenceMessageId). */
const SCHEDULED_MESSAGE_ID = 'linkwellScheduledId';

/**
 * Whether a client's web chat transcript holds a message the bot sent for a schedule occurrence.
 * Kept activities are few (WEB_CHAT_KEPT), and this is asked only of a claim a crash left unsettled.
 */
export async function transcriptHoldsOccurrence(transcripts: Pick<WebChatTranscripts, 'since'>, clientId: string, occurrenceKey: string): Promise<boolean> {
  const first = occurrenceMessageId(occurrenceKey, 0);
  const { activities } = await transcripts.since(clientId, 0);
  return activities.some((a) => a.from?.role === 'bot' && (a.channelData as Record<string, unknown> | undefined)?.[SCHEDULED_MESSAGE_ID] === first);
}

/** The turn-lock key of a web chat conversation (shared with every other sender to it). */
export function lockKey(conversationId: string): string {
  return `${WEBCHAT_CHANNEL_ID}:${conversationId}`;
}

/** The web chat user id of a client: stable, and set by the server, never taken from the page. */
export function userIdFor(clientId: string): string {
  return `client-${clientId}`;
}

/** The client a web chat user id stands for (see userIdFor); '' when it is not one. */
function clientIdOfUser(userId: string | undefined): string {
  return userId?.startsWith('client-') ? userId.slice('client-'.length) : '';
}
