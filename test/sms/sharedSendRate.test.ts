import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ContactPreferences } from '../../bot/channels/contactPreferences.js';
import { createLogger } from '../../bot/platform/logger.js';
import { SmsDispatcher } from '../../bot/channels/sms/smsDispatcher.js';
import type { TwilioMessages } from '../../bot/channels/sms/twilioMessages.js';
import { LowdbSmsOutbox } from '../../storage/lowdb/lowdbSmsOutbox.js';
import type { ClientRecord } from '../../storage/records.js';

/** The sender's rate is shared by the instances sending from one outbox: each takes its share. */
describe('SMS send rate shared between instances', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-rate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** How many of eight texts (to eight clients) one instance sends at once, and by one second later. */
  async function sentOverTime(instances: number): Promise<[number, number]> {
    return [await sentBy(instances, { seconds: 0 }), await sentBy(instances, { seconds: 1 })];
  }

  /**
   * How many of eight texts one instance, on an outbox of its own, has sent once its clock has
   * moved on by `elapsed`. The rate decides what starts as the texts are written and as the clock
   * passes each moment the rate allows another; stopping the dispatcher then waits for the sends
   * under way, and starts no more.
   */
  async function sentBy(instances: number, elapsed: { seconds: number }): Promise<number> {
    const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));
    const sent: string[] = [];
    const twilio: TwilioMessages = {
      send: async (m) => {
        sent.push(m.to);
        return { ok: true, sid: `SM${String(sent.length).padStart(32, '0')}`, status: 'queued' };
      },
      listSentTo: async () => [],
    };
    const client = (id: string) => ({ id, phone: `+4477009009${id.slice(-2)}` }) as ClientRecord;
    const dispatcher = new SmsDispatcher({
      outbox: new LowdbSmsOutbox(mkdtempSync(join(dir, 'outbox-'))),
      twilio,
      clients: { get: async (id: string) => client(id) } as never,
      contact: {} as ContactPreferences,
      clock,
      log: createLogger('silent', clock),
      ratePerSecond: 4,
      statusCallbackUrl: () => 'http://127.0.0.1/status',
      liveInstances: async () => instances,
    });
    await dispatcher.start();
    for (let i = 0; i < 8; i += 1) await dispatcher.enqueue(`client-${10 + i}`, `+4477009009${10 + i}`, 'Hello');
    clock.advance(elapsed);
    await dispatcher.stop();
    return sent.length;
  }

  it('sends at the whole rate alone, and at half of it each when two instances share the sender', async () => {
    expect(await sentOverTime(1), 'alone: a burst of 4, then 4 a second').to.deep.equal([4, 8]);
    expect(await sentOverTime(2), 'one of two: 2, then 2 a second').to.deep.equal([2, 4]);
  });
});
