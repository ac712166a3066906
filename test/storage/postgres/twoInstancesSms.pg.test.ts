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

  async function instance(env: Record<string, string> = {}): Promise<SmsTestApp> {
    const t = await startSmsTestApp({ clock, twilio, env: { DATABASE_URL: db.url, ...env } });
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

  it('keeps the texts an instance has queued its own while it lives, however long they wait behind the send rate; the other takes them on once it dies', async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    // One text every 50 seconds between them: the replies queue on A for longer than a lease.
    const slow = { SMS_SEND_RATE_PER_SECOND: '0.02' };
    const a = await instance(slow);
    const phones = Array.from({ length: 6 }, (_, n) => `+44770090088${n}`);
    for (const phone of phones) {
      await enrolSmsClient(a, phone);
      expect((await a.text(phone, 'YES')).status).to.equal(200);
    }
    await a.app.sms!.inbound.idle();
    // B starts beside A, and must leave A's queue alone.
    await instance(slow);
    const owners = async () =>
      (await db.pool.query<{ owner: string | null; n: string }>("SELECT record -> 'lease' ->> 'owner' AS owner, count(*) AS n FROM sms_outbox GROUP BY 1"))
        .rows;
    const held = async () => (await owners()).every((row) => row.owner === a.app.sms!.dispatcher.instanceId);
    // A minute and a half: twice a lease and more, in the steps each instance's timers take.
    for (let step = 0; step < 9; step += 1) {
      clock.advance({ milliseconds: ADOPT_EVERY_MS });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await held(), `every text still A's after ${(step + 1) * 10} s: ${JSON.stringify(await owners())}`).to.equal(true);
    }
    const queued = Number((await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM sms_outbox WHERE status IN ('queued', 'sending')")).rows[0]!.n);
    expect(queued, 'some still waiting their turn on A').to.be.greaterThan(0);

    // A stops for good; once its leases run out, B sends what was left, each text once.
    await a.close();
    running.splice(running.indexOf(a), 1);
    for (let step = 0; step < 4 + queued * 6; step += 1) {
      clock.advance({ milliseconds: ADOPT_EVERY_MS });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(async () => Number((await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM sms_outbox WHERE status <> 'sent'")).rows[0]!.n) === 0, {
      what: 'every text sent',
      timeoutMs: 10_000,
    });
    for (const phone of phones) {
      const bodies = to(phone);
      expect(new Set(bodies).size, `${phone}: ${JSON.stringify(bodies)}`).to.equal(bodies.length);
      expect(
        bodies.some((body) => /^Thank you/.test(body)),
        phone,
      ).to.equal(true);
    }
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
