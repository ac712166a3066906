import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import type { CheckInRecord, ItemResponseRecord } from '../../storage/records.js';
import { linkTokenOf, openChat } from '../support/directLineClient.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const PHONE = '+447700900821';

/**
 * A web chat client's scheduled check-in that no page ever showed by the end of its window goes by
 * text instead, when the programme says so (real server, fake Twilio, fake clock).
 */
describe('web chat check-in sent by text when it went unopened', function () {
  this.timeout(30_000);
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  /** The demo programme with a five-hour baseline window, and the fallback on or off. */
  async function programme(smsWhenUnopened: boolean): Promise<Programme> {
    const demo = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
    return { ...demo, waves: [{ ...demo.waves[0]!, windowHours: 5 }], webChat: { smsWhenUnopened } };
  }

  async function start(smsWhenUnopened: boolean, options: { enrolledAt?: string } = {}): Promise<void> {
    clock = new ManualClock(london(options.enrolledAt ?? '2026-03-02T11:00'));
    t = await startSmsTestApp({ clock, programme: await programme(smsWhenUnopened) });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Wyn', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
    // They open the chat once and agree, then close it.
    const chat = await openChat(t.url, linkTokenOf((await t.app.chatLinkFor(clientId)).url));
    await chat.waitForBotText(/^Hello Wyn/);
    await chat.say('yes');
    await chat.waitForBotText(/^Thank you, Wyn/);
    chat.end();
  }

  afterEach(() => t.close());

  async function at(iso: string): Promise<void> {
    clock.set(london(iso));
    await t.app.scheduler.tick();
    await t.settle();
  }

  async function kept(): Promise<{ checkIns: CheckInRecord[]; responses: ItemResponseRecord[] }> {
    return (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as { checkIns: CheckInRecord[]; responses: ItemResponseRecord[] };
  }

  it('texts the check-in at the end of its window, and the texted answers are kept with it', async () => {
    await start(true);
    await at('2026-03-02T12:00');
    expect(t.sentTo(PHONE), 'nothing by text while the web check-in is open').to.deep.equal([]);
    await at('2026-03-02T17:30');
    const texts = t.sentTo(PHONE);
    expect(texts.join('\n'))
      .to.match(/quick questions/)
      .and.match(/lack companionship/);
    await t.text(PHONE, '2');
    await t.settle();
    const { checkIns, responses } = await kept();
    expect(checkIns.map((c) => [c.channel, c.status])).to.deep.equal([
      ['webchat', 'missed'],
      ['sms', 'open'],
    ]);
    expect(responses.map((r) => [r.itemId, r.value, r.channel, r.checkInId])).to.deep.equal([['lack_companionship', 2, 'sms', checkIns[1]!.id]]);
    // Its window is as long as the one that passed: it closes five hours on.
    await at('2026-03-02T22:45');
    expect((await kept()).checkIns.map((c) => c.status)).to.deep.equal(['missed', 'missed']);
    expect(t.sentTo(PHONE).length, 'closing it texts nothing').to.equal(texts.length + 1);
  });

  it('waits for quiet hours to end before texting', async () => {
    // Enrolled at 17:00: the baseline's window ends at 22:00, in quiet hours (21:00 to 09:00).
    await start(true, { enrolledAt: '2026-03-02T17:00' });
    await at('2026-03-02T17:05');
    await at('2026-03-02T22:30');
    expect(t.sentTo(PHONE)).to.deep.equal([]);
    await at('2026-03-03T03:00');
    expect(t.sentTo(PHONE), 'never at 3 a.m.').to.deep.equal([]);
    await at('2026-03-03T09:05');
    expect(t.sentTo(PHONE).join('\n')).to.match(/lack companionship/);
  });

  it('records it as missed, texting nothing, when a page showed it, when the programme does not ask, or when texts are paused', async () => {
    await start(true);
    await at('2026-03-02T12:00');
    // They opened the chat and saw the question, then left it.
    const chat = await openChat(t.url, linkTokenOf((await t.app.chatLinkFor(clientId)).url));
    await chat.waitForBotText(/lack companionship/);
    chat.end();
    await at('2026-03-02T17:30');
    expect(t.sentTo(PHONE)).to.deep.equal([]);
    expect((await kept()).checkIns.map((c) => c.status)).to.deep.equal(['missed']);
    await t.close();

    const paused = async () => {
      await start(true);
      await at('2026-03-02T12:00');
      await t.app.store.clients.update(clientId, (c) => ({ ...c, pausedUntil: '2026-03-09T12:00:00.000Z' }));
    };
    for (const setup of [() => start(false).then(() => at('2026-03-02T12:00')), paused]) {
      await setup();
      await at('2026-03-02T17:30');
      expect(t.sentTo(PHONE)).to.deep.equal([]);
      expect((await kept()).checkIns.map((c) => [c.channel, c.status])).to.deep.equal([['webchat', 'missed']]);
      await t.close();
    }
    // afterEach closes once more: start a last app for it.
    await start(false);
  });
});
