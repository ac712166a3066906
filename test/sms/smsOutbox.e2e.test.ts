import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import twilio from 'twilio';
import { ManualClock } from '../../bot/clock.js';
import type { ClientEvent, ClientRecord, OutboundSmsRecord } from '../../storage/records.js';
import { startFakeTwilio, type CallbackStatus, type FakeTwilio } from '../support/fakeTwilio.js';
import { inboundForm, postTwilioForm, startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../support/smsTestApp.js';

const START = DateTime.fromISO('2025-03-04T10:00:00.000Z', { zone: 'utc' });
const PHONE = '+447700900123';

/** One Linkwell with SMS on, a fake Twilio and a manual clock they share; `restart` keeps the data directory. */
interface Rig {
  clock: ManualClock;
  fake: FakeTwilio;
  t: SmsTestApp;
  restart(): Promise<void>;
}

const running: Array<{ t: SmsTestApp; fake: FakeTwilio }> = [];

async function rig(env: Record<string, string> = {}): Promise<Rig> {
  const clock = new ManualClock(START);
  // The fake stamps date_created with the same clock, as reconciliation compares it with ours.
  const fake = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, now: () => clock.now().toJSDate() });
  const t = await startSmsTestApp({ clock, twilio: fake, env });
  const entry = { t, fake };
  running.push(entry);
  const r: Rig = {
    clock,
    fake,
    t,
    async restart() {
      await r.t.close({ keepData: true });
      r.t = await startSmsTestApp({ clock, twilio: fake, env, dataDir: r.t.dataDir });
      entry.t = r.t;
    },
  };
  return r;
}

async function enrol(t: SmsTestApp, phone = PHONE): Promise<string> {
  const res = await t.admin('/api/admin/clients', {
    method: 'POST',
    body: JSON.stringify({ name: 'Ada', phone, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
  });
  expect(res.status).to.equal(201);
  return ((await res.json()) as ClientRecord).id;
}

async function clientOf(t: SmsTestApp, id: string): Promise<ClientRecord> {
  return (await (await t.admin(`/api/admin/clients/${id}`)).json()) as ClientRecord;
}

async function eventsOf(t: SmsTestApp, id: string): Promise<ClientEvent[]> {
  const res = await t.admin(`/api/admin/clients/${id}/responses`);
  return ((await res.json()) as { events: ClientEvent[] }).events;
}

/** Create requests that reached the fake Twilio (accepted or not), oldest first. */
function creates(fake: FakeTwilio, to = PHONE) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json') && r.form.To === to);
}

function listRequests(fake: FakeTwilio) {
  return fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));
}

function offsetsMs(requests: ReadonlyArray<{ at: Date }>): number[] {
  return requests.map((r) => r.at.getTime() - START.toMillis());
}

function readJsonFiles(dir: string): OutboundSmsRecord[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? readJsonFiles(join(dir, e.name))
    : e.name.endsWith('.json') && !e.name.startsWith('.') ? [JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as OutboundSmsRecord]
    : [],
  );
}

/** The outbox as it is on disk, oldest first. */
function outbox(t: SmsTestApp, part: 'queue' | 'done' | 'all' = 'all'): OutboundSmsRecord[] {
  const root = join(t.dataDir, 'sms', 'outbox');
  const records = part === 'all' ? [...readJsonFiles(join(root, 'queue')), ...readJsonFiles(join(root, 'done'))] : readJsonFiles(join(root, part));
  return records.sort((a, b) => a.seq - b.seq);
}

function onlyMessage(t: SmsTestApp): OutboundSmsRecord {
  const records = outbox(t);
  expect(records, 'outbox messages').to.have.length(1);
  return records[0]!;
}

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Text "hello" and wait for the welcome to be handled by the outbox. */
async function hello(r: Rig, phone = PHONE): Promise<void> {
  await r.t.text(phone, 'hello');
  await r.t.settle();
}

async function report(r: Rig, status: CallbackStatus, errorCode?: number, phone = PHONE): Promise<void> {
  const latest = r.fake.messages.filter((m) => m.to === phone).at(-1);
  expect(latest, 'a message at Twilio').to.not.equal(undefined);
  expect(await r.fake.sendStatusCallback(latest!.sid, status, errorCode)).to.equal(204);
  await r.t.settle();
}

