import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import restify from 'restify';
import { ManualClock } from '../../bot/time/clock.js';
import { createLogger } from '../../bot/platform/logger.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { registerStaffRoutes } from '../../bot/staff/staffRoutes.js';
import type { Strikes } from '../../bot/staff/staffSignIn.js';
import { MemoryExpiring } from '../../storage/lowdb/memoryExpiring.js';
import type { StaffDeps } from '../../bot/staff/staffGuard.js';
import { openStaffStore, type StaffStore } from '../../storage/lowdb/lowdbStaff.js';
import type { StaffRole } from '../../storage/records.js';

export const PASSWORD = 'correct horse battery staple';

export interface StaffRig {
  url: string;
  clock: ManualClock;
  store: StaffStore;
  dataDir: string;
  /** Lines logged, to check nothing secret is written. */
  logLines: string[];
  addStaff(email: string, role: StaffRole, linkWorkerId?: string): Promise<string>;
  /** A browser: keeps cookies, never follows redirects. */
  browser(): Browser;
  close(): Promise<void>;
}

/** A real restify server set up like bot/server/app.ts, with only the staff routes and two probe routes. */
export async function startStaffRig(options: { publicBaseUrl?: string } = {}): Promise<StaffRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-staff-'));
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T09:00:00Z'));
  const logLines: string[] = [];
  const store = openStaffStore(dataDir);
  const server = restify.createServer({ name: 'linkwell-staff-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  const deps: StaffDeps = {
    accounts: store.accounts,
    sessions: store.sessions,
    unknownEmails: new MemoryExpiring<Strikes>('unknown-staff-email'),
    programme: {
      id: 'demo',
      name: 'Demo <Programme>',
      linkWorkers: [
        { id: 'sam', name: 'Sam Okafor', phone: '+447700900101' },
        { id: 'priya', name: 'Priya Shah', phone: '+447700900102' },
      ],
    },
    publicBaseUrl: options.publicBaseUrl,
    clock,
    log: createLogger('debug', clock, (line) => logLines.push(line)),
  };
  const staffPage = registerStaffRoutes(server, deps);
  // Probes standing for the pages others add: one for duty and admin only, one that changes state.
  server.get(
    '/staff/probe/duty',
    staffPage(['duty', 'admin'], async (_req, res, signedIn) => {
      res.json(200, { name: signedIn.staff.name });
    }),
  );
  for (const method of ['post', 'put', 'patch', 'del'] as const) {
    server[method](
      '/staff/probe/change',
      staffPage(undefined, async (_req, res) => {
        res.json(200, { changed: true });
      }),
    );
  }
  // Registered without the guard: the gate must still protect it.
  server.post('/staff/probe/unguarded', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, { changed: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    url,
    clock,
    store,
    dataDir,
    logLines,
    addStaff: async (email, role, linkWorkerId) => {
      next += 1;
      const id = `staff-${String(next).padStart(4, '0')}`;
      await store.accounts.create({
        id,
        email,
        name: `Staff ${next}`,
        role,
        linkWorkerId,
        passwordHash: await hashPassword(PASSWORD),
        failedAttempts: 0,
        createdAt: clock.now().toISO()!,
      });
      return id;
    },
    browser: () => new Browser(url),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Page {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
  setCookies: string[];
}

/** Just enough of a browser: a cookie jar (name → value) and page requests that accept HTML. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request('GET', path, undefined, headers);
  }

  /** A form post (urlencoded), as a browser sends it. */
  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    return this.request('POST', path, new URLSearchParams(form).toString(), { 'Content-Type': 'application/x-www-form-urlencoded', ...headers });
  }

  async request(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { Accept: 'text/html,application/xhtml+xml', ...(cookie ? { Cookie: cookie } : {}), ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, body: await res.text(), location: res.headers.get('location'), setCookies };
  }

  /** Open the sign-in page and submit it. */
  async signIn(email: string, password: string, next?: string): Promise<Page> {
    const form = await this.get(`/staff/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    return this.post('/staff/sign-in', { _csrf: formToken(form.body), email, password, ...(next ? { next } : {}) });
  }
}

/** The `_csrf` value of the first form on a page. */
export function formToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}
