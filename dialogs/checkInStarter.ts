import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder-core';
import type { ClientHistoryRepository } from '../storage/ports.js';
import type { ClientRecord } from '../storage/records.js';
import { CHECK_IN_STARTED, CLIENT_ID, START_CHECK_IN_EVENT, channelKey } from '../bot/channels/turnKeys.js';
import { hasAgreed } from '../bot/channels/contactPreferences.js';

export type StartCheckInResult = 'started' | 'no_conversation' | 'already_open' | 'opted_out' | 'no_consent';

export interface ProactiveDeps {
  history: Pick<ClientHistoryRepository, 'conversationReference'>;
  /** The adapter that can reach a stored conversation, if any. */
  adapterFor: (reference: Partial<ConversationReference>) => BotAdapter | undefined;
  /** A conversation a channel can open without the client having written first (SMS), if any. */
  newConversation?: (client: ClientRecord) => Partial<ConversationReference> | undefined;
  botAppId: string;
  logic: (context: TurnContext) => Promise<void>;
}

/** The client's conversation on their channel and the adapter that reaches it, if there is one. */
export async function conversationOf(
  deps: ProactiveDeps,
  client: ClientRecord,
): Promise<{ reference: Partial<ConversationReference>; adapter: BotAdapter } | undefined> {
  const reference = (await deps.history.conversationReference(client.id, channelKey(client.channel))) ?? deps.newConversation?.(client);
  const adapter = reference && deps.adapterFor(reference);
  return reference && adapter ? { reference, adapter } : undefined;
}

/**
 * Run a proactive turn carrying event `name` in a client's conversation on their channel, through
 * the stored conversation reference (under that conversation's turn lock), and read what the bot
 * left in turnState. Undefined when there is no conversation to run it in.
 */
export async function proactiveTurn<T>(
  deps: ProactiveDeps,
  client: ClientRecord,
  name: string,
  value: unknown,
  read: (context: TurnContext) => T,
): Promise<{ result: T } | undefined> {
  const reachable = await conversationOf(deps, client);
  if (!reachable) return undefined;
  const { reference, adapter } = reachable;
  let result: T | undefined;
  await adapter.continueConversationAsync(deps.botAppId, reference, async (context) => {
    context.activity.name = name;
    context.activity.value = value;
    context.turnState.set(CLIENT_ID, client.id);
    await deps.logic(context);
    result = read(context);
  });
  return { result: result as T };
}

/** Starts a check-in a link worker asked for, in the client's existing conversation. */
export class CheckInStarter {
  constructor(private readonly deps: ProactiveDeps) {}

  async start(client: ClientRecord): Promise<StartCheckInResult> {
    if (client.optedOutAt) return 'opted_out';
    if (!(await conversationOf(this.deps, client))) return 'no_conversation';
    // Nothing is started for a client before they agree, whoever asks.
    if (!hasAgreed(client)) return 'no_consent';
    const turn = await proactiveTurn(this.deps, client, START_CHECK_IN_EVENT, undefined, (context) => context.turnState.get(CHECK_IN_STARTED) === true);
    if (!turn) return 'no_conversation';
    return turn.result ? 'started' : 'already_open';
  }
}
