import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { TaskRecord } from '../../storage/records.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { signedInStaff } from './signedInStaff.js';
import { formToken, type Browser } from './staffRig.js';

/** Every route the app serves under /staff, read from the router: a route added later is swept too. */
function staffRoutes(t: TestApp): Array<{ method: string; path: string }> {
  const routes = (t.app.server as unknown as { router: { getRoutes(): Record<string, { method: string; path: string }> } }).router.getRoutes();
  return Object.values(routes)
    .map(({ method, path }) => ({ method, path: String(path) }))
    .filter(({ path }) => path === '/staff' || path.startsWith('/staff/'));
}

const OPEN = new Set(['GET /staff/sign-in', 'POST /staff/sign-in', 'GET /staff/staff.css']);

/**
 * Sweeps every staff route: nothing is reachable signed out; every state-changing route refuses a
 * missing or wrong CSRF token; a link worker cannot read or change another link worker's client (or
 * an alert about them) by id, whatever the route.
 */
describe('Staff routes, swept', function () {
  this.timeout(60_000);
  let t: TestApp;
  let clock: ManualClock;
  let priya: Browser;
  let sam: Browser;
  let admin: Browser;
  const ids = { id: '', taskId: '', alertId: '' };

  before(async () => {
    clock = new ManualClock(DateTime.fromISO('2026-11-24T11:00', { zone: 'Europe/London' }));
    t = await startTestApp({ clock });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: '+447700900571', timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'webchat' }),
    });
    ids.id = ((await created.json()) as { id: string }).id;
    const task: TaskRecord = {
      id: 'task-1',
      kind: 'accompany',
      groupId: 'wednesday-walk',
      detail: 'Would like company',
      state: 'open',
      createdAt: clock.now().toISO()!,
    };
    await t.app.store.clients.addTask(ids.id, task);
    ids.taskId = task.id;
    const raised = await t.app.alerts.raise({
      clientId: ids.id,
      tier: 'routine',
      categories: ['low mood'],
      trigger: { kind: 'score', reason: 'UCLA-3 up 3', checkInId: 'c1' },
    });
    ids.alertId = raised.alert.id;
    priya = await signedInStaff(t, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    sam = await signedInStaff(t, clock, 'sam@example.org', 'Sam Okafor', 'link-worker', 'sam');
    admin = await signedInStaff(t, clock, 'admin@example.org', 'Ada Admin', 'admin');
  });

  after(async () => {
    await t?.close();
  });

  /** The route's path with its parameters filled: the client, the task and, under /alerts, the alert. */
  const filled = (path: string) =>
    path
      .replace(':taskId', ids.taskId)
      .replace(':name', 'charts.js')
      .replace(':id', path.startsWith('/staff/alerts/') ? ids.alertId : ids.id);

  it('finds the routes it sweeps', () => {
    const found = staffRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(found).to.include.members([
      'GET /staff/alerts/:id',
      'POST /staff/alerts/:id/ack',
      'GET /staff/clients/:id',
      'POST /staff/clients/:id/reassign',
      'GET /staff/outcomes/items.csv',
    ]);
  });

  it('sends anyone signed out to sign in, from every staff route', async () => {
    for (const route of staffRoutes(t)) {
      if (OPEN.has(`${route.method} ${route.path}`)) continue;
      const res = await fetch(`${t.url}${filled(route.path)}`, { method: route.method, redirect: 'manual', headers: { Accept: 'text/html' } });
      expect(res.status, `${route.method} ${route.path}`).to.equal(303);
      expect(res.headers.get('location'), `${route.method} ${route.path}`).to.match(/^\/staff\/sign-in/);
    }
  });

  it('refuses every state-changing route without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const changing = staffRoutes(t).filter((r) => r.method !== 'GET' && !OPEN.has(`${r.method} ${r.path}`));
    expect(changing.length).to.be.at.least(6);
    const before = JSON.stringify([await t.app.store.clients.get(ids.id), await t.app.alerts.get(ids.alertId)]);
    for (const route of changing) {
      const form = { note: 'x', linkWorkerId: 'sam', handoverNote: 'x', groupId: 'wednesday-walk', status: 'going', nudge: 'off' };
      const missing = await admin.request(route.method, filled(route.path), new URLSearchParams(form).toString(), {
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      expect(missing.status, `${route.method} ${route.path} without a token`).to.equal(403);
      const wrong = await admin.post(filled(route.path), { ...form, _csrf: 'A'.repeat(43) });
      expect(wrong.status, `${route.method} ${route.path} with a wrong token`).to.equal(403);
    }
    expect(JSON.stringify([await t.app.store.clients.get(ids.id), await t.app.alerts.get(ids.alertId)])).to.equal(before);
  });

  it("gives a link worker 404 for another link worker's client and alerts on every route by id, as for an id that does not exist", async () => {
    const byId = staffRoutes(t).filter((r) => r.path.includes(':id'));
    expect(byId.length).to.be.at.least(8);
    const samToken = formToken((await sam.get('/staff')).body);
    for (const route of byId) {
      const path = filled(route.path);
      const res =
        route.method === 'GET'
          ? await sam.get(path, { Accept: 'text/html' })
          : await sam.post(path, { _csrf: samToken, note: 'x', linkWorkerId: 'sam', handoverNote: 'x' });
      expect(res.status, `${route.method} ${route.path}`).to.equal(404);
      expect(res.body, `${route.method} ${route.path}`).to.not.include('Dorothy');
    }
    // The alert is not in Sam's inbox, nor the client in his caseload; Priya sees both.
    expect((await sam.get('/staff/alerts')).body).to.not.include('Dorothy');
    expect((await sam.get('/staff/caseload')).body).to.not.include('Dorothy');
    expect((await priya.get('/staff/alerts')).body).to.include('Dorothy');
    expect((await priya.get(`/staff/clients/${ids.id}`)).status).to.equal(200);
    expect((await t.app.store.clients.get(ids.id))?.linkWorkerId).to.equal('priya');
  });
});