describe('SMS outbox', () => {
  afterEach(async () => {
    for (const { t, fake } of running.splice(0)) {
      await t.close();
      await fake.close();
    }
  });

  describe('retries', () => {
    it('sends a message refused with 429 once, after the Retry-After wait', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.failNext({ status: 429, retryAfter: 2 });

      await hello(r);
      expect(r.t.sentTo(PHONE)).to.deep.equal([]);
      r.clock.advance({ milliseconds: 1999 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(1);

      r.clock.advance({ milliseconds: 1 });
      await r.t.settle();
      expect(r.t.sentTo(PHONE)).to.have.length(1);
      expect(offsetsMs(creates(r.fake))).to.deep.equal([0, 2000]);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', attempts: 2, twilioSid: r.fake.messages[0]!.sid });
    });

    it('sends a message met by 500 then 503 once, waiting longer after each failure', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.failNext({ status: 500 });
      r.fake.failNext({ status: 503 });

      await hello(r);
      r.clock.advance({ milliseconds: 999 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(1);
      r.clock.advance({ milliseconds: 1 });
      await r.t.settle();
      r.clock.advance({ milliseconds: 1999 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(2);
      r.clock.advance({ milliseconds: 1 });
      await r.t.settle();

      expect(r.t.sentTo(PHONE)).to.have.length(1);
      expect(offsetsMs(creates(r.fake))).to.deep.equal([0, 1000, 3000]);
      // A 500 may come after Twilio stored the message, so Twilio was asked before sending again.
      expect(offsetsMs(listRequests(r.fake))).to.deep.equal([1000]);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', attempts: 3 });
    });

    it('does not send twice a message Twilio accepted before the connection was reset', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.acceptButReset();

      await hello(r);
      expect(onlyMessage(r.t).status).to.equal('sending');
      r.clock.advance({ seconds: 1 });
      await r.t.settle();

      expect(r.t.sentTo(PHONE)).to.have.length(1);
      expect(creates(r.fake)).to.have.length(1);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', twilioSid: r.fake.messages[0]!.sid });
    });

    it('keeps a delivery reported while the send was unconfirmed when reconciliation finds the message', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.acceptButReset();
      await hello(r);

      // Twilio's callbacks overtake each other: delivered first, then sent.
      await report(r, 'delivered');
      await report(r, 'sent');
      r.clock.advance({ seconds: 1 });
      await r.t.settle();

      expect(onlyMessage(r.t)).to.deep.include({ status: 'sent', twilioSid: r.fake.messages[0]!.sid });
      expect(onlyMessage(r.t).delivery?.status).to.equal('delivered');
    });
  });

  describe('restarts', () => {
    it('sends every message queued while Twilio was down exactly once, in order, after a restart', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.failNext({ status: 503 }, 100);
      await r.t.text(PHONE, 'check in');
      await r.t.settle();
      await r.t.text(PHONE, '2');
      await r.t.settle();
      r.clock.advance({ seconds: 1 });
      await r.t.settle();
      const queued = outbox(r.t, 'queue');
      expect(queued.map((m) => m.status)).to.deep.equal(['queued', 'queued', 'queued']);
      expect(r.t.sentTo(PHONE)).to.deep.equal([]);

      r.fake.reset();
      await r.restart();
      r.clock.advance({ minutes: 5 });
      await r.t.settle();

      expect(r.t.sentTo(PHONE)).to.deep.equal(queued.map((m) => m.body));
      expect(outbox(r.t, 'queue')).to.deep.equal([]);
      expect(outbox(r.t).map((m) => m.status)).to.deep.equal(['sent', 'sent', 'sent']);
    });

    it('does not send again, after a restart, a message whose request reached Twilio', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.acceptButReset();
      await hello(r);
      expect(onlyMessage(r.t).status).to.equal('sending');

      await r.restart();
      r.clock.advance({ seconds: 1 });
      await r.t.settle();

      expect(creates(r.fake)).to.have.length(1);
      expect(listRequests(r.fake)).to.have.length(1);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', twilioSid: r.fake.messages[0]!.sid });
    });

    it('sends once, after a restart, a message whose request never reached Twilio', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.failNext({ reset: true });
      await hello(r);
      expect(onlyMessage(r.t).status).to.equal('sending');

      await r.restart();
      r.clock.advance({ seconds: 1 });
      await r.t.settle();

      expect(r.t.sentTo(PHONE)).to.have.length(1);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', twilioSid: r.fake.messages[0]!.sid });
    });
  });

  describe('status callbacks', () => {
    it('keeps a message delivered when the sent report arrives after the delivered one', async () => {
      const r = await rig();
      await enrol(r.t);
      await hello(r);

      await report(r, 'delivered');
      await report(r, 'sent');
      await report(r, 'queued');

      expect(onlyMessage(r.t).delivery).to.deep.include({ status: 'delivered', errorCode: null });
    });

    it('answers 403 to a callback with a bad signature, or signed for another message, and changes nothing', async () => {
      const r = await rig();
      await enrol(r.t);
      await hello(r);
      await hello(r);
      const [first, second] = outbox(r.t);
      const form = { ...inboundForm(PHONE, ''), MessageSid: first!.twilioSid!, MessageStatus: 'undelivered', ErrorCode: '30005' };
      const before = outbox(r.t);

      const forged = await postTwilioForm(r.t.url, r.t.publicBaseUrl, `/api/sms/status?id=${first!.id}`, form, 'bm90LWEtc2lnbmF0dXJl');
      const signedForFirst = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${r.t.publicBaseUrl}/api/sms/status?id=${first!.id}`, form);
      const replayed = await postTwilioForm(r.t.url, r.t.publicBaseUrl, `/api/sms/status?id=${second!.id}`, form, signedForFirst);
      await r.t.settle();

      expect([forged.status, replayed.status]).to.deep.equal([403, 403]);
      expect(outbox(r.t)).to.deep.equal(before);
    });

    it('answers a callback for a message it never sent without error, and changes nothing', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      await hello(r);
      const before = outbox(r.t);
      const form = { ...inboundForm(PHONE, ''), MessageSid: r.fake.messages[0]!.sid, MessageStatus: 'failed', ErrorCode: '21610' };

      for (const unknown of ['5d7f3c1e-0000-4000-8000-000000000000', '-not-an-outbox-id']) {
        const res = await postTwilioForm(r.t.url, r.t.publicBaseUrl, `/api/sms/status?id=${unknown}`, form);
        expect(res.status, unknown).to.equal(204);
      }
      await r.t.settle();

      expect(outbox(r.t)).to.deep.equal(before);
      expect(await eventsOf(r.t, id)).to.deep.equal([]);
      expect((await clientOf(r.t, id)).optedOutAt).to.equal(undefined);
    });
  });

  describe('opt-out at the carrier (21610)', () => {
    async function expectOptedOutByTwilio(r: Rig, id: string): Promise<void> {
      expect((await clientOf(r.t, id)).optedOutAt).to.equal(START.toISO());
      const events = await eventsOf(r.t, id);
      const messageId = outbox(r.t)[0]!.id;
      expect(events).to.deep.equal([
        { type: 'opted-out', at: START.toISO(), source: 'twilio-opt-out', channel: 'sms' },
        { type: 'delivery-problem', at: START.toISO(), problem: 'opted-out-at-carrier', code: 21610, messageId },
      ]);
      // Whether staff may start a check-in is the bot's business; none of it may reach the phone.
      // HELP still gets its compliance reply.
      const sentBefore = creates(r.fake).length;
      expect((await r.t.admin(`/api/admin/clients/${id}/checkins`, { method: 'POST' })).status).to.be.below(500);
      await r.t.text(PHONE, 'nope');
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(sentBefore);
      await r.t.text(PHONE, 'HELP');
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(sentBefore + 1);
      expect(outbox(r.t).at(-1)).to.include({ compliance: true, status: 'sent' });
    }

    it('opts the client out when Twilio refuses a send with 21610, and sends them nothing more', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      r.fake.failNext({ code: 21610 });

      await hello(r);

      expect(onlyMessage(r.t).status).to.equal('failed');
      expect(onlyMessage(r.t).lastError).to.include({ httpStatus: 400, code: 21610 });
      expect(creates(r.fake)).to.have.length(1);
      await expectOptedOutByTwilio(r, id);
    });

    it('opts the client out when a delivery report says 21610, and sends them nothing more', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      await hello(r);

      await report(r, 'failed', 21610);

      expect(onlyMessage(r.t).delivery).to.deep.include({ status: 'failed', errorCode: 21610 });
      await expectOptedOutByTwilio(r, id);
    });
  });

  describe('delivery failures', () => {
    it('re-sends to an unreachable handset after 1 h, then 6 h, then tells the link worker', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      await hello(r);
      const firstSid = r.fake.messages[0]!.sid;

      await report(r, 'undelivered', 30003);
      r.clock.advance({ minutes: 59, seconds: 59 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(1);
      r.clock.advance({ seconds: 1 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(2);
      // A late report about the first attempt says nothing about the second.
      expect(await r.fake.sendStatusCallback(firstSid, 'delivered')).to.equal(204);
      expect(onlyMessage(r.t).delivery?.status).to.equal('queued');

      await report(r, 'undelivered', 30003);
      r.clock.advance({ hours: 5, minutes: 59, seconds: 59 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(2);
      r.clock.advance({ seconds: 1 });
      await r.t.settle();
      expect(creates(r.fake)).to.have.length(3);
      expect(await eventsOf(r.t, id)).to.deep.equal([]);

      await report(r, 'undelivered', 30003);
      r.clock.advance({ days: 2 });
      await r.t.settle();

      const bodies = r.t.sentTo(PHONE);
      expect(bodies).to.have.length(3);
      expect(new Set(bodies).size).to.equal(1);
      expect(offsetsMs(creates(r.fake))).to.deep.equal([0, 3_600_000, 7 * 3_600_000]);
      const sentAt = START.plus({ hours: 7 }).toISO();
      expect(await eventsOf(r.t, id)).to.deep.equal([
        { type: 'delivery-problem', at: sentAt, problem: 'unreachable', code: 30003, messageId: onlyMessage(r.t).id },
      ]);
    });

    it('re-sends after 1 h a message reported unreachable before its send was confirmed', async () => {
      const r = await rig();
      await enrol(r.t);
      r.fake.acceptButReset();
      await hello(r);

      await report(r, 'undelivered', 30003);
      r.clock.advance({ hours: 1 });
      await r.t.settle();

      expect(creates(r.fake)).to.have.length(2);
      expect(onlyMessage(r.t)).to.include({ status: 'sent', redeliveries: 1, twilioSid: r.fake.messages[1]!.sid });
    });

    const atOnce: ReadonlyArray<[code: number, problem: string]> = [
      [30005, 'unknown-number'],
      [30006, 'landline'],
    ];
    for (const [code, problem] of atOnce) {
      it(`tells the link worker at once, and does not re-send, when Twilio reports ${code} (${problem})`, async () => {
        const r = await rig();
        const id = await enrol(r.t);
        await hello(r);

        await report(r, 'undelivered', code);
        r.clock.advance({ days: 1 });
        await r.t.settle();

        expect(creates(r.fake)).to.have.length(1);
        expect(await eventsOf(r.t, id)).to.deep.equal([
          { type: 'delivery-problem', at: START.toISO(), problem, code, messageId: onlyMessage(r.t).id },
        ]);
      });
    }

    it('tells the link worker once after three failed deliveries in a row', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      for (let i = 0; i < 4; i++) {
        await hello(r);
        await report(r, 'undelivered', 30007);
      }

      const events = await eventsOf(r.t, id);
      expect(events.map((e) => e.type === 'delivery-problem' && e.problem)).to.deep.equal(['repeated-failures']);
      expect(events[0]).to.include({ code: 30007, messageId: outbox(r.t)[2]!.id });
    });

    it('starts counting failed deliveries again after one is delivered', async () => {
      const r = await rig();
      const id = await enrol(r.t);
      const outcomes: Array<[CallbackStatus, number?]> = [['failed', 30008], ['undelivered', 30007], ['delivered'], ['failed', 30008], ['undelivered', 30007]];
      for (const [status, code] of outcomes) {
        await hello(r);
        await report(r, status, code);
      }
      expect(await eventsOf(r.t, id)).to.deep.equal([]);

      await hello(r);
      await report(r, 'failed', 30008);
      expect((await eventsOf(r.t, id)).map((e) => e.type === 'delivery-problem' && e.problem)).to.deep.equal(['repeated-failures']);
    });
  });

  it('sends no faster than SMS_SEND_RATE_PER_SECOND', async () => {
    const r = await rig({ SMS_SEND_RATE_PER_SECOND: '1' });
    const phones = ['+447700900201', '+447700900202', '+447700900203', '+447700900204'];
    for (const phone of phones) await enrol(r.t, phone);
    for (const phone of phones) await r.t.text(phone, 'hello');
    await r.t.app.sms!.inbound.idle();
    const all = () => r.fake.requests.filter((q) => q.method === 'POST');
    const sent = () => outbox(r.t).filter((m) => m.status === 'sent').length;

    await until(() => sent() === 1, 'the first message');
    for (let k = 1; k < phones.length; k++) {
      r.clock.advance({ milliseconds: 999 });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(all(), `after ${k - 1}.999 s`).to.have.length(k);
      r.clock.advance({ milliseconds: 1 });
      await until(() => sent() === k + 1, `message ${k + 1}`);
    }

    expect(offsetsMs(all())).to.deep.equal([0, 1000, 2000, 3000]);
    expect(new Set(all().map((q) => q.form.To))).to.deep.equal(new Set(phones));
  });

  it('writes a message to the outbox on disk before asking Twilio to send it', async () => {
    const r = await rig();
    await enrol(r.t);
    r.fake.failNext({ hangMs: 200 });

    await r.t.text(PHONE, 'hello');
    await until(() => creates(r.fake).length === 1, 'the request to Twilio');
    const whileSending = outbox(r.t, 'queue');
    await r.t.settle();

    expect(whileSending).to.have.length(1);
    expect(whileSending[0]).to.include({ status: 'sending', to: PHONE, body: creates(r.fake)[0]!.form.Body });
    expect(outbox(r.t, 'queue')).to.deep.equal([]);
    expect(outbox(r.t, 'done')).to.have.length(1);
    expect(onlyMessage(r.t)).to.include({ id: whileSending[0]!.id, status: 'sent' });
  });
});
