import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { AlertRecord, ClientRecord, NoteRecord } from '../../storage/records.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp, enrolSmsClient } from '../support/smsTestApp.js';

const CLIENT = '+447700900777';
// The demo programme: Priya Shah is the link worker, the duty contact is +447700900199; working
// hours Monday to Friday 09:00-17:00 London; urgent alerts wait 15 minutes for an ACK.
const PRIYA = '+447700900102';
const DUTY = '+447700900199';
const STRANGER = '+447700900888';
// Tuesday 1 December 2026, 11:00 in London: working hours.
const IN_HOURS = DateTime.fromISO('2026-12-01T11:00:00Z', { zone: 'utc' });

describe('Risk alerts (SMS, end to end on a fake clock)', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    clock = new ManualClock(IN_HOURS);
    t = await startSmsTestApp({ clock, twilio });
    clientId = await enrolSmsClient(t, CLIENT);
    await say(CLIENT, 'YES');
  });

  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  /** Text Linkwell from `from`; resolves with the webhook's TwiML reply and what was then sent to anyone. */
  async function say(from: string, body: string): Promise<{ twiml: string; sent: Array<{ to: string; body: string }> }> {
    const res = await t.text(from, body);
    expect(res.status).to.equal(200);
    const twiml = await res.text();
    await t.settle();
    await t.app.alerts.idle();
    await t.settle();
    const sent = twilio.messages.map((m) => ({ to: m.to, body: m.body }));
    twilio.reset();
    return { twiml, sent };
  }

  /** Move the clock on and let timers (escalations) run; what was sent meanwhile. */
  async function after(minutes: number): Promise<Array<{ to: string; body: string }>> {
    clock.advance({ minutes });
    await t.app.alerts.idle();
    await t.settle();
    const sent = twilio.messages.map((m) => ({ to: m.to, body: m.body }));
    twilio.reset();
    return sent;
  }

  const alerts = async (query = '') => (await (await t.admin(`/api/admin/alerts${query}`)).json()) as Array<AlertRecord & { category: string | null }>;
  const to = (sent: ReadonlyArray<{ to: string; body: string }>, phone: string) => sent.filter((m) => m.to === phone).map((m) => m.body);

  async function restart(): Promise<void> {
    await t.close({ keepData: true });
    t = await startSmsTestApp({ clock, twilio, dataDir: t.dataDir });
    await t.app.alerts.idle();
  }

  it('answers "I want to end it" mid check-in with crisis contacts, and texts the link worker in the same turn, discreetly', async () => {
    await say(CLIENT, 'check in');
    const { sent } = await say(CLIENT, 'I want to end it');
    const toClient = to(sent, CLIENT);
    expect(toClient[0]).to.match(/so sorry you're feeling like this.*Samaritans 116 123/s);
    expect(toClient[1]).to.match(/I've let Priya Shah know, and they will contact you today/);
    expect(toClient.join(' ')).to.not.match(/didn't understand|companionship/i);
    const [alert] = await alerts();
    expect(alert).to.include({ clientId, tier: 'urgent', state: 'open' });
    const toPriya = to(sent, PRIYA);
    expect(toPriya).to.have.length(1);
    expect(toPriya[0]).to.match(new RegExp(`URGENT alert ${alert!.code}: Margaret E\\.`));
    expect(toPriya[0]).to.contain(`${t.publicBaseUrl}/staff/alerts/${alert!.id} `);
    expect(toPriya[0]).to.not.match(/end it|Ellis|api\/admin/i);

    // Nothing was taken as an answer; the check-in stopped; the words are kept for the link worker.
    const history = (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as {
      responses: unknown[];
      notes: NoteRecord[];
      checkIns: Array<{ status: string }>;
    };
    expect(history.responses).to.deep.equal([]);
    expect(history.notes.map((n) => n.text)).to.deep.equal(['I want to end it']);
    expect(history.checkIns.map((c) => c.status)).to.deep.equal(['stopped']);
    const client = (await (await t.admin(`/api/admin/clients/${clientId}`)).json()) as ClientRecord;
    expect(client.riskOpenSince).to.be.a('string');
  });

  it('goes to the duty contact when nobody acknowledges within 15 minutes, and a later "I\'m fine" changes nothing', async () => {
    await say(CLIENT, 'i dont want to be here anymore');
    expect((await say(CLIENT, "I'm fine now, you misunderstood")).sent.filter((m) => m.to !== CLIENT)).to.deep.equal([]);
    expect(await after(14)).to.deep.equal([]);
    const escalated = await after(1);
    expect(to(escalated, DUTY)).to.have.length(1);
    const [alert] = await alerts();
    expect(alert!.state).to.equal('open');
    expect(alert!.escalations.map((e) => [e.to.role, e.reason])).to.deep.equal([['duty', 'not-acknowledged']]);
  });

  it('stops escalating once the link worker replies ACK with the code', async () => {
    await say(CLIENT, 'I want to kill myself');
    const [alert] = await alerts();
    const ack = await say(PRIYA, `ack ${alert!.code.toLowerCase()}`);
    expect(ack.twiml).to.match(new RegExp(`Alert ${alert!.code} is acknowledged`));
    expect(await after(60)).to.deep.equal([]);
    const [acked] = await alerts();
    expect(acked).to.include({ state: 'acknowledged' });
    expect(acked!.acknowledgedBy).to.deep.equal({ id: 'priya', via: 'sms' });
  });

  it('refuses an ACK from a number that is not registered staff', async () => {
    await say(CLIENT, 'I want to kill myself');
    const [alert] = await alerts();
    const ack = await say(STRANGER, `ACK ${alert!.code}`);
    expect(ack.twiml).to.not.match(/acknowledged/);
    expect((await alerts())[0]!.state).to.equal('open');
    expect(to(await after(15), DUTY)).to.have.length(1);
  });

  it('still escalates on time after a restart between the alert and its escalation', async () => {
    await say(CLIENT, 'thinking of taking all my pills tonight');
    await after(10);
    await restart();
    expect(await after(4)).to.deep.equal([]);
    expect(to(await after(1), DUTY)).to.have.length(1);
  });

  it('moves on to the duty contact at once when the text to the link worker cannot be delivered', async () => {
    await t.text(CLIENT, 'I want to end my life');
    await t.settle();
    await t.app.alerts.idle();
    await t.settle();
    const [alert] = await alerts();
    const sid = alert!.notifications.find((n) => n.to.id === 'priya')!.messageId!;
    const sms = await t.app.store.smsOutbox.get(sid);
    expect(await twilio.sendStatusCallback(sms!.twilioSid!, 'undelivered', 30006)).to.equal(204);
    twilio.reset();
    const sent = await after(0);
    expect(to(sent, DUTY)).to.have.length(1);
    const [escalated] = await alerts();
    expect(escalated!.escalations.map((e) => e.reason)).to.deep.equal(['undeliverable']);
  });

  it('out of hours goes to the duty contact first, tells the link worker too, and says so to the client', async () => {
    clock.set(DateTime.fromISO('2026-12-01T22:30:00Z'));
    const { sent } = await say(CLIENT, 'want 2 die');
    expect(to(sent, CLIENT)[1]).to.match(/duty worker know/);
    expect(to(sent, DUTY)).to.have.length(1);
    expect(to(sent, PRIYA)[0]).to.match(/For your information/);
  });

  it('lists alerts for staff, filtered, and only staff close one, with a note', async () => {
    await say(CLIENT, 'I want to end it');
    const [alert] = await alerts('?state=open');
    expect(alert).to.include({ category: 'suicide' });
    expect(await alerts('?state=resolved')).to.deep.equal([]);
    expect(await alerts(`?clientId=${clientId}`)).to.have.length(1);
    const bad = await t.admin(`/api/admin/alerts/${alert!.id}/resolve`, { method: 'POST', body: JSON.stringify({ by: 'Priya Shah' }) });
    expect(bad.status).to.equal(400);
    const resolved = await t.admin(`/api/admin/alerts/${alert!.id}/resolve`, {
      method: 'POST',
      body: JSON.stringify({ by: 'Priya Shah', note: 'Called Margaret; GP informed; safety plan agreed.' }),
    });
    expect(resolved.status).to.equal(200);
    expect(await resolved.json()).to.include({ state: 'resolved', resolvedBy: 'Priya Shah' });
    const client = (await (await t.admin(`/api/admin/clients/${clientId}`)).json()) as ClientRecord;
    expect(client.riskOpenSince).to.equal(undefined);
    expect((await fetch(`${t.url}/api/admin/alerts`)).status).to.equal(401);
  });

  it('answers someone not enrolled who is in crisis with crisis contacts, and tells the duty contact who to call', async () => {
    const { twiml, sent } = await say(STRANGER, 'please help i want to die');
    expect(twiml).to.match(/Samaritans 116 123/);
    const [alert] = await alerts();
    expect(alert).to.include({ clientId: null, fromPhone: STRANGER, tier: 'urgent' });
    // In working hours an unenrolled number has no link worker: the duty contact is first.
    expect(to(sent, DUTY)[0]).to.contain(STRANGER);
  });

  it('tells the link worker when a client has gone quiet: two check-ins in a row missed', async () => {
    const tick = async (iso: string) => {
      clock.set(DateTime.fromISO(iso, { zone: 'Europe/London' }));
      await t.app.scheduler.tick();
      await t.app.alerts.idle();
      await t.settle();
      const sent = twilio.messages.map((m) => ({ to: m.to, body: m.body }));
      twilio.reset();
      return sent;
    };
    // Nothing is answered: the baseline, then the 7th's check-in (sent once the baseline closed), then the 14th's.
    for (const at of ['2026-12-01T11:00', '2026-12-08T12:00', '2026-12-14T10:00']) {
      expect(to(await tick(at), PRIYA)).to.deep.equal([], at);
    }
    const quiet = await tick('2026-12-16T10:00');
    expect(to(quiet, PRIYA)[0]).to.match(/ROUTINE alert/);
    const [alert] = await alerts();
    expect(alert!.trigger).to.include({ kind: 'score', reason: 'gone-quiet' });
    expect(to(quiet, CLIENT)).to.deep.equal([], 'nothing is said to the client about it');
  });

  it('tells the link worker when UCLA-3 has risen by 3 from the baseline, months later', async () => {
    const answerAll = async (reply: string) => {
      let last = (await say(CLIENT, reply)).sent.map((m) => m.body);
      while (!last.some((m) => /check-in done/.test(m)))
        last = (await say(CLIENT, last.some((m) => /anything you'd like/i.test(m)) ? 'no' : reply)).sent.map((m) => m.body);
    };
    await t.app.scheduler.tick(); // the baseline
    await t.settle();
    twilio.reset();
    await answerAll('1');
    clock.set(DateTime.fromISO('2027-04-06T11:00', { zone: 'Europe/London' }));
    await say(CLIENT, 'check in');
    await answerAll('3');
    const rise = (await alerts()).find((a) => a.trigger.kind === 'score');
    expect(rise).to.include({ tier: 'routine', category: 'loneliness' });
    expect(rise!.trigger).to.include({ reason: 'ucla-rise' });
  });

  it('holds scheduled check-ins while an urgent alert is open, and sends what is still due once staff close it', async () => {
    await say(CLIENT, 'I want to end it');
    const [alert] = await alerts();
    clock.set(DateTime.fromISO('2026-12-07T10:00', { zone: 'Europe/London' }));
    await t.app.scheduler.tick();
    await t.settle();
    expect(to(twilio.messages, CLIENT)).to.deep.equal([]);
    await t.admin(`/api/admin/alerts/${alert!.id}/resolve`, { method: 'POST', body: JSON.stringify({ by: 'Priya Shah', note: 'Spoke at length; safe.' }) });
    clock.advance({ minutes: 5 });
    await t.app.scheduler.tick();
    await t.settle();
    expect(to(twilio.messages, CLIENT)[0]).to.match(/quick questions/);
  });

  it('answers a client who has opted out of messages all the same when they are at risk', async () => {
    await say(CLIENT, 'STOP');
    const { sent } = await say(CLIENT, 'kms');
    expect(to(sent, CLIENT)[0]).to.match(/Samaritans/);
    expect(to(sent, PRIYA)).to.have.length(1);
  });

  it('gently acknowledges a routine worry mid check-in, gives no crisis numbers, and asks the question again', async () => {
    await say(CLIENT, 'check in');
    const { sent } = await say(CLIENT, "i can't cope with the bills anymore");
    const toClient = to(sent, CLIENT);
    expect(toClient[0]).to.match(/passed this on to Priya Shah/);
    expect(toClient.join(' ')).to.not.match(/Samaritans|999/);
    expect(toClient[1]).to.match(/companionship/);
    expect((await alerts())[0]).to.include({ tier: 'routine' });
  });
});
