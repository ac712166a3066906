import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { signedInStaff } from '../staff/signedInStaff.js';
import type { Browser } from '../staff/staffRig.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { startTestApp, TEST_ADMIN_TOKEN } from '../support/testApp.js';
import { waitFor } from '../support/waitFor.js';

/** Names that reach an object's prototype when a request's words are used as a key. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/**
 * Every route the server has, called by a signed-in admin (cookie and bearer token) with each
 * prototype name in every path parameter, in the query and as body fields: the server answers
 * each with a clear refusal (never a 500 from a lookup gone wrong), and is still up afterwards.
 */
describe('hostile keys on every route', function () {
  this.timeout(120_000);
  let t: SmsTestApp;
  let staff: Browser;
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));
  const logs: Array<{ level: string; message: string } & Record<string, unknown>> = [];

  before(async () => {
    t = await startSmsTestApp({ clock, logSink: (line) => logs.push(JSON.parse(line)) });
    staff = await signedInStaff(t, clock, 'admin@example.org', 'Ada Admin', 'admin');
  });
  after(() => t.close());

  function routes(): { method: string; path: string }[] {
    const registry = t.app.server.router.getRoutes() as unknown as Record<string, { method: string; path: string }>;
    return Object.values(registry).map((r) => ({ method: r.method.toUpperCase(), path: String(r.path) }));
  }

  it('answers every route with each prototype name as a path parameter, query and body field without a server error', async () => {
    const found = routes();
    expect(found.length, 'routes registered').to.be.greaterThan(20);
    const failures: string[] = [];
    for (const route of found) {
      for (const key of PROTOTYPE_KEYS) {
        const path = route.path.replace(/:[A-Za-z]+/g, encodeURIComponent(key));
        const query = `?${PROTOTYPE_KEYS.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(key)}`).join('&')}&done=${encodeURIComponent(key)}&next=${encodeURIComponent(key)}&t=${encodeURIComponent(key)}`;
        const body =
          route.method === 'GET' || route.method === 'HEAD'
            ? undefined
            : `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"${key}":"${key}","id":"${key}","status":"${key}"}`;
        const headers: Record<string, string> = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) };
        const page = await staff.request(route.method, `${path}${query}`, body, headers);
        if (page.status >= 500) failures.push(`${route.method} ${path}: ${page.status}`);
        const health = await fetch(`${t.url}/healthz`);
        if (health.status !== 200) throw new Error(`the server stopped answering after ${route.method} ${path}`);
      }
    }
    expect(failures).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').to.equal(undefined);
  });

  it('serves the staff scripts it has and a 404 for any other name', async () => {
    expect((await staff.get('/staff/static/charts.js')).status).to.equal(200);
    for (const key of PROTOTYPE_KEYS) expect((await staff.get(`/staff/static/${key}`)).status, key).to.equal(404);
  });

  it('survives a handler that fails after it has answered, and logs it without the request', async () => {
    t.app.server.get('/probe/fails-late', async (_req: unknown, res: { writeHead(s: number): void; end(b: string): void }) => {
      res.writeHead(200);
      res.end('done');
      throw new Error('after the answer');
    });
    expect((await fetch(`${t.url}/probe/fails-late?secret=words`)).status).to.equal(200);
    const logged = await waitFor(() => logs.find((l) => l.message === 'error after the response was sent'), { what: 'the late failure to be logged' });
    expect(logged).to.deep.include({ level: 'error', route: 'GET /probe/fails-late', error: 'Error' });
    expect(JSON.stringify(logged)).not.to.include('secret');
    expect((await fetch(`${t.url}/healthz`)).status).to.equal(200);
  });

  it('sends the security headers on every kind of answer', async () => {
    const answers = [
      await fetch(`${t.url}/healthz`),
      await fetch(`${t.url}/api/admin/clients`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }),
      await fetch(`${t.url}/api/admin/clients`),
      await fetch(`${t.url}/no-such-page`),
      await fetch(`${t.url}/staff/sign-in`),
      await fetch(`${t.url}/chat`),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).to.equal('nosniff');
      expect(res.headers.get('content-security-policy') ?? '', res.url).to.match(/frame-ancestors 'none'/);
      expect(res.headers.get('referrer-policy'), res.url).to.be.oneOf(['no-referrer', 'same-origin']);
      expect(res.headers.get('strict-transport-security'), `${res.url}: no HSTS over http`).to.equal(null);
    }
  });

  it('adds HSTS when the public address is https', async () => {
    const secure = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://linkwell.example.org' } });
    try {
      const res = await fetch(`${secure.url}/healthz`);
      expect(res.headers.get('strict-transport-security')).to.equal('max-age=31536000; includeSubDomains');
    } finally {
      await secure.close();
    }
  });
});
