import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Browser as Chromium, Page } from 'playwright-core';
import { ManualClock } from '../../bot/time/clock.js';
import { ITEM_CSV_COLUMNS } from '../../bot/care/reports/itemCsv.js';
import type { StaffRole } from '../../storage/records.js';
import { accessibilityViolations } from '../support/axe.js';
import { launchChromium, watchPageProblems } from '../support/chromium.js';
import { SCREENSHOTS } from '../support/screenshots.js';
import { tabTo } from '../support/keyboard.js';
import { createStaffAccount } from '../staff/signedInStaff.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { smsConversation, type SmsConversation } from '../support/smsConversation.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../support/smsTestApp.js';

const PASSWORD = 'a long staff password for the browser test';
const PHONE = '+447700900561';
// Tuesday 24 November 2026, 10:00 in London: working hours, so the link worker is told directly.
const START = DateTime.fromISO('2026-11-24T10:00', { zone: 'Europe/London' });

/**
 * The staff pages as a link worker and an admin use them, in Debian's chromium through the real
 * server: a client's text raises an urgent alert, the link worker signs in, finds it at the top of
 * the inbox, reads the message, acknowledges and resolves it, opens the client and checks the chart
 * against the answers given; the admin downloads the item-level CSV and checks its rows.
 */
describe('Staff pages in a browser (chromium, real server, SMS)', function () {
  this.timeout(120_000);
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clock: ManualClock;
  let chromium: Chromium;
  let sms: SmsConversation;
  let clientId: string;

  const addStaff = (email: string, name: string, role: StaffRole, linkWorkerId?: string): Promise<void> =>
    createStaffAccount(t.dataDir, clock, email, name, role, linkWorkerId, PASSWORD);

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    clock = new ManualClock(START);
    t = await startSmsTestApp({ clock, twilio });
    sms = smsConversation(t, twilio, clock, PHONE);
    chromium = await launchChromium();

    // A client enrolled with Priya, agreed, and the baseline answered by text: UCLA-3 3 + 2 + 1 = 6.
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
    await sms.tickAt();
    await sms.say('YES');
    let asked = await sms.tickAt();
    const answers: Array<[RegExp, string]> = [
      [/lack companionship/i, 'often'],
      [/left out/i, 'some of the time'],
      [/isolated from others/i, 'hardly ever'],
      [/how often do you feel lonely/i, 'occasionally'],
      [/anything (else )?you'?d like/i, 'no'],
    ];
    for (let n = 0; !asked.some((m) => /check-in done/.test(m)); n++) {
      expect(n).to.be.below(30, asked.join(' / '));
      const question = asked.at(-1)!;
      asked = await sms.say(answers.find(([q]) => q.test(question))?.[1] ?? '5');
    }
    clock.set(START.plus({ minutes: 20 }));
    const crisis = await sms.say("I can't go on, I want to end it");
    expect(crisis[0]).to.match(/Please get help now/);

    await addStaff('priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    await addStaff('admin@example.org', 'Ada Admin', 'admin');
  });

  after(async () => {
    await chromium?.close();
    await t?.close();
    await twilio?.close();
  });

  it('takes a link worker from sign-in to the urgent alert, acknowledges and resolves it, and shows the client with their chart', async () => {
    // Twelve minutes after the text, before it would move on to the duty worker.
    clock.set(START.plus({ minutes: 32 }));
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Two failed loads are expected: the resolve form sent empty (400) and outcomes refused (403).
    const problems = await watchPageProblems(page, (url) => url.endsWith('/resolve') || url.endsWith('/staff/outcomes'));

    await page.goto(`${t.url}/staff/alerts`);
    expect(new URL(page.url()).pathname).to.equal('/staff/sign-in');
    await shoot(page, '01-sign-in');
    await signIn(page, 'priya@example.org');
    expect(new URL(page.url()).pathname).to.equal('/staff/alerts');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').innerText()).to.include('1 alert needs acknowledging, 1 urgent.');
    await page.getByRole('link', { name: '1 alert needs acknowledging' }).click();
    await page.waitForLoadState('load');

    // The inbox: the urgent alert at the top, with its age.
    const firstRow = page.locator('main table tbody tr').first();
    expect(await firstRow.innerText()).to.match(
      /^Dorothy Pike[\s\S]*Urgent[\s\S]*12 min ago[\s\S]*Priya Shah \(link worker\), step 1 of 2[\s\S]*Open: not acknowledged/,
    );
    await shoot(page, '02-alerts-inbox');

    await firstRow.getByRole('link', { name: /Open alert/ }).click();
    await page.waitForLoadState('load');
    const alertPath = new URL(page.url()).pathname;
    expect(await page.locator('main').innerText()).to.include("I can't go on, I want to end it");
    await page.getByRole('button', { name: /Acknowledge alert/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).to.equal(alertPath);
    expect(await page.locator('main').innerText()).to.match(/Acknowledged by Priya Shah/);
    const [alert] = await t.app.alerts.list({ clientId });
    expect(alert).to.deep.include({ state: 'acknowledged' });
    await shoot(page, '03-alert-acknowledged');

    // Resolving needs a note: an empty one is refused with a message linked to the field.
    await page.getByRole('button', { name: /Resolve alert/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').innerText()).to.match(/There is a problem/);
    await page.getByLabel('What was done (required to resolve)').fill('Called Dorothy at 10:40; safe, with her daughter. GP appointment booked for tomorrow.');
    await page.getByRole('button', { name: /Resolve alert/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').innerText()).to.match(/Resolved by Priya Shah[\s\S]*GP appointment booked/);
    expect((await t.app.alerts.get(alert!.id))?.resolvedBy).to.match(/Priya Shah/);

    // The client page: the UCLA-3 chart drawn from the baseline answers (3 + 2 + 1).
    await page.getByRole('link', { name: 'Dorothy Pike' }).first().click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).to.equal(`/staff/clients/${clientId}`);
    await page.locator('canvas[data-chart="chart-ucla3"][data-drawn="true"]').waitFor();
    const drawn = await page.evaluate(() => {
      const charts = (window as unknown as { linkwellCharts: Record<string, { data: { datasets: Array<{ label: string; data: Array<{ y: number }> }> } }> })
        .linkwellCharts;
      return charts['chart-ucla3']!.data.datasets.map((d) => d.data.map((p) => p.y));
    });
    const { scores } = await t.app.store.clients.history(clientId);
    expect(scores.filter((s) => s.instrumentId === 'ucla3').map((s) => s.score)).to.deep.equal([6]);
    expect(drawn).to.deep.equal([[6]]);
    await shoot(page, '04-client');
    await page.locator('section[aria-labelledby="chart-ucla3-heading"]').screenshot({ path: join(SCREENSHOTS, '04b-client-ucla3-chart.png') });

    await page.getByRole('link', { name: 'Caseload' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').innerText()).to.include('Dorothy Pike');
    await shoot(page, '05-caseload');

    // Outcomes are for duty and admin staff.
    const outcomes = await page.goto(`${t.url}/staff/outcomes`);
    expect(outcomes?.status()).to.equal(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).to.equal('/staff/sign-in');
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('takes a link worker through the alert flow by keyboard alone, the focus drawn on every control', async () => {
    clock.set(START.plus({ minutes: 50 }));
    expect((await sms.say("I've counted out all my tablets, nobody would notice if I was gone"))[0]).to.match(/Please get help now/);
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    await page.goto(`${t.url}/staff/alerts`);
    await tabTo(page, 'Email address');
    await page.keyboard.type('priya@example.org');
    await tabTo(page, 'Password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/alerts$/);

    // The newest open alert is the first the inbox offers.
    await tabTo(page, /^Open alert/, 'the first "Open alert" link');
    await Promise.all([page.waitForURL(/\/staff\/alerts\/[^/]+$/), page.keyboard.press('Enter')]);
    expect(await page.locator('main').innerText()).to.include('counted out all my tablets');
    await tabTo(page, /Acknowledge alert/);
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.getByText(/Acknowledged by Priya Shah/).waitFor();
    await tabTo(page, 'What was done (required to resolve)');
    await page.keyboard.type('Rang her straight away; her son is with her tonight and the crisis team will visit.');
    await tabTo(page, /Resolve alert/);
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.getByText(/Resolved by Priya Shah/).waitFor();
    const open = await t.app.alerts.list({ clientId, state: 'open' });
    expect(open, 'nothing left open').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('gives an admin the programme outcomes, with the item-level CSV: one row per answer, with instrument versions', async () => {
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    await page.goto(`${t.url}/staff/outcomes`);
    await signIn(page, 'admin@example.org');
    expect(new URL(page.url()).pathname).to.equal('/staff/outcomes');
    // One client: every summary number is suppressed.
    expect(await page.locator('main').innerText()).to.include('<5');
    await shoot(page, '06-outcomes');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Item-level answers (CSV)' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).to.equal(ITEM_CSV_COLUMNS.join(','));
    const { responses } = await t.app.store.clients.history(clientId);
    expect(lines).to.have.length(1 + responses.length);
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [ITEM_CSV_COLUMNS[i]!, cell])));
    const companionship = rows.find((row) => row.item_id === 'lack_companionship');
    expect(companionship).to.deep.include({ client_id: clientId, wave_id: 'baseline', instrument_id: 'ucla3', value: '3' });
    expect(companionship!.instrument_version).to.match(/\S/);
    expect(lines.join('\n')).to.not.include('Dorothy').and.not.include('7700900561');

    await page.goto(`${t.url}/staff`);
    expect(await page.locator('main').innerText()).to.include('No alerts are waiting to be acknowledged.');
    await shoot(page, '07-home');
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('shows every staff page with no WCAG 2.2 A/AA violation that axe-core finds', async () => {
    await addStaff('axe-admin@example.org', 'Axe Admin', 'admin');
    const page = await chromium.newPage();
    try {
      await page.goto(`${t.url}/staff/sign-in`);
      const found: Record<string, string[]> = { '/staff/sign-in': await accessibilityViolations(page) };
      await signIn(page, 'axe-admin@example.org');
      const alertId = (await t.app.alerts.list())[0]?.id;
      for (const path of [
        '/staff',
        '/staff/caseload',
        `/staff/clients/${clientId}`,
        '/staff/alerts',
        ...(alertId ? [`/staff/alerts/${alertId}`] : []),
        '/staff/outcomes',
        `/staff/clients/${clientId}/erase`,
      ]) {
        await page.goto(`${t.url}${path}`);
        await page.waitForLoadState('load');
        found[path] = await accessibilityViolations(page);
      }
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).to.deep.equal({});
    } finally {
      await page.close();
    }
  });
});
