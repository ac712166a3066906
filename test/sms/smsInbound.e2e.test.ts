import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { smsSegments } from '../../cards/smsText.js';
import type { ClientEvent, ItemResponseRecord, NoteRecord } from '../../storage/records.js';
import { inboundForm, postTwilioForm, startSmsTestApp, twilioSignature, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900321';

interface History {
  responses: ItemResponseRecord[];
  scores: Array<{ instrumentId: string; score: number | null; complete: boolean }>;
  notes: NoteRecord[];
  checkIns: Array<{ status: string; channel: string }>;
  events: ClientEvent[];
}

/** Every file under a directory, as relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

describe('SMS channel: receiving texts', () => {
  let t: SmsTestApp;
  let clientId: string;

  beforeEach(async () => {
    t = await startSmsTestApp();
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Arthur Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
  });

  afterEach(async () => {
    await t.close();
  });

  /** The client agreed (YES) to a welcome sent before this test's server started: check-ins may run. */
  const agreedEarlier = () => t.app.store.clients.update(clientId, (c) => ({ ...c, consentedAt: '2026-01-01T09:00:00.000Z' }));

  /** Text the bot and wait for its replies, which are returned (and forgotten by the fake). */
  async function say(text: string): Promise<string[]> {
    const res = await t.text(PHONE, text);
    expect(res.status, `webhook status for ${JSON.stringify(text)}`).to.equal(200);
    expect(await res.text()).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await t.settle();
    const replies = t.sentTo(PHONE);
    t.twilio.reset();
    return replies;
  }

  const history = async () => (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as History;

  it('takes a client through a whole check-in by text, and the answers land as a link worker sees them', async () => {
    await agreedEarlier();
    const conversation: Array<[string, RegExp[]]> = [
      ['check in', [/automated check-in/, /lack companionship\?\n1 Hardly ever or never\n2 Some of the time\n3 Often\nReply 1, 2 or 3$/]],
      ['hardly ever', [/^How often do you feel left out\?/]],
      ['2', [/^How often do you feel isolated from others\?/]],
      ['Often tbh', [/^How often do you feel lonely\?\n1 Often\/always\n.*\nReply 1, 2, 3, 4 or 5$/s]],
      ['three', [/anything you'd like Sam Okafor to know/]],
      ['The bus to choir has stopped running', [/pass that on to Sam Okafor/, /check-in done/]],
    ];
    for (const [text, expected] of conversation) {
      const replies = await say(text);
      expect(replies, `replies to ${JSON.stringify(text)}`).to.have.length(expected.length);
      for (const [i, reply] of replies.entries()) expect(reply).to.match(expected[i]!);
      for (const reply of replies) {
        expect(smsSegments(reply).encoding, reply).to.equal('GSM-7');
        expect(reply).not.to.match(/AdaptiveCard|\{"type"/);
      }
    }

    const stored = await history();
    expect(stored.responses.map((r) => [r.itemId, r.value, r.raw, r.channel])).to.deep.equal([
      ['lack_companionship', 1, 'hardly ever', 'sms'],
      ['left_out', 2, '2', 'sms'],
      ['isolated', 3, 'Often tbh', 'sms'],
      ['lonely', 3, 'three', 'sms'],
    ]);
    expect(stored.scores.find((s) => s.instrumentId === 'ucla3')).to.deep.include({ score: 6, complete: true });
    expect(stored.notes.map((n) => n.text)).to.deep.equal(['The bus to choir has stopped running']);
    expect(stored.checkIns.map((c) => [c.status, c.channel])).to.deep.equal([['completed', 'sms']]);
  });

  it('lets staff start a check-in by text for a client who has agreed but never texted before', async () => {
    // Agreed, say, by replying YES to a welcome sent before this test's server started.
    await t.app.store.clients.update(clientId, (c) => ({ ...c, consentedAt: '2026-01-01T09:00:00.000Z' }));
    const started = await t.admin(`/api/admin/clients/${clientId}/checkins`, { method: 'POST' });
    expect(started.status).to.equal(202);
    await t.settle();
    expect(t.sentTo(PHONE).join('\n')).to.match(/automated check-in[\s\S]*lack companionship/);
    t.twilio.reset();
    expect((await say('3'))[0]).to.match(/left out/);
  });

  it('refuses a webhook without a valid signature: 403, no turn, nothing stored', async () => {
    const before = filesUnder(t.dataDir);
    const form = inboundForm(PHONE, 'check in');
    const local = (await postTwilioForm(t.url, t.url, '/api/sms', form, 'bm90IGEgc2lnbmF0dXJl')).status;
    const unsigned = await fetch(`${t.url}/api/sms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    // Signed for other content: the body was changed on the way.
    const tampered = await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', { ...form, Body: 'STOP' }, twilioSignature(t.publicBaseUrl, '/api/sms', form));
    expect([local, unsigned.status, tampered.status]).to.deep.equal([403, 403, 403]);
    await t.settle();
    expect(t.twilio.messages).to.have.length(0);
    expect(filesUnder(t.dataDir).sort()).to.deep.equal(before.sort());
  });

  it('checks the signature against PUBLIC_BASE_URL, not the Host the request came in on', async () => {
    await t.close();
    t = await startSmsTestApp({ publicBaseUrl: 'https://linkwell.example.org' });
    await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Arthur Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
    });
    // Signed over the URL the request actually reached: not what Twilio would sign.
    expect((await postTwilioForm(t.url, t.url, '/api/sms', inboundForm(PHONE, 'hello'))).status).to.equal(403);
    expect((await postTwilioForm(t.url, 'https://linkwell.example.org', '/api/sms', inboundForm(PHONE, 'hello'))).status).to.equal(200);
  });

  it('handles a text that Twilio sends twice only once, even across a restart', async () => {
    await agreedEarlier();
    const form = inboundForm(PHONE, 'check in');
    expect((await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form)).status).to.equal(200);
    expect((await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form)).status).to.equal(200);
    await t.settle();
    expect(t.sentTo(PHONE)).to.have.length(2); // intro and first question, once

    const { dataDir, twilio } = t;
    await t.close({ keepData: true });
    t = await startSmsTestApp({ dataDir, twilio });
    twilio.reset();
    expect((await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form)).status).to.equal(200);
    await t.settle();
    expect(twilio.messages).to.have.length(0);
    expect((await history()).checkIns).to.have.length(1);
  });

  it('answers two texts sent together, both, in the order they came', async () => {
    await agreedEarlier();
    await say('check in');
    const [first, second] = await Promise.all([t.text(PHONE, '1'), t.text(PHONE, '2')]);
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    await t.settle();
    expect(t.sentTo(PHONE).map((m) => m.split('\n')[0])).to.deep.equal(['How often do you feel left out?', 'How often do you feel isolated from others?']);
    expect((await history()).responses.map((r) => r.value)).to.deep.equal([1, 2]);
  });

  it('answers a number that is not enrolled once, politely, without storing anything about it', async () => {
    const before = filesUnder(t.dataDir);
    const stranger = '+447700900777';
    const form = inboundForm(stranger, 'Hello, is this the walking group?');
    const first = await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form);
    const retry = await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form);
    expect(await first.text()).to.match(/<Message>Sorry, this service is only for people invited by their link worker\./);
    expect(await retry.text()).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await t.settle();
    expect(t.twilio.messages).to.have.length(0);
    const after = filesUnder(t.dataDir);
    expect(after.sort()).to.deep.equal(before.sort());
    for (const file of after) expect(readFileSync(join(t.dataDir, file), 'utf8')).not.to.contain(stranger.slice(1));
  });

  it('sends nothing back to a number that is not enrolled when it texts STOP', async () => {
    for (const form of [inboundForm('+447700900779', 'STOP'), { ...inboundForm('+447700900780', 'stop'), OptOutType: 'STOP' }]) {
      const res = await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', form);
      expect(await res.text()).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }
  });

  it('says it can only read text when a picture comes without words, then asks the question again', async () => {
    await agreedEarlier();
    await say('check in');
    const replies = await (async () => {
      const res = await t.text(PHONE, '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'image/jpeg' });
      expect(res.status).to.equal(200);
      await t.settle();
      return t.sentTo(PHONE);
    })();
    expect(replies[0]).to.match(/only read text/);
    expect(replies[1]).to.match(/lack companionship/);
  });

  it('runs a staff-started check-in and a text that arrive together one after the other, losing neither', async () => {
    await say('YES');
    const [texted, started] = await Promise.all([
      t.text(PHONE, 'My daughter is visiting on Sunday'),
      t.admin(`/api/admin/clients/${clientId}/checkins`, { method: 'POST' }),
    ]);
    expect([texted.status, started.status]).to.deep.equal([200, 202]);
    await t.settle();
    t.twilio.reset();
    // Whichever ran first, the check-in is open at its first question and the text was kept.
    expect((await say('1'))[0]).to.match(/left out/);
    const stored = await history();
    expect(stored.notes.map((n) => n.text)).to.deep.equal(['My daughter is visiting on Sunday']);
    expect(stored.responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 1]]);
  });

  it('never writes what clients text, or any phone number, to the log', async () => {
    await t.close();
    const lines: string[] = [];
    t = await startSmsTestApp({ logSink: (line) => lines.push(line) });
    await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Arthur Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
    });
    const stranger = '+447700900778';
    t.twilio.failNext({ status: 503 });
    for (const text of ['check in', 'Gwendolyn keeps the spare key', 'STOP']) await say(text);
    await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', inboundForm(stranger, 'Is this Gwendolyn?'));
    await postTwilioForm(t.url, t.publicBaseUrl, '/api/sms', inboundForm(PHONE, 'forged'), 'bm9wZQ==');
    const everything = lines.join('\n');
    expect(lines.length).to.be.above(3);
    for (const secret of ['Gwendolyn', 'check in', 'forged', PHONE, PHONE.slice(1), PHONE.slice(3), stranger.slice(3), 'Arthur']) {
      expect(everything, secret).not.to.include(secret);
    }
  });

  it('accepts a long text of 1,600 characters and keeps all of it for the link worker', async () => {
    const long = `${'I have been meaning to tell someone about the last few weeks. '.repeat(26).slice(0, 1599)}!`;
    expect(long).to.have.length(1600);
    const replies = await say(long);
    expect(replies[0]).to.match(/passed your message to Sam Okafor/);
    expect((await history()).notes.map((n) => n.text)).to.deep.equal([long]);
  });
});
