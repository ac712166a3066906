import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientEvent, ClientRecord, NoteRecord } from '../../storage/records.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900432';
// Monday 23 November 2026, 10:00 in London.
const START = DateTime.fromISO('2026-11-23T10:00:00Z', { zone: 'utc' });

interface History {
  notes: NoteRecord[];
  checkIns: Array<{ status: string }>;
  events: ClientEvent[];
  responses: Array<{ itemId: string; value: number | null }>;
}

describe('SMS channel: STOP, START, HELP and PAUSE', () => {
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeEach(async () => {
    clock = new ManualClock(START);
    t = await startSmsTestApp({ clock });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Maureen Hale', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
  });

  afterEach(async () => {
    await t.close();
  });

  async function say(text: string, extra?: Record<string, string>): Promise<string[]> {
    const res = await t.text(PHONE, text, extra);
    expect(res.status).to.equal(200);
    await t.settle();
    const replies = t.sentTo(PHONE);
    t.twilio.reset();
    return replies;
  }

  /** The client agreed (YES) to a welcome sent before this test's server started: check-ins may run. */
  const agreedEarlier = () => t.app.store.clients.update(clientId, (c) => ({ ...c, consentedAt: '2026-01-01T09:00:00.000Z' }));

  const client = async () => (await (await t.admin(`/api/admin/clients/${clientId}`)).json()) as ClientRecord;
  const history = async () => (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as History;

  for (const stop of ['STOP', ' stop ', 'Stop.', 'Unsubscribe', 'stop all', 'cancel', 'END', 'quit']) {
    it(`opts out on ${JSON.stringify(stop)} in the middle of a check-in, with one confirmation and then silence`, async () => {
      await agreedEarlier();
      await say('check in');
      const confirmation = await say(stop);
      expect(confirmation).to.have.length(1);
      expect(confirmation[0]).to.match(/won't get any more messages.*Reply START/);

      // Nothing at all is sent now, but what the client writes still reaches their link worker.
      expect(await say('check in')).to.deep.equal([]);
      expect(await say('I feel very alone today')).to.deep.equal([]);
      const started = await t.admin(`/api/admin/clients/${clientId}/checkins`, { method: 'POST' });
      expect(started.status).to.equal(409);
      await t.settle();
      expect(t.twilio.messages).to.have.length(0);

      expect((await client()).optedOutAt).to.equal(START.toISO());
      const stored = await history();
      expect(stored.checkIns.map((c) => c.status)).to.deep.equal(['stopped']);
      expect(stored.notes.map((n) => n.text)).to.deep.equal(['check in', 'I feel very alone today']);
      expect(stored.events).to.deep.equal([{ type: 'opted-out', at: START.toISO(), source: 'sms-keyword', channel: 'sms' }]);
    });
  }

  for (const start of ['START', 'unstop', 'Yes']) {
    it(`opts back in on ${JSON.stringify(start)}, confirms, and check-ins work again`, async () => {
      await say('STOP');
      clock.advance({ days: 3 });
      expect((await say(start))[0]).to.match(/^Welcome back/);
      expect((await client()).optedOutAt).to.equal(undefined);
      await agreedEarlier();
      expect((await say('check in')).join('\n')).to.match(/lack companionship/);
      expect((await history()).events.map((e) => [e.type, e.at])).to.deep.equal([
        ['opted-out', START.toISO()],
        ['opted-in', START.plus({ days: 3 }).toISO()],
      ]);
    });
  }

  it('asks a new client to agree, and records YES as their agreement once, with time and channel', async () => {
    const welcome = (await say('hello'))[0];
    // How answers are used and who sees them, in plain words, before anything is asked.
    expect(welcome)
      .to.match(/Your answers go to Priya Shah, your link worker/)
      .and.match(/Nobody else sees them/);
    expect(welcome)
      .to.match(/Once a week I can send you a few short questions\./)
      .and.match(/Reply YES if you are happy with this\./);
    expect(await say('Yes please')).to.deep.equal(['Thank you, Maureen Hale. Linkwell will check in with you once a week. Priya Shah sees your answers.']);
    expect((await client()).consentedAt).to.equal(START.toISO());
    const agreed = { at: START.toISO(), channel: 'sms' };
    expect((await client()).agreements).to.deep.include({
      texts: { ...agreed, messageKey: (await client()).agreements!.texts!.messageKey },
      sharing: { ...agreed, messageKey: (await client()).agreements!.texts!.messageKey },
    });
    // Once agreed, YES is an ordinary reply (a note for the link worker), and the welcome stops asking.
    expect((await say('yes'))[0]).to.match(/passed your message/);
    expect((await say('hello'))[0]).not.to.match(/Reply YES/);
    expect((await history()).events).to.deep.equal([
      { type: 'consented', at: START.toISO(), source: 'reply', channel: 'sms' },
      { type: 'agreed-to-sharing', at: START.toISO(), source: 'reply', channel: 'sms' },
    ]);
  });

  it('asks for agreement first when a new client asks for a check-in, keeps nothing before it, and starts the check-in on YES', async () => {
    const asked = await say('check in');
    expect(asked).to.have.length(1);
    expect(asked[0])
      .to.match(/^Before your first check-in: your answers go to Priya Shah/)
      .and.match(/Reply YES/);
    expect(await say('2')).to.have.length(1);
    expect((await history()).responses, 'no answer kept before agreeing').to.deep.equal([]);
    expect((await history()).checkIns).to.deep.equal([]);
    const started = await say('yes');
    expect(started[0]).to.match(/^Thank you, Maureen Hale/);
    expect(started.join('\n')).to.match(/lack companionship/);
    await say('3');
    expect((await history()).responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 3]]);
  });

  it('answers HELP with the programme help and how to reach the link worker, then asks the question again', async () => {
    await agreedEarlier();
    await say('check in');
    const replies = await say('HELP');
    expect(replies[0]).to.match(/automated check-ins from Linkwell Demo Programme\. Your link worker is Priya Shah, \+447700900102\./);
    expect(replies[1]).to.match(/lack companionship/);
    // The check-in carries on where it was.
    expect((await say('1'))[0]).to.match(/left out/);
  });

  it('answers HELP even after an opt-out, and nothing else', async () => {
    await say('STOP');
    expect((await say('info'))[0]).to.match(/Your link worker is Priya Shah/);
    expect(await say('hello')).to.deep.equal([]);
  });

  it('pauses for two weeks on PAUSE, confirmed with the local date, and resumes on RESUME', async () => {
    await agreedEarlier();
    await say('check in');
    expect(await say('PAUSE')).to.deep.equal(['OK, no check-ins until Monday 7 December. Reply RESUME to start again sooner, or STOP to stop all messages.']);
    const paused = await client();
    expect(DateTime.fromISO(paused.pausedUntil!, { zone: 'Europe/London' }).toISO()).to.equal('2026-12-07T00:00:00.000+00:00');
    expect((await history()).checkIns.map((c) => c.status)).to.deep.equal(['stopped']);

    expect((await say('resume'))[0]).to.match(/back on/);
    expect((await client()).pausedUntil).to.equal(undefined);
    expect((await history()).events.map((e) => e.type)).to.deep.equal(['paused', 'resumed']);
  });

  it("pauses until the date asked for, in the client's own time zone", async () => {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dev', phone: '+61491570156', timezone: 'Australia/Brisbane', linkWorkerId: 'sam', channel: 'sms' }),
    });
    const dev = ((await created.json()) as { id: string }).id;
    // 23:30 on Monday in London is already Tuesday 09:30 in Brisbane.
    clock.set(DateTime.fromISO('2026-11-23T23:30:00Z'));
    await t.text('+61491570156', 'pause 3 weeks');
    await t.settle();
    expect(t.sentTo('+61491570156')[0]).to.match(/until Tuesday 15 December/);
    const record = (await (await t.admin(`/api/admin/clients/${dev}`)).json()) as ClientRecord;
    expect(DateTime.fromISO(record.pausedUntil!, { zone: 'Australia/Brisbane' }).toISO()).to.equal('2026-12-15T00:00:00.000+10:00');
  });

  it('records an opt-out Twilio already handled itself, without a second confirmation', async () => {
    expect(await say('STOP', { OptOutType: 'STOP' })).to.deep.equal([]);
    expect((await client()).optedOutAt).to.equal(START.toISO());
    expect((await history()).events.map((e) => [e.type, 'source' in e ? e.source : null])).to.deep.equal([['opted-out', 'twilio-opt-out']]);
  });

  it('keeps "stop" inside a sentence as words, not an opt-out', async () => {
    const replies = await say('Please stop the walking group reminders, my hip is bad');
    expect(replies[0]).to.match(/passed your message/);
    expect((await client()).optedOutAt).to.equal(undefined);
  });
});
