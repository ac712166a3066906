import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Browser as Chromium } from 'playwright-core';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientCharts } from '../../bot/staff/clientViewCharts.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { launchChromium, watchPageProblems } from '../support/chromium.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { Browser, PASSWORD } from './staffRig.js';

const START = DateTime.fromISO('2025-03-03T10:00:00', { zone: 'Europe/London' });
const WEEKS = 78;
/** Week 0 is the baseline wave, week 8 the week-8 wave, week 12 the end, week 78 month 18; the rest routine. */
const WAVES: Record<number, string> = { 0: 'baseline', 8: 'week-8', 12: 'programme-end', 77: 'month-18' };
/** Dorothy's UCLA-3 items each week, so the totals are known: lonelier at first, better later. */
const ucla = (week: number) => (week < 20 ? [3, 2, 2] : [1, 2, 1]);

describe('registerClientPage with 18 months of weekly check-ins', () => {
  let t: TestApp;
  let clock: ManualClock;
  let clientId: string;
  let staff: Browser;

  before(async function () {
    this.timeout(120_000);
    clock = new ManualClock(START.plus({ weeks: WEEKS }));
    t = await startTestApp({ clock });
    const created = await t.app.store.clients.create({
      programmeId: t.programme.id,
      name: 'Dorothy Pike',
      phone: '+447700900556',
      timezone: 'Europe/London',
      linkWorkerId: 'sam',
      channel: 'sms',
      createdAt: START.toUTC().toISO()!,
      consentedAt: START.toUTC().toISO()!,
    });
    if (!created.ok) throw new Error('not created');
    clientId = created.client.id;
    const store = t.app.store.clients;
    for (let week = 0; week < WEEKS; week += 1) {
      const startedAt = START.plus({ weeks: week }).toUTC();
      const wave = WAVES[week];
      const id = `c${String(week).padStart(3, '0')}`;
      await store.startCheckIn({
        id,
        clientId,
        channel: 'sms',
        instrumentIds: ['ucla3', 'ons-loneliness'],
        status: 'open',
        startedAt: startedAt.toISO()!,
        kind: wave ? 'wave' : 'routine',
        occurrenceKey: `${clientId}|${wave ? `wave|${wave}` : 'routine|check-in'}|${startedAt.setZone('Europe/London').toFormat("yyyy-LL-dd'T'HH:mm")}`,
      });
      const items = ['lack_companionship', 'left_out', 'isolated'];
      const answered = startedAt.plus({ minutes: 5 }).toISO()!;
      for (const [i, itemId] of items.entries()) {
        const value = ucla(week)[i]!;
        await store.recordResponse(clientId, {
          checkInId: id,
          instrumentId: 'ucla3',
          instrumentVersion: '1',
          itemId,
          value,
          optionId: null,
          status: 'answered',
          raw: String(value),
          channel: 'sms',
          answeredAt: answered,
        });
      }
      await store.recordResponse(clientId, {
        checkInId: id,
        instrumentId: 'ons-loneliness',
        instrumentVersion: '1',
        itemId: 'lonely',
        value: week < 20 ? 2 : 4,
        optionId: null,
        status: 'answered',
        raw: 'x',
        channel: 'sms',
        answeredAt: answered,
      });
      if (week % 4 === 0) await store.recordNote(clientId, { checkInId: id, text: `Week ${week}: saw my neighbour`, channel: 'sms', createdAt: answered });
      const total = ucla(week).reduce((a, b) => a + b, 0);
      await store.endCheckIn(clientId, id, { status: 'completed', endedAt: answered }, [
        {
          checkInId: id,
          instrumentId: 'ucla3',
          instrumentVersion: '1',
          score: total,
          complete: true,
          computedAt: answered,
          band: total >= 6 ? 'lonely' : 'not lonely',
        },
        { checkInId: id, instrumentId: 'ons-loneliness', instrumentVersion: '1', score: null, complete: true, computedAt: answered },
      ]);
    }
    await openStaffStore(t.dataDir).accounts.create({
      id: 'staff-sam',
      email: 'sam@example.org',
      name: 'Sam Okafor',
      role: 'link-worker',
      linkWorkerId: 'sam',
      passwordHash: await hashPassword(PASSWORD),
      failedAttempts: 0,
      createdAt: clock.now().toISO()!,
    });
    staff = new Browser(t.url);
    expect((await staff.signIn('sam@example.org', PASSWORD)).status).to.equal(303);
  });

  after(async () => {
    await t?.close();
  });

  it('renders the whole long history, reading it once', async () => {
    const store = t.app.store.clients;
    const history = store.history.bind(store);
    let reads = 0;
    store.history = (...args) => {
      reads += 1;
      return history(...args);
    };
    try {
      await staff.get(`/staff/clients/${clientId}`);
      reads = 0;
      const page = await staff.get(`/staff/clients/${clientId}`);
      expect(page.status).to.equal(200);
      expect(reads).to.equal(1);
      expect(page.body.match(/class="timeline-check-in"/g)).to.have.length(WEEKS);
      expect(page.body).to.include('Week 76: saw my neighbour');
    } finally {
      store.history = history;
    }
  });

  it('charts every week, with the four waves marked', async () => {
    const res = await staff.get(`/staff/clients/${clientId}/chart-data.json`, { Accept: 'application/json' });
    const charts = JSON.parse(res.body) as ClientCharts;
    const points = charts.ucla3.series[0]!.points;
    expect(points).to.have.length(WEEKS);
    expect(points.map((p) => p.y)).to.deep.equal(Array.from({ length: WEEKS }, (_, week) => ucla(week).reduce((a, b) => a + b, 0)));
    expect(charts.ucla3.markers!.map((m) => m.label)).to.deep.equal(['Baseline', 'Week 8', 'Programme end', 'Month 18']);
    expect(charts.onsLoneliness.series[0]!.points.at(-1)).to.deep.equal({
      x: START.plus({ weeks: WEEKS - 1 })
        .toUTC()
        .toISO(),
      y: 4,
    });
    expect(charts.k6.series[0]!.points).to.deep.equal([]);
  });

  describe('in a browser', () => {
    let chromium: Chromium;

    before(async () => {
      chromium = await launchChromium();
    });

    after(async () => {
      await chromium?.close();
    });

    it('draws the charts from the page data, with no script or CSP errors, and is usable by keyboard', async () => {
      const context = await chromium.newContext();
      await context.addCookies([...staff.cookies].map(([name, value]) => ({ name, value, url: t.url })));
      const page = await context.newPage();
      const problems = await watchPageProblems(page, (url) => url.endsWith('favicon.ico'));
      await page.goto(`${t.url}/staff/clients/${clientId}`);
      await page.locator('canvas[data-chart="chart-ucla3"][data-drawn="true"]').waitFor();
      const drawn = await page.evaluate(() => {
        const charts = (window as unknown as { linkwellCharts: Record<string, { data: { datasets: Array<{ data: Array<{ y: number }> }> } }> }).linkwellCharts;
        return Object.fromEntries(Object.entries(charts).map(([id, chart]) => [id, chart.data.datasets.map((d) => d.data.map((p) => p.y))]));
      });
      const json = JSON.parse((await staff.get(`/staff/clients/${clientId}/chart-data.json`, { Accept: 'application/json' })).body) as ClientCharts;
      expect(drawn['chart-ucla3']).to.deep.equal([json.ucla3.series[0]!.points.map((p) => p.y)]);
      expect(drawn['chart-ons-loneliness']).to.deep.equal([json.onsLoneliness.series[0]!.points.map((p) => p.y)]);
      expect(drawn).not.to.have.property('chart-k6');
      // The first Tab reaches the skip link, and it leads to the main content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Skip to main content');
      // Every form control has a label.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('main select, main input:not([type="hidden"]), main textarea')]
          .filter((el) => (el as HTMLInputElement).labels?.length === 0)
          .map((el) => el.id),
      );
      expect(unlabelled).to.deep.equal([]);
      // At 200% zoom (half the width) nothing makes the page scroll sideways.
      await page.setViewportSize({ width: 640, height: 800 });
      // Chart.js resizes its canvases on the next frames: wait for them rather than read mid-resize.
      const fits = await page
        .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 5000 })
        .then(
          () => true,
          () => false,
        );
      expect(fits, 'the page scrolls sideways at 640px').to.equal(true);
      expect(problems).to.deep.equal([]);
      await context.close();
    });
  });
});
