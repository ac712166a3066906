import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientRecord } from '../../storage/records.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import type { Browser } from './staffRig.js';
import { signedInStaff, textOf } from './signedInStaff.js';

// Monday 7 December 2026, noon in London.
const NOW = DateTime.fromISO('2026-12-07T12:00:00Z', { zone: 'utc' });
const daysAgo = (n: number) => NOW.minus({ days: n }).toISO()!;

describe('registerCaseloadPage (the caseload, end to end)', () => {
  let t: TestApp;
  let clock: ManualClock;
  const ids: Record<string, string> = {};
  const browsers: Record<'sam' | 'duty', Browser> = {} as never;

  async function client(name: string, linkWorkerId: string, extra: Partial<ClientRecord> = {}): Promise<string> {
    const phone = `+4477009003${String(Object.keys(ids).length).padStart(2, '0')}`;
    const created = await t.app.store.clients.create({
      programmeId: 'demo',
      name,
      phone,
      timezone: 'Europe/London',
      linkWorkerId,
      channel: 'sms',
      createdAt: daysAgo(200),
      consentedAt: daysAgo(200),
      ...extra,
    });
    if (!created.ok) throw new Error(created.reason);
    ids[name] = created.client.id;
    return created.client.id;
  }

  const note = (clientId: string, days: number) =>
    t.app.store.clients.recordNote(clientId, { checkInId: null, text: 'hello', channel: 'sms', createdAt: daysAgo(days) });

  /** A check-in `days` ago, answered with a UCLA-3 total (or missed), as the check-in dialog stores it. */
  async function checkIn(clientId: string, id: string, days: number, kind: 'routine' | 'on-request', ucla: number | null): Promise<void> {
    const at = daysAgo(days);
    const store = t.app.store.clients;
    await store.startCheckIn({
      id,
      clientId,
      channel: 'sms',
      instrumentIds: ['ucla3'],
      status: 'open',
      startedAt: at,
      kind,
      ...(kind === 'routine' ? { occurrenceKey: `${clientId}|routine|${at}` } : {}),
    });
    if (ucla === null) {
      await store.endCheckIn(clientId, id, { status: 'missed', endedAt: at }, []);
      return;
    }
    await store.recordResponse(clientId, {
      checkInId: id,
      instrumentId: 'ucla3',
      instrumentVersion: '1',
      itemId: 'isolated',
      value: 2,
      optionId: 'some_of_the_time',
      status: 'answered',
      raw: '2',
      channel: 'sms',
      answeredAt: at,
    });
    await store.endCheckIn(clientId, id, { status: 'completed', endedAt: at }, [
      { checkInId: id, instrumentId: 'ucla3', instrumentVersion: '1', score: ucla, complete: true, computedAt: at },
    ]);
  }

  before(async function () {
    this.timeout(60_000);
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock });
    // Sam's caseload, one client per need, entered in no particular order.
    const eve = await client('Eve Hart', 'sam');
    await note(eve, 2);
    await checkIn(eve, 'eve-1', 14, 'routine', 5);
    await checkIn(eve, 'eve-2', 7, 'routine', null);
    await t.app.store.clients.recordAttendance(eve, { sessionKey: 'walk|1', groupId: 'walk', sessionStart: daysAgo(5) }, () => ({
      sessionKey: 'walk|1',
      groupId: 'walk',
      sessionStart: daysAgo(5),
      attendance: 'went',
      barriers: [],
      channel: 'sms',
      updatedAt: daysAgo(4),
    }));
    const dee = await client('Dee Marsh', 'sam', { programmeStartDate: NOW.setZone('Europe/London').minus({ weeks: 9 }).toISODate()! });
    await note(dee, 1);
    const cal = await client('Cal Brook', 'sam');
    await checkIn(cal, 'cal-1', 14, 'on-request', 4);
    await checkIn(cal, 'cal-2', 7, 'on-request', 7);
    await client('Bea Stone', 'sam', { consentedAt: daysAgo(20), createdAt: daysAgo(20) });
    const ada = await client('Ada Quill', 'sam');
    await note(ada, 1);
    await t.app.alerts.raise({ clientId: ada, tier: 'routine', categories: ['loneliness'], trigger: { kind: 'score', reason: 'ucla-rise', checkInId: 'x' } });
    const fay = await client('Fay Lowe', 'priya');
    await note(fay, 1);
    await t.app.alerts.raise({ clientId: fay, tier: 'urgent', categories: ['suicide'], trigger: { kind: 'message', messageId: 'm1', channel: 'sms' } });
    await t.app.alerts.idle();

    browsers.sam = await signedInStaff(t, clock, 'sam@example.org', 'Sam Okafor', 'link-worker', 'sam');
    browsers.duty = await signedInStaff(t, clock, 'duty@example.org', 'Dana Duty', 'duty');
  });

  after(async () => {
    await t?.close();
  });

  /** Each row's cells as text, by the client's name. */
  async function rows(browser: Browser, path = '/staff/caseload'): Promise<Array<[string, string[]]>> {
    const page = await browser.get(path);
    expect(page.status).to.equal(200);
    return page.body
      .split('<tr>')
      .slice(2)
      .map((row) => {
        const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => textOf(m[1]!));
        return [cells[0]!, cells.slice(1)];
      });
  }

  it("lists a link worker's own clients most in need first, each saying why", async () => {
    const found = await rows(browsers.sam);
    expect(found.map(([name, cells]) => [name, cells[0]])).to.deep.equal([
      ['Ada Quill', 'Routine alert open'],
      ['Bea Stone', 'Gone quiet: no reply since agreeing, 20 days'],
      ['Cal Brook', 'UCLA-3 up 3 since last check-in'],
      ['Dee Marsh', 'Ends in 3 weeks'],
      ['Eve Hart', 'Nothing pressing'],
      // The demo programme's seeded client.
      ['Jean Not yet agreed to check-ins', 'Nothing pressing'],
    ]);
  });

  it('shows last contact, check-ins answered as "n of m", and groups attended', async () => {
    const eve = (await rows(browsers.sam)).find(([name]) => name === 'Eve Hart')![1];
    expect(eve[1]).to.equal('2 days ago 5 Dec 2026');
    expect(eve[2]).to.equal('1 of 2');
    expect(eve[4]).to.equal('1');
    const bea = (await rows(browsers.sam)).find(([name]) => name === 'Bea Stone')![1];
    expect(bea[1]).to.equal('None in 3 months');
    expect(bea[2]).to.equal('None sent');
  });

  it('draws loneliness as a sparkline whose accessible name gives the UCLA-3 totals', async () => {
    const page = await browsers.sam.get('/staff/caseload');
    const cal = page.body.split('<tr>').find((row) => row.includes('Cal Brook'))!;
    const svg = /<svg class="sparkline" role="img" aria-label="([^"]+)"[^>]*>[\s\S]*?<polyline points="([^"]+)"/.exec(cal)!;
    expect(svg[1]).to.equal('UCLA-3 loneliness totals, oldest to newest: 4, 7');
    expect(svg[2]!.split(' ')).to.have.length(2);
    expect(page.body.split('<tr>').find((row) => row.includes('Eve Hart'))).to.include('oldest to newest: 5"');
    expect(page.body).to.not.include('style=').and.not.include('<script');
  });

  it("does not show a link worker another worker's clients, nor the link worker filter", async () => {
    const page = await browsers.sam.get('/staff/caseload?worker=priya');
    expect(textOf(page.body)).to.not.include('Fay Lowe');
    expect(page.body).to.not.include('caseload-worker');
  });

  it('shows duty staff every client with their link worker, and filters by link worker', async () => {
    const all = await rows(browsers.duty);
    expect(all[0]).to.deep.equal(['Fay Lowe', ['Priya Shah', 'Urgent alert open', '24 h ago 6 Dec 2026', 'None sent', 'No scores yet', '0']]);
    expect(all.map(([name]) => name)).to.have.length(7);
    const page = await browsers.duty.get('/staff/caseload');
    expect(page.body).to.include('<label for="caseload-worker">Link worker</label>').and.include('<th scope="col">Link worker</th>');
    expect((await rows(browsers.duty, '/staff/caseload?worker=priya')).map(([name]) => name)).to.deep.equal(['Fay Lowe']);
    expect((await rows(browsers.duty, '/staff/caseload?worker=sam')).map(([name]) => name)).to.not.include('Fay Lowe');
  });
});
