import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { InboundSmsRecord } from '../../storage/records.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { enrolSmsClient, inboundForm, postTwilioForm, startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900412';

/**
 * A text's turn run a second time, as after a crash before the text was marked handled (its inbox
 * file put back, as a kill -9 leaves it): with the conversation state from before the turn (the
 * crash came before the state was saved) or from after it. Either way nothing happens twice.
 */
describe('SMS: a text handled exactly once when its turn runs again after a crash', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clientId: string;
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, now: () => clock.now().toJSDate() });
    t = await startSmsTestApp({ clock, twilio });
    clientId = await enrolSmsClient(t, PHONE);
    for (const text of ['YES', 'check in']) await say(text);
  });
  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  async function say(body: string, form = inboundForm(PHONE, body)): Promise<string> {
    expect((await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form)).status).to.equal(200);
    await t.settle();
    return form.MessageSid!;
  }

  /** Stop, put the text back in the inbox as unhandled (and the state as it was, if given), start again. */
  async function crashAndReplay(sid: string, body: string, stateBefore?: string): Promise<void> {
    await t.close({ keepData: true });
    const inbound = join(t.dataDir, 'sms', 'inbound');
    for (const day of readdirSync(join(inbound, 'handled'))) rmSync(join(inbound, 'handled', day, sid.slice(-2).toLowerCase(), sid), { force: true });
    const record: InboundSmsRecord = { sid, clientId, body, numMedia: 0, optOutType: null, receivedAt: clock.now().toISO()! };
    mkdirSync(join(inbound, 'pending', sid.slice(-2).toLowerCase()), { recursive: true });
    writeFileSync(join(inbound, 'pending', sid.slice(-2).toLowerCase(), `${sid}.json`), JSON.stringify(record));
    if (stateBefore) {
      rmSync(join(t.dataDir, 'state'), { recursive: true });
      cpSync(stateBefore, join(t.dataDir, 'state'), { recursive: true });
    }
    t = await startSmsTestApp({ clock, twilio, dataDir: t.dataDir });
    await t.settle();
  }

  const responses = async () =>
    ((await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as { responses: Array<{ itemId: string; value: number }> }).responses.map(
      (r) => [r.itemId, r.value],
    );

  it('a crash before the turn was saved: the answer is stored once, its reply sent once, and the check-in goes on', async () => {
    const stateBefore = join(t.dataDir, '..', `${clientId}-state-before`);
    cpSync(join(t.dataDir, 'state'), stateBefore, { recursive: true });
    const sid = await say('2');
    const sentBefore = twilio.messages.length;

    await crashAndReplay(sid, '2', stateBefore);
    rmSync(stateBefore, { recursive: true, force: true });

    expect(twilio.messages.length, 'nothing sent again').to.equal(sentBefore);
    expect(await responses()).to.deep.equal([['lack_companionship', 2]]);
    await say('1');
    expect(await responses()).to.deep.equal([
      ['lack_companionship', 2],
      ['left_out', 1],
    ]);
  });

  it('a crash after the turn was saved: the text is not run again at all', async () => {
    const sid = await say('3');
    const sentBefore = twilio.messages.length;

    await crashAndReplay(sid, '3');

    expect(twilio.messages.length, 'nothing sent again').to.equal(sentBefore);
    expect(await responses()).to.deep.equal([['lack_companionship', 3]]);
    await say('2');
    expect(await responses()).to.deep.equal([
      ['lack_companionship', 3],
      ['left_out', 2],
    ]);
  });

  it('a risky text replayed raises one alert and sends the crisis reply once', async () => {
    const stateBefore = join(t.dataDir, '..', `${clientId}-state-risk`);
    cpSync(join(t.dataDir, 'state'), stateBefore, { recursive: true });
    const sid = await say('2, and I have the tablets ready for tonight');
    const crisisReplies = () => twilio.messages.filter((m) => m.to === PHONE && /116 123|999/.test(m.body)).length;
    expect(crisisReplies()).to.equal(1);

    await crashAndReplay(sid, '2, and I have the tablets ready for tonight', stateBefore);
    rmSync(stateBefore, { recursive: true, force: true });

    expect(crisisReplies()).to.equal(1);
    const alerts = (await (await t.admin(`/api/admin/alerts?clientId=${clientId}`)).json()) as Array<{ tier: string; furtherTriggers?: unknown[] }>;
    expect(alerts.map((a) => [a.tier, a.furtherTriggers?.length ?? 0])).to.deep.equal([['urgent', 0]]);
    expect(await responses()).to.deep.equal([['lack_companionship', 2]]);
  });
});
