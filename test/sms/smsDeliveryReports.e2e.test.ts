import { expect } from 'chai';
import twilio from 'twilio';
import type { CallbackStatus } from '../support/fakeTwilio.js';
import { inboundForm, postTwilioForm, TEST_AUTH_TOKEN } from '../support/smsTestApp.js';
import {
  START,
  PHONE,
  type Rig,
  closeRigs,
  rig,
  enrol,
  clientOf,
  eventsOf,
  creates,
  offsetsMs,
  outbox,
  onlyMessage,
  hello,
  report,
} from '../support/smsOutboxRig.js';

describe('SMS outbox: delivery reports', () => {
  afterEach(closeRigs);

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
        expect(await eventsOf(r.t, id)).to.deep.equal([{ type: 'delivery-problem', at: START.toISO(), problem, code, messageId: onlyMessage(r.t).id }]);
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
});
