import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import type { ClientCharts } from '../../bot/staff/clientViewCharts.js';
import type { ClientHistory, StaffRole } from '../../storage/records.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { formToken, PASSWORD, type Browser } from './staffRig.js';
import { signedInStaff } from './signedInStaff.js';

const PHONE = '+447700900555';
// Tuesday 24 November 2026, noon in London. The demo programme checks in on Mondays at 10:00.
const ENROLLED = DateTime.fromISO('2026-11-24T12:00:00Z', { zone: 'utc' });
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

/** What Dorothy answers, by the question asked (the first that matches), at the baseline and a week later. */
const BASELINE: Array<[RegExp, string]> = [
  [/lack companionship/i, '3'],
  [/left out/i, '2'],
  [/isolated from others/i, '2'],
  [/how often do you feel lonely/i, 'some of the time'],
  [/satisfied are you with your life/i, '6'],
  [/worthwhile/i, '7'],
  [/how happy did you feel/i, '5'],
  [/how anxious did you feel/i, '3'],
  [/nervous/i, '2'],
  [/hopeless/i, '1'],
  [/restless or fidgety/i, '2'],
  [/so depressed/i, '1'],
  [/everything was an effort/i, '3'],
  [/worthless/i, '1'],
  [/health in general/i, '2'],
  [/how many groups/i, '1'],
  [/anything (else )?you'?d like/i, 'I would like to try the choir but I am nervous'],
];
const WEEK_ONE: Array<[RegExp, string]> = [
  [/lack companionship/i, '1'],
  [/left out/i, '1'],
  [/isolated from others/i, '2'],
  [/how often do you feel lonely/i, 'occasionally'],
  [/anything (else )?you'?d like/i, 'no'],
];

describe('registerClientPage (the client page, end to end over SMS)', () => {
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;
  let programme: Programme;
  const browsers: Record<'priya' | 'sam' | 'duty', Browser> = {} as never;
  let baselineStartedAt: string;

  async function tick(when?: DateTime): Promise<string[]> {
    if (when) clock.set(when);
    await t.app.scheduler.tick();
    await t.settle();
    const sent = t.sentTo(PHONE);
    t.twilio.reset();
    return sent;
  }

  async function say(text: string): Promise<string[]> {
    expect((await t.text(PHONE, text)).status).to.equal(200);
    await t.settle();
    const replies = t.sentTo(PHONE);
    t.twilio.reset();
    return replies;
  }

  /** Answer each question as `answers` say until the check-in is done. */
  async function answer(started: string[], answers: Array<[RegExp, string]>): Promise<void> {
    let last = started;
    for (let n = 0; !last.some((m) => /check-in done/i.test(m)); n += 1) {
      expect(n).to.be.below(40, `stuck at: ${last.join(' / ')}`);
      const asked = last.at(-1) ?? '';
      const reply = answers.find(([question]) => question.test(asked));
      if (!reply) throw new Error(`no answer scripted for: ${asked}`);
      last = await say(reply[1]);
    }
  }

  const addStaff = (email: string, name: string, role: StaffRole, linkWorkerId?: string): Promise<Browser> =>
    signedInStaff(t, clock, email, name, role, linkWorkerId);

  const history = () => t.app.store.clients.history(clientId) as Promise<ClientHistory>;
  const pagePath = () => `/staff/clients/${clientId}`;
  /** A form post carrying the session's CSRF token, read from the client page as a browser would. */
  async function submit(browser: Browser, path: string, form: Record<string, string>) {
    const page = await browser.get(pagePath());
    return browser.post(path, { _csrf: formToken(page.body), ...form });
  }

  before(async function () {
    this.timeout(120_000);
    const demo = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
    // K6 at the baseline too, so all four charts have real answers.
    programme = { ...demo, waves: demo.waves.map((w) => (w.id === 'baseline' ? { ...w, instruments: [...w.instruments, 'k6'] } : w)) };
    clock = new ManualClock(ENROLLED);
    t = await startSmsTestApp({ clock, programme });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
    expect(await tick()).to.have.length(1);
    await say('YES');
    const baseline = await tick();
    expect(baseline[0]).to.match(/quick questions/);
    await answer(baseline, BASELINE);
    await answer(await tick(at('2026-11-30T10:00')), WEEK_ONE);
    baselineStartedAt = (await history()).checkIns[0]!.startedAt;

    browsers.priya = await addStaff('priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    browsers.sam = await addStaff('sam@example.org', 'Sam Okafor', 'link-worker', 'sam');
    browsers.duty = await addStaff('duty@example.org', 'Dana Duty', 'duty');
  });

  after(async () => {
    await t?.close();
  });

  it('serves chart data equal to the scores of the answers Dorothy gave, with the baseline marked', async () => {
    const res = await browsers.priya.get(`${pagePath()}/chart-data.json`, { Accept: 'application/json' });
    expect(res.status).to.equal(200);
    const charts = JSON.parse(res.body) as ClientCharts;
    const ys = (series: { points: Array<{ y: number | null }> }) => series.points.map((p) => p.y);
    const [baseline, week] = (await history()).checkIns;
    expect(ys(charts.ucla3.series[0]!)).to.deep.equal([3 + 2 + 2, 1 + 1 + 2]);
    expect(charts.ucla3.series[0]!.points.map((p) => p.x)).to.deep.equal([baseline!.startedAt, week!.startedAt]);
    // ONS loneliness codes: 2 some of the time, 3 occasionally.
    expect(ys(charts.onsLoneliness.series[0]!)).to.deep.equal([2, 3]);
    expect(charts.ons4.series.map((s) => [s.label, ...ys(s)])).to.deep.equal([
      ['Life satisfaction', 6],
      ['Worthwhile', 7],
      ['Happiness', 5],
      ['Anxiety', 3],
    ]);
    // K6: None 0, A little 1, Some 2 (the reply is the option's number, one more than its code).
    expect(ys(charts.k6.series[0]!)).to.deep.equal([1 + 0 + 1 + 0 + 2 + 0]);
    expect(charts.k6.markers).to.deep.equal([{ x: baselineStartedAt, label: 'Baseline' }]);
  });

  it('shows the summary, the charts with their numbers in tables, the timeline and the note to the link worker', async () => {
    const page = await browsers.priya.get(pagePath());
    expect(page.status).to.equal(200);
    const body = page.body;
    for (const heading of ['Summary', 'Scores over time', 'Messages to the link worker', 'Groups', 'Tasks', 'Timeline', 'Settings']) {
      expect(body).to.include(`>${heading}</h2>`);
    }
    expect(body).to.match(/<dt>Link worker<\/dt><dd>Priya Shah<\/dd>/);
    expect(body).to.include('Agreed to check-ins on');
    for (const id of ['chart-ucla3', 'chart-ons-loneliness', 'chart-ons4', 'chart-k6']) expect(body).to.include(`data-chart="${id}"`);
    expect(body).to.include('<script src="/staff/static/charts.js" defer></script>');
    expect(body).to.match(/<caption>UCLA-3 loneliness<\/caption>[\s\S]*?<td>4<\/td>[\s\S]*?<td>7<\/td>/);
    expect(body).to.include('2 (Some of the time)');
    expect(body).to.match(/<caption>ONS4 personal wellbeing<\/caption>[\s\S]*?<td>6<\/td><td>7<\/td><td>5<\/td><td>3<\/td>/);
    expect(body).to.include('I would like to try the choir but I am nervous');
    expect(body).to.include('Measurement wave: Baseline');
    expect(body).to.include('Weekly check-in');
    expect(body).to.include('How often do you feel that you lack companionship?');
    expect(body).not.to.match(/style=/);
  });

  it('answers "not found" to another link worker, as for a client that does not exist; duty sees the page', async () => {
    const theirs = await browsers.sam.get(pagePath());
    const none = await browsers.sam.get('/staff/clients/no-such-client');
    expect(theirs.status).to.equal(404);
    expect(none.status).to.equal(404);
    expect(theirs.body).not.to.include('Dorothy');
    expect(theirs.body.replace(/no-such-client/g, '')).to.equal(none.body.replace(/no-such-client/g, ''));
    expect((await browsers.sam.get(`${pagePath()}/chart-data.json`, { Accept: 'application/json' })).status).to.equal(404);
    const samToken = formToken((await browsers.sam.get('/staff')).body);
    const post = await browsers.sam.post(`${pagePath()}/settings`, { _csrf: samToken, preferredDay: 'friday' });
    expect(post.status).to.equal(404);
    expect((await t.app.store.clients.get(clientId))!.preferredDay).to.equal(undefined);
    expect((await browsers.duty.get(pagePath())).status).to.equal(200);
  });

  it('refuses every form post without the CSRF token', async () => {
    for (const path of ['settings', 'reassign', 'groups', 'tasks/any/done']) {
      const res = await browsers.priya.post(`${pagePath()}/${path}`, { preferredDay: 'friday', linkWorkerId: 'sam', note: 'x', groupId: 'wednesday-walk' });
      expect(res.status, path).to.equal(403);
    }
    const client = (await t.app.store.clients.get(clientId))!;
    expect(client.preferredDay).to.equal(undefined);
    expect(client.linkWorkerId).to.equal('priya');
  });

  it('saves a settings change and shows it in the timeline with who made it', async () => {
    const res = await submit(browsers.priya, `${pagePath()}/settings`, {
      preferredDay: 'thursday',
      windowStart: '14:00',
      windowEnd: '16:00',
      channel: 'sms',
      language: '',
      pausedUntil: '',
    });
    expect(res.status).to.equal(303);
    expect(res.location).to.equal(`${pagePath()}?done=settings#settings-heading`);
    const client = (await t.app.store.clients.get(clientId))!;
    expect(client.preferredDay).to.equal('thursday');
    expect(client.preferredTimeWindow).to.deep.equal({ start: '14:00', end: '16:00' });
    const page = await browsers.priya.get(res.location!);
    expect(page.body).to.include('Settings saved.');
    expect(page.body).to.include('Settings changed by Priya Shah');
    expect(page.body).to.include('preferredDay: not set → thursday');
    expect(page.body).to.include('preferredTimeWindow: not set → 14:00–16:00');
    expect(page.body).to.match(/<option value="thursday" selected>/);
    const again = await submit(browsers.priya, `${pagePath()}/settings`, {
      preferredDay: 'thursday',
      windowStart: '14:00',
      windowEnd: '16:00',
      channel: 'sms',
      language: '',
      pausedUntil: '',
    });
    expect(again.location).to.include('done=no-change');
  });

  it('pauses and ends the pause through the form, recorded like PAUSE by text', async () => {
    const form = { preferredDay: 'thursday', windowStart: '14:00', windowEnd: '16:00', channel: 'sms', language: '' };
    expect((await submit(browsers.priya, `${pagePath()}/settings`, { ...form, pausedUntil: '2026-12-14' })).status).to.equal(303);
    expect((await t.app.store.clients.get(clientId))!.pausedUntil).to.equal('2026-12-14T00:00:00.000Z');
    expect((await browsers.priya.get(pagePath())).body).to.match(/<strong>Paused<\/strong> until Mon 14 Dec 2026/);
    expect((await submit(browsers.priya, `${pagePath()}/settings`, { ...form, pausedUntil: '2026-12-14', endPause: 'yes' })).status).to.equal(303);
    expect((await t.app.store.clients.get(clientId))!.pausedUntil).to.equal(undefined);
    const types = (await history()).events.map((e) => e.type);
    expect(types).to.include.members(['paused', 'resumed']);
  });

  it('shows what is wrong with invalid settings, linked to the fields, and keeps what was typed', async () => {
    const res = await submit(browsers.priya, `${pagePath()}/settings`, {
      preferredDay: 'friday',
      windowStart: '22:00',
      windowEnd: '23:30',
      channel: 'sms',
      language: '',
      pausedUntil: '2020-01-01',
    });
    expect(res.status).to.equal(400);
    expect(res.body).to.include('<title>Error: Dorothy Pike');
    expect(res.body).to.match(/class="error-summary"[^>]*role="alert"/);
    expect(res.body).to.match(/<a href="#settings-window-start">Time window: 22:00-23:30 is inside the programme&#39;s quiet hours/);
    expect(res.body).to.match(/<a href="#settings-paused-until">Pause until: must be a date after today/);
    expect(res.body).to.match(/<option value="friday" selected>/);
    expect(res.body).to.include('value="22:00"');
    expect(res.body).to.include('value="2020-01-01"');
    expect(res.body).to.match(/id="settings-paused-until"[^>]*aria-invalid="true" aria-describedby="settings-paused-until-error"/);
    expect((await t.app.store.clients.get(clientId))!.preferredDay).to.equal('thursday');
  });

  it('links the client to a group, and refuses a reminder time with reminders off', async () => {
    const bad = await submit(browsers.priya, `${pagePath()}/groups`, { groupId: 'wednesday-walk', status: 'going', nudge: 'off', nudgeTime: '18:30' });
    expect(bad.status).to.equal(400);
    expect(bad.body).to.match(/<a href="#group-time">Reminder time: only with nudge/);
    const res = await submit(browsers.priya, `${pagePath()}/groups`, { groupId: 'wednesday-walk', status: 'going', nudge: 'day-before', nudgeTime: '18:30' });
    expect(res.status).to.equal(303);
    expect((await t.app.store.clients.get(clientId))!.groups).to.deep.include({
      groupId: 'wednesday-walk',
      status: 'going',
      nudge: 'day-before',
      nudgeTime: '18:30',
      since: clock.now().toISO(),
    });
    const page = (await browsers.priya.get(res.location!)).body;
    expect(page).to.match(/<td>Wednesday Walking Group<\/td>\s*<td>going<\/td>\s*<td>the day before at 18:30<\/td>/);
    expect(page).to.include('groups: not set → wednesday-walk: going, day-before 18:30');
  });

  it("shows attendance with barriers in the client's own words, and tasks open first; marks one done, once", async () => {
    const session = { sessionKey: 'wednesday-walk|2026-12-02T10:00', groupId: 'wednesday-walk', sessionStart: '2026-12-02T10:00:00.000Z' };
    await t.app.store.clients.recordAttendance(clientId, session, () => ({
      ...session,
      attendance: 'didnt',
      intention: 'not-going',
      barriers: ['transport', 'nervous-anxious'],
      barrierText: "couldn't get a lift & too nervous",
      wantsCompany: true,
      channel: 'sms',
      updatedAt: clock.now().toISO()!,
    }));
    await t.app.store.clients.addTask(clientId, {
      id: 'task-1',
      kind: 'accompany',
      groupId: 'wednesday-walk',
      detail: 'Would like someone to go with them to Wednesday Walking Group',
      state: 'open',
      createdAt: clock.now().toISO()!,
    });
    const before = await browsers.priya.get(pagePath());
    expect(before.body).to.include(`action="/staff/clients/${clientId}/tasks/task-1/done"`);
    expect(before.body).to.include('Someone to go with them');
    expect(before.body).to.include("Went 0, didn't go 1");
    expect(before.body).to.include('Transport, Nervous or anxious');
    expect(before.body).to.include('“couldn&#39;t get a lift &#38; too nervous”');
    expect(before.body).to.include('Would like someone to go with them');
    const res = await submit(browsers.priya, `${pagePath()}/tasks/task-1/done`, {});
    expect(res.status).to.equal(303);
    const task = (await history()).tasks.find((x) => x.id === 'task-1')!;
    expect(task).to.include({ state: 'done', doneBy: 'Priya Shah' });
    const after = (await browsers.priya.get(res.location!)).body;
    expect(after).to.include('Task marked done.');
    expect(after).to.include('Done by Priya Shah');
    expect(after).not.to.include('tasks/task-1/done"');
    expect((await submit(browsers.priya, `${pagePath()}/tasks/task-1/done`, {})).location).to.include('done=task-already');
    expect((await submit(browsers.priya, `${pagePath()}/tasks/nope/done`, {})).status).to.equal(404);
  });

  it('needs a handover note to reassign, and keeps the choice made', async () => {
    const res = await submit(browsers.priya, `${pagePath()}/reassign`, { linkWorkerId: 'sam', note: '  ' });
    expect(res.status).to.equal(400);
    expect(res.body).to.match(/<a href="#reassign-note">Handover note: write a handover note/);
    expect(res.body).to.match(/<option value="sam" selected>Sam Okafor<\/option>/);
    expect((await t.app.store.clients.get(clientId))!.linkWorkerId).to.equal('priya');
  });

  it("reassigns with a handover note: the client is texted their new worker's name, and the page passes to them", async () => {
    const res = await submit(browsers.priya, `${pagePath()}/reassign`, { linkWorkerId: 'sam', note: 'Nervous about groups; loves walking.' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include('Client handed over');
    expect(res.body).to.include('has been sent their new link worker');
    await t.settle();
    expect(t.sentTo(PHONE).join('\n')).to.match(/your link worker at .* is now Sam Okafor/);
    t.twilio.reset();
    const handover = (await history()).events.find((e) => e.type === 'handover');
    expect(handover).to.deep.include({ by: 'Priya Shah', from: 'priya', to: 'sam', note: 'Nervous about groups; loves walking.', clientTold: true });
    expect((await browsers.priya.get(pagePath())).status).to.equal(404);
    const samPage = await browsers.sam.get(pagePath());
    expect(samPage.status).to.equal(200);
    expect(samPage.body).to.include('Handed over by Priya Shah</strong> from Priya Shah to Sam Okafor');
    expect(samPage.body).to.include('Nervous about groups; loves walking.');
    expect(samPage.body).to.include('linkWorkerId: priya → sam');
  });

  it('tells the client after quiet hours when reassigned at night, and says so on the page', async () => {
    clock.set(at('2026-12-01T22:30'));
    // A week on, the sessions have lapsed: sign in again.
    expect((await browsers.duty.signIn('duty@example.org', PASSWORD)).status).to.equal(303);
    const res = await submit(browsers.duty, `${pagePath()}/reassign`, { linkWorkerId: 'priya', note: 'Back to Priya after her leave.' });
    expect(res.status).to.equal(303);
    const page = (await browsers.duty.get(res.location!)).body;
    expect(page).to.include('they will be sent their new link worker&#39;s name when quiet hours end (09:00 their time)');
    await t.app.scheduler.tick();
    await t.settle();
    expect(t.sentTo(PHONE)).to.deep.equal([]);
    expect((await t.app.store.clients.get(clientId))?.linkWorkerNotice, 'kept on the record, not on a timer').to.deep.include({ linkWorkerId: 'priya' });
    clock.set(at('2026-12-02T09:00'));
    await t.app.scheduler.tick();
    await t.settle();
    expect(t.sentTo(PHONE).join('\n')).to.match(/is now Priya Shah/);
    await t.app.scheduler.tick();
    await t.settle();
    expect(
      t.sentTo(PHONE).filter((m) => /is now Priya Shah/.test(m)),
      'told once',
    ).to.have.length(1);
    expect((await t.app.store.clients.get(clientId))?.linkWorkerNotice).to.equal(undefined);
  });
});
