import { expect } from 'chai';
import type { DateTime } from 'luxon';
import type { ManualClock } from '../../bot/time/clock.js';
import type { FakeTwilio } from './fakeTwilio.js';
import type { SmsTestApp } from './smsTestApp.js';

/** One client's texts with the real server, on a fake clock: what the scheduler sends, and replies to what they say. */
export interface SmsConversation {
  /** Run the scheduler at `when` (or now) and return the texts it sent the client. */
  tickAt(when?: DateTime): Promise<string[]>;
  /** Text the server as the client; returns its replies. */
  say(text: string): Promise<string[]>;
}

export function smsConversation(t: SmsTestApp, twilio: FakeTwilio, clock: ManualClock, phone: string): SmsConversation {
  const drain = () => {
    const sent = t.sentTo(phone);
    twilio.reset();
    return sent;
  };
  return {
    async tickAt(when) {
      if (when) clock.set(when);
      await t.app.scheduler.tick();
      await t.settle();
      return drain();
    },
    async say(text) {
      expect((await t.text(phone, text)).status).to.equal(200);
      await t.settle();
      return drain();
    },
  };
}
