import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { AlertRecord } from '../../storage/records.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { RESOLVED_SHOWN } from '../../bot/staff/pages/alertPages.js';
import { formToken, type Browser } from './staffRig.js';
import { signedInStaff, submitFrom, textOf } from './signedInStaff.js';

// The demo programme: Priya and Sam are link workers; urgent alerts wait 15 minutes for an ACK.
const MARGARET = '+447700900777';
const BILL = '+447700900778';
const ARTHUR = '+447700900779';
const STRANGER = '+447700900888';
// Tuesday 1 December 2026, 11:00 in London: working hours.
const START = DateTime.fromISO('2026-12-01T11:00:00Z', { zone: 'utc' });

describe('registerAlertPages (alerts inbox and alert page, end to end over SMS)', () => {
  let t: SmsTestApp;
  let clock: ManualClock;
  const ids: Record<'margaret' | 'bill' | 'arthur', string> = {} as never;
  const alerts: Record<'margaret' | 'bill' | 'arthur' | 'stranger', AlertRecord> = {} as never;
  const browsers: Record<'priya' | 'sam' | 'duty', Browser> = {} as never;

  async function text(from: string, body: string): Promise<string[]> {
    expect((await t.text(from, body)).status).to.equal(200);
    await t.settle();
    await t.app.alerts.idle();
    await t.settle();
    const sent = t.sentTo(from);
    t.twilio.reset();
    return sent;
  }

  async function enrol(name: string, phone: string, linkWorkerId: string): Promise<string> {
    const res = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name, phone, timezone: 'Europe/London', linkWorkerId, channel: 'sms' }),
    });
    const { id } = (await res.json()) as { id: string };
    await text(phone, 'YES');
    return id;
  }

  const alertAbout = async (clientId: string | null) => (await t.app.alerts.list()).find((a) => a.clientId === clientId)!;

  before(async function () {
    this.timeout(120_000);
    clock = new ManualClock(START);
    t = await startSmsTestApp({ clock });
    ids.margaret = await enrol('Margaret Ellis', MARGARET, 'priya');
    ids.bill = await enrol('Bill Turner', BILL, 'sam');
    ids.arthur = await enrol('Arthur Penn', ARTHUR, 'sam');

    // Bill answers a check-in: lonely on every UCLA-3 item and often/always on the ONS question.
    let asked = await text(BILL, 'check in');
    for (let n = 0; !asked.some((m) => /check-in done/i.test(m)); n += 1) {
      expect(n).to.be.below(10, `stuck at: ${asked.join(' / ')}`);
      asked = await text(
        BILL,
        /anything (else )?you'?d like/i.test(asked.at(-1) ?? '') ? 'no' : /how often do you feel lonely/i.test(asked.at(-1) ?? '') ? '1' : '3',
      );
    }
    const billCheckIn = (await t.app.store.clients.history(ids.bill)).checkIns[0]!;

    await t.app.alerts.raise({
      clientId: ids.arthur,
      tier: 'routine',
      categories: ['loneliness'],
      trigger: { kind: 'score', reason: 'ucla-rise', checkInId: 'not-kept' },
    });
    alerts.arthur = await alertAbout(ids.arthur);
    clock.advance({ minutes: 1 });
    await t.app.alerts.raise({
      clientId: ids.bill,
      tier: 'same-day',
      categories: ['loneliness'],
      trigger: { kind: 'score', reason: 'ons-often-repeated', checkInId: billCheckIn.id },
    });
    alerts.bill = await alertAbout(ids.bill);
    clock.advance({ minutes: 4 });
    await text(MARGARET, 'I want to end it');
    alerts.margaret = await alertAbout(ids.margaret);
    clock.advance({ minutes: 5 });
    await text(STRANGER, 'I want to end it');
    alerts.stranger = await alertAbout(null);
    clock.advance({ minutes: 7 });

    browsers.priya = await signedInStaff(t, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    browsers.sam = await signedInStaff(t, clock, 'sam@example.org', 'Sam Okafor', 'link-worker', 'sam');
    browsers.duty = await signedInStaff(t, clock, 'duty@example.org', 'Dana Duty', 'duty');
  });

  after(async () => {
    await t?.close();
  });

  it('lists open alerts urgent first, then same-day and routine, each with its age and who has it now', async () => {
    const page = await browsers.duty.get('/staff/alerts');
    expect(page.status).to.equal(200);
    const rows = page.body.split('<tr>').slice(2).map(textOf);
    expect([...page.body.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => textOf(m[1]!))).to.deep.equal([
      'Margaret Ellis',
      `Not enrolled (${STRANGER})`,
      'Bill Turner',
      'Arthur Penn',
    ]);
    expect(rows[0]).to.include('12 min ago').and.include('Priya Shah (link worker), step 1 of').and.include('Open: not acknowledged');
    expect(rows[1]).to.include('7 min ago').and.include('(duty contact), step 1 of');
    expect(rows[2]).to.include('Same-day').and.include('16 min ago').and.include('Sam Okafor (link worker)');
    expect(rows[3]).to.include('Routine').and.include('17 min ago');
    expect(page.body).to.include(`href="/staff/clients/${ids.margaret}"`).and.include(`href="/staff/alerts/${alerts.margaret.id}"`);
    expect(page.body).to.include('<caption>').and.include('<th scope="col">Tier</th>').and.include('<label for="alerts-show">');
    expect(page.body).to.not.include('style=').and.not.include('<script');
  });

  it("shows a link worker only alerts about their own clients, and nothing of another worker's alert by id", async () => {
    const list = textOf((await browsers.sam.get('/staff/alerts')).body);
    expect(list).to.include('Bill Turner').and.include('Arthur Penn');
    expect(list).to.not.include('Margaret').and.not.include('Not enrolled');

    for (const id of [alerts.margaret.id, alerts.stranger.id]) {
      const opened = await browsers.sam.get(`/staff/alerts/${id}`);
      expect(opened.status).to.equal(404);
      expect(opened.body).to.not.include('Margaret').and.not.include('end it');
    }
    const token = formToken((await browsers.sam.get('/staff/alerts')).body);
    expect((await browsers.sam.post(`/staff/alerts/${alerts.margaret.id}/ack`, { _csrf: token })).status).to.equal(404);
    expect((await browsers.sam.post(`/staff/alerts/${alerts.margaret.id}/resolve`, { _csrf: token, note: 'not mine' })).status).to.equal(404);
    expect((await t.app.alerts.get(alerts.margaret.id))!.state).to.equal('open');
    expect((await browsers.priya.get(`/staff/alerts/${alerts.stranger.id}`)).status).to.equal(404);
  });

  it('opens an alert with the message that raised it, recent messages, contact details and crisis contacts', async () => {
    const page = await browsers.priya.get(`/staff/alerts/${alerts.margaret.id}`);
    expect(page.status).to.equal(200);
    expect(page.body).to.match(/<blockquote class="trigger-message"><p>I want to end it<\/p><\/blockquote>/);
    const text = textOf(page.body);
    expect(text).to.include('Urgent alert about Margaret Ellis');
    expect(page.body).to.include(`href="tel:${MARGARET}"`);
    expect(text).to.include('Link worker Priya Shah, +447700900102');
    expect(text).to.include('Samaritans: 116 123').and.include('Shout: text SHOUT to 85258');
    expect(text).to.match(/Tue 1 Dec 2026, 11:05: Raised: Urgent/);
    expect(text).to.match(/Tue 1 Dec 2026, 11:05: Texted Priya Shah \(link worker\)/);
    expect(page.body).to.include('<label for="resolution-note">');
  });

  it('shows the scores and answers of the check-in that raised a score alert', async () => {
    const page = await browsers.sam.get(`/staff/alerts/${alerts.bill.id}`);
    expect(page.status).to.equal(200);
    const text = textOf(page.body);
    expect(text).to.include('Scores: Lonely often or always, check-ins in a row');
    expect(text).to.include('How often do you feel that you lack companionship? ucla3 · lack_companionship Often (3)');
    expect(text).to.include('How often do you feel lonely? ons-loneliness · lonely Often/always (1)');
    expect(text).to.include('UCLA 3-item loneliness scale score 9 (lonely)');
    expect(text).to.include('Recent answers');
  });

  it('shows an alert about a number that is not enrolled to duty staff, with the number to call back', async () => {
    const text = textOf((await browsers.duty.get(`/staff/alerts/${alerts.stranger.id}`)).body);
    expect(text).to.include(`Urgent alert about someone not enrolled (${STRANGER})`);
    expect(text).to.include(`Its words are not kept: call them back on ${STRANGER}`);
  });

  it('acknowledges and then resolves with a note, the audit trail saying who and when', async () => {
    const path = `/staff/alerts/${alerts.margaret.id}`;
    const acked = await submitFrom(browsers.priya, path, `${path}/ack`, {});
    expect(acked.status).to.equal(303);
    expect(acked.location).to.equal(`${path}?done=acknowledged`);
    const afterAck = textOf((await browsers.priya.get(acked.location!)).body);
    expect(afterAck).to.include('You acknowledged this alert');
    expect(afterAck).to.include('Tue 1 Dec 2026, 11:17: Acknowledged by Priya Shah (priya@example.org), on the staff pages');
    // Acknowledged: no escalation to the duty contact when the 15 minutes are up.
    clock.advance({ minutes: 20 });
    await t.app.alerts.idle();
    expect((await t.app.alerts.get(alerts.margaret.id))!.escalations).to.deep.equal([]);

    const resolved = await submitFrom(browsers.priya, path, `${path}/resolve`, { note: 'Called Margaret; safety plan agreed, GP told.' });
    expect(resolved.status).to.equal(303);
    expect(resolved.location).to.equal(`${path}?done=resolved`);
    const page = await browsers.priya.get(path);
    const text = textOf(page.body);
    expect(text).to.include('Tue 1 Dec 2026, 11:37: Resolved by Priya Shah (priya@example.org). Note: Called Margaret; safety plan agreed, GP told.');
    expect(page.body).to.not.include(`action="${path}/resolve"`);

    expect(textOf((await browsers.priya.get('/staff/alerts')).body)).to.not.include('Margaret');
    expect(textOf((await browsers.priya.get('/staff/alerts?show=resolved')).body))
      .to.include('Margaret Ellis')
      .and.include('Resolved');
  });

  it('will not resolve without a note, and says so in a summary linked to the field', async () => {
    const path = `/staff/alerts/${alerts.arthur.id}`;
    const page = await submitFrom(browsers.sam, path, `${path}/resolve`, { note: '   ' });
    expect(page.status).to.equal(400);
    expect(page.body).to.include('There is a problem').and.include('<a href="#resolution-note">Enter what was done before you resolve the alert</a>');
    expect(page.body)
      .to.include('id="resolution-note"')
      .and.include('aria-invalid="true"')
      .and.include('aria-describedby="resolution-note-hint resolution-note-error"');
    expect(textOf(page.body)).to.match(/^.*Error: Routine alert/);
    expect((await t.app.alerts.get(alerts.arthur.id))!.state).to.equal('open');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const path = `/staff/alerts/${alerts.arthur.id}`;
    expect((await browsers.duty.post(`${path}/ack`, {})).status).to.equal(403);
    expect((await browsers.duty.post(`${path}/resolve`, { note: 'done', _csrf: 'x'.repeat(43) })).status).to.equal(403);
    expect((await t.app.alerts.get(alerts.arthur.id))!.state).to.equal('open');
  });

  it('lists only the most recently resolved alerts (resolved ones are kept for years), and says so', async () => {
    // Last year's alerts about Bill (Sam's client), each resolved a day after the one before.
    for (let n = 0; n <= RESOLVED_SHOWN; n += 1) {
      const day = DateTime.fromISO('2025-01-01T10:00:00Z').plus({ days: n });
      await t.app.store.alerts.add({
        ...alerts.bill,
        id: `old-alert-${String(n).padStart(4, '0')}`,
        code: `Q${String(n).padStart(3, '0')}`,
        state: 'resolved',
        createdAt: day.toISO()!,
        resolvedAt: day.plus({ days: 1 }).toISO()!,
        resolvedBy: 'Sam Okafor',
        resolutionNote: 'Spoke to Bill.',
      });
    }
    const rows = (body: string) => [...body.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => textOf(m[1]!));
    const duty = await browsers.duty.get('/staff/alerts?show=resolved');
    expect(rows(duty.body)).to.have.length(RESOLVED_SHOWN);
    expect(rows(duty.body)[0], 'resolved today').to.equal('Margaret Ellis');
    expect(duty.body).to.include('href="/staff/alerts/old-alert-0100"').and.not.include('old-alert-0001"').and.not.include('old-alert-0000"');
    expect(textOf(duty.body)).to.include(`only the ${RESOLVED_SHOWN} most recently resolved are listed`);

    const sam = await browsers.sam.get('/staff/alerts?show=all');
    expect(rows(sam.body).slice(0, 2)).to.deep.equal(['Bill Turner', 'Arthur Penn']);
    expect(rows(sam.body))
      .to.have.length(2 + RESOLVED_SHOWN)
      .and.not.include('Margaret Ellis');
    expect(sam.body).to.include('href="/staff/alerts/old-alert-0001"').and.not.include('old-alert-0000"');
    expect(textOf((await browsers.sam.get('/staff/alerts')).body)).to.not.include('most recently resolved are listed');
  });
});
