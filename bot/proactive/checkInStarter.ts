import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ClientHistoryRepository } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';
import { CHECK_IN_STARTED, CLIENT_ID, START_CHECK_IN_EVENT, channelKey } from '../turnKeys.js';

export type StartCheckInResult = 'started' | 'no_conversation' | 'already_open' | 'opted_out';

export interface CheckInStarterDeps {
  history: Pick<ClientHistoryRepository, 'conversationReference'>;
  /** The adapter that can reach a stored conversation, if any. */
  adapterFor: (reference: Partial<ConversationReference>) => BotAdapter | undefined;
  /** A conversation a channel can open without the client having written first (SMS), if any. */
  newConversation?: (client: ClientRecord) => Partial<ConversationReference> | undefined;
  botAppId: string;
  logic: (context: TurnContext) => Promise<void>;
}

/**
 * Starts a check-in in a client's existing conversation on their channel, through the stored
 * conversation reference (a proactive turn under that conversation's turn lock).
 */
export class CheckInStarter {
  constructor(private readonly deps: CheckInStarterDeps) {}

  async start(client: ClientRecord): Promise<StartCheckInResult> {
    if (client.optedOutAt) return 'opted_out';
    const reference =
      (await this.deps.history.conversationReference(client.id, channelKey(client.channel))) ?? this.deps.newConversation?.(client);
    const adapter = reference && this.deps.adapterFor(reference);
    if (!reference || !adapter) return 'no_conversation';
    let started = false;
    await adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      context.activity.name = START_CHECK_IN_EVENT;
      context.turnState.set(CLIENT_ID, client.id);
      await this.deps.logic(context);
      started = context.turnState.get(CHECK_IN_STARTED) === true;
    });
    return started ? 'started' : 'already_open';
  }
}
