import { assert, expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../../bot/time/clock.js';
import { ADOPT_EVERY_MS, SEND_LEASE_MS } from '../../../bot/channels/sms/smsDispatcher.js';
import { startFakeTwilio, type FakeTwilio } from '../../support/fakeTwilio.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { enrolSmsClient, startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../../support/smsTestApp.js';
import { waitFor } from '../../support/waitFor.js';

/** Two instances on one PostgreSQL database and one (fake) Twilio: every text goes once. */
describe('two instances on one database: texts and check-ins go once', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let twilio: FakeTwilio;
  let clock: ManualClock;
  const running: SmsTestApp[] = [];

  beforeEach(async () => {
    db = await freshDatabase();
    clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));
  });
  afterEach(async () => {
    for (const t of running.splice(0)) await t.close().catch(() => undefined);
    await twilio?.close();
    await db.drop();
  });

  async function instance(): Promise<SmsTestApp> {
    const t = await startSmsTestApp({ clock, twilio, env: { DATABASE_URL: db.url } });
    running.push(t);
    return t;
  }

  const to = (phone: string) => twilio.messages.filter((m) => m.to === phone).map((m) => m.body);

  it('leaves the texts another live instance is sending to it, even when it starts mid-send', async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, latencyMs: 400 });
    const a = await instance();
    const phone = '+447700900891';
    await enrolSmsClient(a, phone);
    expect((await a.text(phone, 'YES')).status).to.equal(200);
    await a.app.sms!.inbound.idle();
    // A's reply is on its way to Twilio (slowly) when B starts.
    const b = await instance();
    await a.settle();
    await b.settle();
    expect(to(phone)).to.have.length(1);
    expect(to(phone)[0]).to.match(/^Thank you/);
  });

  it('sends each due check-in once when both instances plan at the same moment', async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    const a = await instance();
    const b = await instance();
    const phones = ['+447700900893', '+447700900894', '+447700900895'];
    for (const phone of phones) {
      await enrolSmsClient(a, phone);
      expect((await (phones.indexOf(phone) % 2 ? b : a).text(phone, 'YES')).status).to.equal(200);
    }
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
    await Promise.all([a.settle(), b.settle()]);
    for (const phone of phones) {
      expect(
        to(phone).filter((body) => /quick questions/.test(body)),
        phone,
      ).to.have.length(1);
    }
  });

  it('stops escalating an alert on every instance once it is acknowledged on any (ACK by text to the other one)', async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    const a = await instance();
    const b = await instance();
    const phone = '+447700900896';
    const linkWorker = a.programme.linkWorkers.find((w) => w.id === 'priya')!.phone;
    const duty = a.programme.dutyContacts[0]!.phone;
    await enrolSmsClient(a, phone);
    await a.text(phone, 'YES');
    await a.settle();
    // 10:00 on a Monday: working hours; Priya (their link worker) is asked first, the duty worker after the timeout.
    expect((await a.text(phone, "I can't do this any more, I've got the tablets here")).status).to.equal(200);
    await a.settle();
    const told = to(linkWorker).find((body) => /URGENT alert/.test(body)) ?? '';
    const code = /Reply ACK (\w{4})/.exec(told)?.[1] ?? assert.fail(told);
    // Priya's reply reaches the other instance.
    expect((await b.text(linkWorker, `ACK ${code}`)).status).to.equal(200);
    await b.settle();
    clock.advance({ minutes: a.programme.alerts.ackTimeoutMinutes + 5 });
    // Each instance looks, at this moment past the timeout, at what the store says is due (after
    // whatever its timers started): an escalation would be decided here.
    await Promise.all([a.app.alerts.tick(), b.app.alerts.tick()]);
    await Promise.all([a.settle(), b.settle()]);
    expect(
      to(duty).filter((body) => /alert/.test(body)),
      'nobody else asked once Priya has it',
    ).to.deep.equal([]);
    const [alert] = await a.app.alerts.list({ clientId: (await a.app.store.clients.findByPhone(phone))!.id });
    expect(alert).to.deep.include({ state: 'acknowledged', step: 0 });
  });

  it('finishes once, by looking at Twilio first, a text an instance that died was sending, once its lease runs out', async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    const a = await instance();
    const phone = '+447700900892';
    await enrolSmsClient(a, phone);
    // Twilio takes A's reply, then the connection drops: A cannot know whether it went.
    twilio.acceptButReset();
    expect((await a.text(phone, 'YES')).status).to.equal(200);
    await a.settle();
    await a.close();
    running.splice(running.indexOf(a), 1);

    const b = await instance();
    await b.settle();
    expect(to(phone), 'held by the dead instance until its lease runs out').to.have.length(1);
    // Its lease runs out; B's next look around (its timer passed on the way) takes the text on.
    clock.advance({ milliseconds: SEND_LEASE_MS + ADOPT_EVERY_MS });
    const clientId = (await b.app.store.clients.findByPhone(phone))!.id;
    await waitFor(async () => (await b.app.store.smsOutbox.forClient(clientId))[0]!.status === 'sent', {
      what: 'B to settle the text in the database',
      timeoutMs: 5000,
    });
    await b.settle();
    expect(to(phone), 'found at Twilio: not sent again').to.have.length(1);
    const [record] = await b.app.store.smsOutbox.forClient(clientId);
    expect(record).to.deep.include({ status: 'sent', twilioSid: twilio.messages.find((m) => m.to === phone)!.sid });
  });
});
