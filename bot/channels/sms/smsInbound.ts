import type { TurnContext } from 'botbuilder-core';
import type { SmsInbox } from '../../../storage/ports.js';
import type { InboundSmsRecord } from '../../../storage/records.js';
import type { Logger } from '../../platform/logger.js';
import type { TwilioSmsAdapter } from './twilioSmsAdapter.js';

/**
 * Received texts from enrolled clients: each is kept (SmsInbox) before Twilio is answered, then
 * its turn runs in the background, in arrival order per client, and only then is it marked
 * handled. A restart runs whatever was accepted and not yet handled, so no text is lost, and a
 * Twilio retry of a text already accepted runs nothing.
 */
export class SmsInbound {
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: InboundSmsRecord[] = [];

  constructor(
    private readonly deps: {
      inbox: SmsInbox;
      adapter: TwilioSmsAdapter;
      logic: (context: TurnContext) => Promise<void>;
      log: Logger;
      /**
       * Turns run at once, across clients. Kept small so a burst of texts queues here (safely: each
       * is in the inbox) instead of crowding the event loop, and Twilio's webhooks stay fast.
       */
      maxConcurrentTurns?: number;
    },
  ) {}

  /** False when this MessageSid was accepted before. */
  async accept(message: InboundSmsRecord): Promise<boolean> {
    if (!(await this.deps.inbox.accept(message))) return false;
    this.run(message);
    return true;
  }

  /** Run the turns of texts a previous run accepted but did not finish. */
  async resumeUnhandled(): Promise<number> {
    const unhandled = await this.deps.inbox.unhandled();
    for (const message of unhandled) this.run(message);
    if (unhandled.length > 0) this.deps.log.info('sms inbox resumed', { unhandled: unhandled.length });
    return unhandled.length;
  }

  /** Resolves once every accepted text has had its turn (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private run(message: InboundSmsRecord): void {
    this.waiting.push(message);
    this.next();
  }

  // In arrival order: a client's texts also queue on their conversation's turn lock in this order.
  private next(): void {
    while (this.running.size < (this.deps.maxConcurrentTurns ?? 4) && this.waiting.length > 0) this.start(this.waiting.shift()!);
  }

  private start(message: InboundSmsRecord): void {
    const turn = this.deps.adapter
      .receive(message, this.deps.logic)
      .catch((error: unknown) => this.deps.log.error('sms turn failed', { messageSid: message.sid, error }))
      .then(() => this.deps.inbox.markHandled(message.sid))
      .catch((error: unknown) => this.deps.log.error('sms not marked handled', { messageSid: message.sid, error }))
      .finally(() => {
        this.running.delete(turn);
        this.next();
      });
    this.running.add(turn);
  }
}
