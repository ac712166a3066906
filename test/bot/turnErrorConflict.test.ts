import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { createLogger } from '../../bot/platform/logger.js';
import { turnErrorHandler } from '../../bot/server/turnErrorHandler.js';
import { ETagConflictError } from '../../storage/errors.js';

/** A failed turn clears a broken conversation's state, but never state another turn saved first. */
describe('turn error handler and conversation state', () => {
  async function afterError(error: Error): Promise<unknown> {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, {
      type: 'message',
      text: 'hi',
      channelId: 'test',
      conversation: { id: 'conv-1' } as never,
      from: { id: 'u', name: '' },
      recipient: { id: 'b', name: '' },
    });
    await state.createProperty<string>('dialogState').set(context, 'waiting for question 2');
    await state.saveChanges(context, true);
    const handler = turnErrorHandler(createLogger('silent', new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'))), state, 'Sorry, something went wrong.');
    await handler(new TurnContext(adapter, context.activity), error);
    const key = 'test/conversations/conv-1/';
    return (await storage.read([key]))[key];
  }

  it('clears the state of a conversation whose turn broke', async () => {
    expect(await afterError(new Error('a bug'))).to.equal(undefined);
  });

  it('keeps the state when the turn only lost the race to save it (an eTag conflict)', async () => {
    expect(await afterError(new ETagConflictError('test/conversations/conv-1'))).to.deep.include({ dialogState: 'waiting for question 2' });
  });
});
