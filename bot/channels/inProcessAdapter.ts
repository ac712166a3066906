import { BotAdapter, TurnContext, type ConversationReference } from 'botbuilder-core';
import type { TurnLocks } from '../../storage/ports.js';

export type Logic = (context: TurnContext) => Promise<void>;

/**
 * A channel whose turns run in this process (self-hosted Direct Line, SMS). Turns of one
 * conversation, received or proactive, run one at a time under its lock (across instances, when
 * the store's locks reach them).
 */
export abstract class InProcessAdapter extends BotAdapter {
  constructor(protected readonly locks: TurnLocks) {
    super();
  }

  /** The turn lock of a conversation, shared by every sender to it. */
  protected abstract lockKey(conversationId: string): string;

  /** Set up a proactive turn's state (e.g. which client it is for) before the bot runs. */
  protected prepareProactive(_context: TurnContext): void {}

  /** Run a turn under its conversation's lock. */
  protected runLocked(conversationId: string, context: () => TurnContext, logic: Logic): Promise<void> {
    return this.locks.run(this.lockKey(conversationId), () => this.runMiddleware(context(), logic));
  }

  /** Proactive turn in an existing conversation, under the same lock as received messages. */
  continueConversation(reference: Partial<ConversationReference>, logic: Logic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return Promise.reject(new TypeError('reference.conversation.id is required'));
    return this.runLocked(
      conversationId,
      () => {
        const context = new TurnContext(this, TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
        this.prepareProactive(context);
        return context;
      },
      logic,
    );
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

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('Messages sent on this channel cannot be changed.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Messages sent on this channel cannot be deleted.'));
  }
}
