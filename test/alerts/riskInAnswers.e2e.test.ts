import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { AlertRecord } from '../../storage/records.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp, enrolSmsClient } from '../support/smsTestApp.js';

const CLIENT = '+447700900777';
// Tuesday 1 December 2026, 11:00 in London: working hours.
const IN_HOURS = DateTime.fromISO('2026-12-01T11:00:00Z', { zone: 'utc' });

describe('Risk told inside an answer (SMS, end to end)', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clientId: string;

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    t = await startSmsTestApp({ clock: new ManualClock(IN_HOURS), twilio });
    clientId = await enrolSmsClient(t, CLIENT);
    await say('YES');
    await say('check in');
  });

  /** Answers '2' to every question until the open question is asked; returns that question. */
  async function answerUntilTheOpenQuestion(): Promise<string> {
    let last = '';
    for (let i = 0; i < 20 && !/to know\?/i.test(last); i++) last = (await say('2')).at(-1) ?? '';
    return last;
  }

  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  async function say(body: string): Promise<string[]> {
    const res = await t.text(CLIENT, body);
    expect(res.status).to.equal(200);
    await res.text();
    await t.settle();
    await t.app.alerts.idle();
    await t.settle();
    const sent = twilio.messages.filter((m) => m.to === CLIENT).map((m) => m.body);
    twilio.reset();
    return sent;
  }

  const alerts = async () => (await (await t.admin(`/api/admin/alerts?clientId=${clientId}`)).json()) as AlertRecord[];
  const responses = async () =>
    (
      (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as {
        responses: Array<{ instrumentId: string; itemId: string; value: number | null }>;
      }
    ).responses;

  it('stores "2 - and I cut myself again last night" as the answer, raises an urgent alert and sends crisis contacts first, asking nothing more', async () => {
    const toClient = await say('2 - and i cut myself again last night');
    expect(toClient[0]).to.match(/Samaritans 116 123/);
    expect(toClient.join(' ')).to.not.match(/left out|companionship|didn't understand/i);
    const [answer] = await responses();
    expect(answer).to.include({ instrumentId: 'ucla3', itemId: 'lack_companionship', value: 2 });
    const [alert] = await alerts();
    expect(alert).to.include({ tier: 'urgent', state: 'open' });
  });

  it('stores "sometimes. he hit me again on saturday" as the answer, raises a same-day alert and asks the next question', async () => {
    const toClient = await say('sometimes. he hit me again on saturday');
    expect(toClient.join(' ')).to.not.match(/Samaritans/);
    expect(toClient.at(-1)).to.match(/left out/);
    const [answer] = await responses();
    expect(answer).to.include({ itemId: 'lack_companionship', value: 2 });
    const [alert] = await alerts();
    expect(alert).to.include({ tier: 'same-day' });
    // The next reply answers the next question.
    await say('1');
    expect((await responses()).map((r) => `${r.itemId}=${r.value}`)).to.deep.equal(['lack_companionship=2', 'left_out=1']);
  });

  it('takes "the odd time" as an answer, with no alert ("odd" is not "od")', async () => {
    await say('the odd time');
    expect(await alerts()).to.deep.equal([]);
  });

  it('takes a flagged reply to "anything you would like your link worker to know?" as its answer: thanked, the check-in complete, not asked again', async () => {
    expect(await answerUntilTheOpenQuestion()).to.match(/to know\?/i);
    const replies = await say("I've been so lonely, every single day, it's unbearable");
    expect(replies.join(' ')).to.not.match(/to know\?/i);
    const alerts = (await (await t.admin(`/api/admin/alerts?clientId=${clientId}`)).json()) as Array<{ tier: string }>;
    expect(alerts.map((a) => a.tier)).to.deep.equal(['routine']);
    const history = (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as {
      checkIns: Array<{ status: string }>;
      notes: Array<{ text: string }>;
    };
    expect(history.checkIns.at(-1)?.status).to.equal('completed');
    expect(history.notes.map((n) => n.text)).to.include("I've been so lonely, every single day, it's unbearable");
  });

  // The trained model alone flags these (the rules find nothing): a flag for the link worker, the
  // conversation as usual, and the message kept once. (If the model changes so that it no longer
  // flags them, the alert assertions fail and another such message is wanted here.)
  it('keeps a check-in answer with a remark the model alone flags once: the answer stored, one note, a routine flag, the next question asked', async () => {
    const toClient = await say('Sometimes. Nobody rings me anymore');
    expect(toClient.at(-1)).to.match(/left out/);
    expect((await responses()).map((r) => `${r.itemId}=${r.value}`)).to.deep.equal(['lack_companionship=2']);
    const history = (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as { notes: Array<{ text: string }> };
    expect(history.notes.filter((n) => n.text === 'Sometimes. Nobody rings me anymore')).to.have.length(1);
    expect((await alerts()).map((a) => a.tier)).to.deep.equal(['routine']);
  });

  it('passes on a message outside a check-in that the model alone flags with the usual reply, kept once', async () => {
    await say('finish');
    const toClient = await say("I haven't been out of the house much lately");
    expect(toClient).to.deep.equal(['Thank you. I have passed your message to Priya Shah, who will see it today. Say "check in" to do a check-in.']);
    const history = (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as { notes: Array<{ text: string }> };
    expect(history.notes.filter((n) => n.text === "I haven't been out of the house much lately")).to.have.length(1);
    expect((await alerts()).map((a) => a.tier)).to.deep.equal(['routine']);
  });
});
