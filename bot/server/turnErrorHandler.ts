import { createHash } from 'node:crypto';
import type { ConversationState, TurnContext } from 'botbuilder-core';
import type { Logger } from '../platform/logger.js';

/**
 * The one turn error path: log what failed (never what was said), apologise in one short line,
 * and clear the conversation's state so the client is not stuck in a broken dialog. A turn that
 * lost a race to save the state (another turn, perhaps on another instance, saved it first) broke
 * nothing: that state is the newer one and is kept.
 */
export function turnErrorHandler(log: Logger, conversationState: ConversationState, apology: string) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const conversation = createHash('sha256')
      .update(context.activity.conversation?.id ?? '')
      .digest('hex')
      .slice(0, 12);
    log.error('turn failed', { channelId: context.activity.channelId, conversation, activityType: context.activity.type, error });
    try {
      await context.sendActivity(apology);
    } catch (sendError) {
      log.error('could not send the turn-error apology', { conversation, error: sendError });
    }
    if (error?.name === 'ETagConflictError') return;
    try {
      await conversationState.delete(context);
    } catch (clearError) {
      log.error('could not clear conversation state after a turn error', { conversation, error: clearError });
    }
  };
}
