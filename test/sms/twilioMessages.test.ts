import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import twilio from 'twilio';
import { createTwilioMessages, TwilioRequestError, type SendResult, type SmsSender, type TwilioMessages } from '../../bot/channels/sms/twilioMessages.js';
import { startFakeTwilio, type FakeFault, type FakeTwilio } from '../support/fakeTwilio.js';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'fake-auth-token';
const SERVICE_SID = `MG${'b2'.repeat(16)}`;
const FROM = '+447700900001';
const TO = '+447700900123';
const OTHER = '+447700900456';
const BODY = 'Hi Sam, how has this week been? Reply 1 to 5.';
const T0 = Date.parse('2025-03-10T09:00:00Z');

interface Callback {
  url: string;
  signature: string;
  params: Record<string, string>;
}

/** Stands in for Linkwell's status-callback route: records what arrives and answers 204. */
async function startCallbackReceiver() {
  const received: Callback[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({
        url: `${url}${req.url ?? ''}`,
        signature: String(req.headers['x-twilio-signature']),
        params: Object.fromEntries(new URLSearchParams(body)),
      });
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('createTwilioMessages', () => {
  let fake: FakeTwilio;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  let nowMs = T0;
  const messagesFor = (sender: SmsSender = { messagingServiceSid: SERVICE_SID }, extra: { authToken?: string; timeoutMs?: number } = {}) =>
    createTwilioMessages({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender, apiBaseUrl: fake.url, ...extra });
  let sms: TwilioMessages;

  before(async () => {
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: () => new Date(nowMs) });
    receiver = await startCallbackReceiver();
    sms = messagesFor();
  });

  afterEach(() => {
    fake.reset();
    receiver.received.length = 0;
    nowMs = T0;
  });

  after(async () => {
    await fake.close();
    await receiver.close();
  });

  describe('send', () => {
    it('sends To, Body and StatusCallback through the messaging service, and answers the sid', async () => {
      const statusCallback = `${receiver.url}/api/sms/status?outbox=42`;
      const result = await sms.send({ to: TO, body: BODY, statusCallback });

      expect(result).to.deep.include({ ok: true, status: 'accepted' });
      expect(fake.messages).to.have.length(1);
      const [message] = fake.messages;
      expect(result)
        .to.have.property('sid', message!.sid)
        .that.matches(/^SM[0-9a-f]{32}$/);
      expect(message).to.deep.include({ to: TO, body: BODY, statusCallback, messagingServiceSid: SERVICE_SID, from: null });
      expect(fake.requests[0]!.form).to.deep.equal({ To: TO, Body: BODY, StatusCallback: statusCallback, MessagingServiceSid: SERVICE_SID });
    });

    it('sends from a number when configured with one, without a StatusCallback when none is given', async () => {
      const result = await messagesFor({ from: FROM }).send({ to: TO, body: BODY });

      expect(result).to.deep.include({ ok: true, status: 'queued' });
      expect(fake.requests[0]!.form).to.deep.equal({ To: TO, Body: BODY, From: FROM });
      expect(fake.messages[0]).to.deep.include({ from: FROM, messagingServiceSid: null, statusCallback: null });
    });

    const failures: ReadonlyArray<[what: string, fault: FakeFault, expected: Partial<Extract<SendResult, { ok: false }>>]> = [
      ['429 with Retry-After', { status: 429, retryAfter: 7 }, { retry: true, mayHaveBeenSent: false, httpStatus: 429, code: 20429, retryAfterMs: 7000 }],
      ['429 without Retry-After', { status: 429 }, { retry: true, mayHaveBeenSent: false, httpStatus: 429, code: 20429 }],
      ['500', { status: 500 }, { retry: true, mayHaveBeenSent: true, httpStatus: 500, code: 20500 }],
      ['503', { status: 503 }, { retry: true, mayHaveBeenSent: false, httpStatus: 503, code: 20503 }],
      ['a connection reset after the request', { reset: true }, { retry: true, mayHaveBeenSent: true }],
      ['21610 (recipient unsubscribed)', { code: 21610 }, { retry: false, mayHaveBeenSent: false, httpStatus: 400, code: 21610 }],
      ["21211 (invalid 'To')", { code: 21211, status: 400 }, { retry: false, mayHaveBeenSent: false, httpStatus: 400, code: 21211 }],
      ['21408 (region not enabled)', { code: 21408, status: 400 }, { retry: false, mayHaveBeenSent: false, httpStatus: 400, code: 21408 }],
      ['21614 (not a mobile)', { code: 21614, status: 400 }, { retry: false, mayHaveBeenSent: false, httpStatus: 400, code: 21614 }],
    ];
    for (const [what, fault, expected] of failures) {
      it(`classifies ${what}`, async () => {
        fake.failNext(fault);
        const result = await sms.send({ to: TO, body: BODY });

        expect(result).to.deep.include({ ok: false, ...expected });
        if (expected.retryAfterMs === undefined) expect(result).not.to.have.property('retryAfterMs');
        if (expected.httpStatus === undefined) expect(result).not.to.have.property('httpStatus');
        expect(fake.messages).to.have.length(0);
      });
    }

    it('fails only as many sends as were planned, then sends normally', async () => {
      fake.failNext({ status: 503 }, 2);
      const results = [];
      for (let i = 0; i < 3; i++) results.push((await sms.send({ to: TO, body: BODY })).ok);

      expect(results).to.deep.equal([false, false, true]);
    });

    it('gives up after timeoutMs on a request Twilio holds, saying it may have been sent', async () => {
      fake.failNext({ hangMs: 1000 });
      const result = await messagesFor(undefined, { timeoutMs: 100 }).send({ to: TO, body: BODY });

      // Had it waited for the answer, the fake would have taken the message and said so (ok).
      expect(result).to.deep.include({ ok: false, retry: true, mayHaveBeenSent: true });
      expect(result).to.have.property('reason').that.includes('100 ms');
    });

    it('says it may have been sent when Twilio accepted it but the answer was lost, and listSentTo then finds it', async () => {
      fake.acceptButReset();
      const result = await sms.send({ to: TO, body: BODY });

      expect(result).to.deep.include({ ok: false, retry: true, mayHaveBeenSent: true });
      expect(result).not.to.have.property('httpStatus');
      const found = await sms.listSentTo(TO, new Date(T0));
      expect(found.map((m) => m.body)).to.deep.equal([BODY]);
      expect(found[0]!.sid).to.equal(fake.messages[0]!.sid);
    });

    it('says it was not sent when Twilio could not be reached at all', async () => {
      const unreachable = createTwilioMessages({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: { from: FROM }, apiBaseUrl: await closedPortUrl() });
      const result = await unreachable.send({ to: TO, body: BODY });

      expect(result).to.deep.include({ ok: false, retry: true, mayHaveBeenSent: false });
      expect(result).to.have.property('reason').that.includes('ECONNREFUSED');
    });

    it('does not retry with wrong credentials', async () => {
      const result = await messagesFor(undefined, { authToken: 'wrong-token' }).send({ to: TO, body: BODY });

      expect(result).to.deep.include({ ok: false, retry: false, mayHaveBeenSent: false, httpStatus: 401, code: 20003 });
      expect(fake.requests[0]!.authorised).to.equal(false);
    });

    it("does not retry what Twilio's own validation refuses", async () => {
      const results = [await sms.send({ to: TO, body: '' }), await sms.send({ to: '07700 900123', body: BODY })];

      expect(results.map((r) => !r.ok && [r.retry, r.code])).to.deep.equal([
        [false, 21602],
        [false, 21211],
      ]);
    });

    it('never puts the phone number or the message in a reason', async () => {
      // The fake's 21211, 21408 and 21614 messages quote the 'To' number, as Twilio's do.
      fake.failNext({ code: 21211 });
      const raw = await fetch(`${fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
        body: new URLSearchParams({ To: TO, Body: BODY, From: FROM }),
      });
      expect(((await raw.json()) as { message: string }).message).to.include(TO);

      const reasons: string[] = [];
      const faults: FakeFault[] = [{ code: 21211 }, { code: 21408 }, { code: 21614 }, { code: 21610 }, { status: 429 }, { status: 500 }, { reset: true }];
      for (const fault of faults) {
        fake.failNext(fault);
        const result = await sms.send({ to: TO, body: BODY });
        if (!result.ok) reasons.push(result.reason);
      }
      fake.acceptButReset();
      const ambiguous = await sms.send({ to: TO, body: BODY });
      if (!ambiguous.ok) reasons.push(ambiguous.reason);
      const wrongKey = await messagesFor(undefined, { authToken: 'wrong' }).send({ to: TO, body: BODY });
      if (!wrongKey.ok) reasons.push(wrongKey.reason);

      expect(reasons).to.have.length(faults.length + 2);
      for (const reason of reasons) {
        expect(reason).not.to.include(TO.slice(1));
        expect(reason).not.to.include('900123');
        expect(reason).not.to.include(BODY.slice(0, 12));
      }
      expect(reasons[0]).to.match(/HTTP 400, error 21211/);
    });
  });

  describe('listSentTo', () => {
    it('finds messages to that number created since the given time, newest first, and no others', async () => {
      await sms.send({ to: TO, body: 'before since' });
      nowMs = T0 + 5 * 60_000;
      await sms.send({ to: TO, body: 'first' });
      await sms.send({ to: OTHER, body: 'someone else' });
      await messagesFor({ messagingServiceSid: `MG${'c3'.repeat(16)}` }).send({ to: TO, body: 'another service' });
      nowMs += 2_000;
      await sms.send({ to: TO, body: 'second' });

      const found = await sms.listSentTo(TO, new Date(T0 + 60_000));

      expect(found.map((m) => m.body)).to.deep.equal(['second', 'first']);
      expect(found[0]).to.deep.include({ to: TO, status: 'accepted', dateCreated: new Date(nowMs).toISOString() });
    });

    it('counts `since` to the second, as Twilio keeps dates', async () => {
      nowMs = T0 + 500;
      await sms.send({ to: TO, body: BODY });

      expect(await sms.listSentTo(TO, new Date(T0 + 900))).to.have.length(1);
    });

    it("follows Twilio's next pages through the same base URL", async () => {
      await Promise.all(Array.from({ length: 130 }, (_, i) => sms.send({ to: TO, body: `message ${i}` })));

      const found = await sms.listSentTo(TO, new Date(T0));

      expect(found).to.have.length(130);
      expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.query.PageToken?.slice(0, 2) ?? 'first')).to.deep.equal(['first', 'PA']);
    });

    it('throws a TwilioRequestError, without the number, when Twilio refuses', async () => {
      const error = await messagesFor(undefined, { authToken: 'wrong' })
        .listSentTo(TO, new Date(T0))
        .then(
          () => undefined,
          (e: unknown) => e,
        );

      expect(error).to.be.instanceOf(TwilioRequestError);
      expect((error as TwilioRequestError).failure).to.deep.include({ retry: false, httpStatus: 401, code: 20003 });
      expect((error as Error).message).not.to.include(TO.slice(1));
    });
  });

  describe('status callbacks from the fake', () => {
    it('are signed so that twilio.validateRequest accepts them at the StatusCallback URL', async () => {
      const statusCallback = `${receiver.url}/api/sms/status?outbox=42`;
      const sent = await sms.send({ to: TO, body: BODY, statusCallback });
      if (!sent.ok) throw new Error(sent.reason);

      const answered = await fake.sendStatusCallback(sent.sid, 'delivered');

      expect(answered).to.equal(204);
      const [callback] = receiver.received;
      expect(callback!.url).to.equal(statusCallback);
      expect(callback!.params).to.deep.equal({
        AccountSid: ACCOUNT_SID,
        ApiVersion: '2010-04-01',
        From: '+15005550006',
        MessageSid: sent.sid,
        MessageStatus: 'delivered',
        MessagingServiceSid: SERVICE_SID,
        SmsSid: sent.sid,
        SmsStatus: 'delivered',
        To: TO,
      });
      expect(twilio.validateRequest(AUTH_TOKEN, callback!.signature, callback!.url, callback!.params)).to.equal(true);
      expect(twilio.validateRequest(AUTH_TOKEN, callback!.signature, callback!.url, { ...callback!.params, MessageStatus: 'failed' })).to.equal(false);
    });

    it('carry the ErrorCode of an undelivered message', async () => {
      const sent = await messagesFor({ from: FROM }).send({ to: TO, body: BODY, statusCallback: `${receiver.url}/status` });
      if (!sent.ok) throw new Error(sent.reason);

      await fake.sendStatusCallback(sent.sid, 'undelivered', 30003);

      const [callback] = receiver.received;
      expect(callback!.params).to.deep.include({ MessageStatus: 'undelivered', ErrorCode: '30003', From: FROM });
      expect(callback!.params).not.to.have.property('MessagingServiceSid');
      expect(twilio.validateRequest(AUTH_TOKEN, callback!.signature, callback!.url, callback!.params)).to.equal(true);
      expect(fake.messages[0]).to.deep.include({ status: 'undelivered', errorCode: 30003 });
    });
  });

  describe('the fake', () => {
    it('filters on DateSent> and DateSent< as twilio-node sends them, leaving out messages not yet sent', async () => {
      const client = twilio(ACCOUNT_SID, AUTH_TOKEN);
      client.api.baseUrl = fake.url;
      const send = async (body: string) => {
        const sent = await sms.send({ to: TO, body, statusCallback: `${receiver.url}/status` });
        if (!sent.ok) throw new Error(sent.reason);
        return sent.sid;
      };
      await fake.sendStatusCallback(await send('early'), 'sent');
      nowMs = T0 + 10 * 60_000;
      await fake.sendStatusCallback(await send('late'), 'sent');
      await send('still queued');
      const middle = new Date(T0 + 5 * 60_000);

      const after = await client.messages.list({ to: TO, dateSentAfter: middle });
      const before = await client.messages.list({ to: TO, dateSentBefore: middle });

      expect(after.map((m) => m.body)).to.deep.equal(['late']);
      expect(before.map((m) => m.body)).to.deep.equal(['early']);
      const [afterQuery] = fake.requests.filter((r) => r.method === 'GET').map((r) => r.query);
      expect(afterQuery).to.deep.include({ To: TO, 'DateSent>': '2025-03-10T09:05:00Z' });
    });
  });
});
