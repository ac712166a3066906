import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { smsSegments, toSmsText } from '../../cards/smsText.js';
import { fill, wordingSchema } from '../../dialogs/wording/wording.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { smsConversation, type SmsConversation } from '../support/smsConversation.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp, enrolSmsClient } from '../support/smsTestApp.js';

const CLIENT = '+447700900777';
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('noteReceived wording', () => {
  it('says when the link worker will see the message, in one SMS segment even with a long name and a date', () => {
    const text = fill(wordingSchema.parse({}).noteReceived, { linkWorkerName: 'Chidinma Okonkwo-Whitaker', date: 'on Wednesday 30 September' });
    expect(text).to.equal(
      'Thank you. I have passed your message to Chidinma Okonkwo-Whitaker, who will see it on Wednesday 30 September. Say "check in" to do a check-in.',
    );
    expect(smsSegments(toSmsText(text))).to.include({ encoding: 'GSM-7', segments: 1 });
  });
});

describe('A message for the link worker outside a check-in (SMS, end to end on a fake clock)', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clock: ManualClock;
  let client: SmsConversation;

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    // The demo programme: Priya Shah, working hours Monday to Friday 09:00-17:00 London.
    clock = new ManualClock(london('2026-12-01T11:00'));
    t = await startSmsTestApp({ clock, twilio });
    await enrolSmsClient(t, CLIENT);
    client = smsConversation(t, twilio, clock, CLIENT);
    await client.say('YES');
  });

  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  const cases: Array<[string, string, string]> = [
    ['on a weekday morning', '2026-12-01T11:00', 'today'],
    ['at ten to five', '2026-12-01T16:50', 'tomorrow'],
    ['on a weekday evening', '2026-12-01T21:00', 'tomorrow'],
    ['on Friday evening', '2026-12-04T18:30', 'on Monday'],
    ['on Sunday afternoon', '2026-12-06T15:00', 'tomorrow'],
  ];
  for (const [when, at, seen] of cases) {
    it(`says when the link worker will see it, in one text: "${seen}" ${when}`, async () => {
      clock.set(london(at));
      const [reply, ...more] = await client.say('could Priya ring me about my letter?');
      expect(reply).to.equal(`Thank you. I have passed your message to Priya Shah, who will see it ${seen}. Say "check in" to do a check-in.`);
      expect(more).to.deep.equal([]);
      expect(smsSegments(reply!).segments).to.equal(1);
    });
  }
});
