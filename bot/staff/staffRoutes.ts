import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import { cookieHeader, isSecureRequest, readCookie } from './cookies.js';
import { carriesToken, changesState } from './csrf.js';
import { homePage } from './pages/homePage.js';
import { SIGN_IN_PROBLEMS, signInPage } from './pages/signInPage.js';
import { admitStaff, currentStaff, refuse, routePath, safeNext, sendStaffError, sessionsFor, staffPage, type StaffDeps } from './staffGuard.js';
import { redirect, sendPage, setStaffHeaders, STAFF_HEADERS } from './staffResponses.js';
import { StaffSignIn } from './staffSignIn.js';
import { SESSION_COOKIE } from './staffSessions.js';
import { PROJECT_ROOT } from '../platform/projectRoot.js';

const here = join(PROJECT_ROOT, 'bot', 'staff');
/** Carries the sign-in form's token (double submit): there is no session to tie it to yet. */
const SIGN_IN_COOKIE = 'linkwell_staff_signin';
const SIGN_IN_COOKIE_PATH = '/staff/sign-in';
const FORM_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Routes under /staff that anyone may reach. */
const OPEN_ROUTES = new Set(['/staff/sign-in', '/staff/staff.css']);

const signInForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  next: z.string().max(1024).optional(),
});

/**
 * Staff sign-in, sign-out and home page, and the gate in front of every route under /staff (added
 * by anyone, before or after this): not signed in is sent to sign in, a state-changing request
 * without its CSRF token is refused with 403, and every answer carries the staff security headers.
 * Returns the guard for the pages' own routes (the same as `staffPage(deps)`).
 */
export function registerStaffRoutes(server: Server, deps: StaffDeps): ReturnType<typeof staffPage> {
  const page = staffPage(deps);
  const signIn = new StaffSignIn({ accounts: deps.accounts, unknownEmails: deps.unknownEmails, clock: deps.clock, log: deps.log });
  const sessions = sessionsFor(deps);
  const css = readFileSync(join(here, 'pages', 'staff.css'));
  const cookie = (req: Request, name: string, value: string, path: string, maxAge?: number) =>
    cookieHeader(name, value, { path, secure: isSecureRequest(req, deps.publicBaseUrl), ...(maxAge !== undefined ? { maxAge } : {}) });

  server.use(staffGate(deps));

  server.get('/staff/staff.css', async (_req: Request, res: Response) => {
    res.writeHead(200, { ...STAFF_HEADERS, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(css);
  });

  server.get('/staff/sign-in', async (req: Request, res: Response) => {
    const next = safeNext(req.query?.next);
    if (await currentStaff(deps, req)) return redirect(res, next ?? '/staff');
    // One token per browser, kept while the cookie lives, so two open sign-in tabs both work.
    const existing = readCookie(req, SIGN_IN_COOKIE);
    const token = existing && FORM_TOKEN.test(existing) ? existing : randomBytes(32).toString('base64url');
    sendPage(res, 200, signInPage({ programmeName: deps.programme.name, formToken: token, next }), {
      'Set-Cookie': cookie(req, SIGN_IN_COOKIE, token, SIGN_IN_COOKIE_PATH, 2 * 3600),
    });
  });

  server.post('/staff/sign-in', async (req: Request, res: Response) => {
    try {
      const token = readCookie(req, SIGN_IN_COOKIE)!; // the gate has checked it
      const parsed = signInForm.safeParse(req.body ?? {});
      const next = safeNext(parsed.data?.next);
      const again = (status: number, problem: string, extra: Record<string, string> = {}) =>
        sendPage(res, status, signInPage({ programmeName: deps.programme.name, formToken: token, next, email: parsed.data?.email, problem }), extra);
      if (!parsed.success) return again(400, SIGN_IN_PROBLEMS.missing);
      const result = await signIn.attempt(parsed.data.email, parsed.data.password);
      if (!result.ok) {
        if (result.reason === 'locked') return again(429, SIGN_IN_PROBLEMS.locked(result.minutes), { 'Retry-After': String(result.minutes * 60) });
        return again(401, SIGN_IN_PROBLEMS.wrong);
      }
      // A new id at every sign-in: a session id planted before sign-in is worth nothing after it.
      const previous = await currentStaff(deps, req);
      if (previous) await sessions.end(previous.sessionKey);
      await sessions.purgeExpired();
      const started = await sessions.start(result.account.id);
      redirect(res, next ?? '/staff', {
        'Set-Cookie': [cookie(req, SESSION_COOKIE, started.id, '/', started.maxAgeSeconds), cookie(req, SIGN_IN_COOKIE, '', SIGN_IN_COOKIE_PATH, 0)],
      });
    } catch (error) {
      sendStaffError(deps, req, res, error);
    }
  });

  server.post(
    '/staff/sign-out',
    page(undefined, async (req, res, signedIn) => {
      await sessions.end(signedIn.sessionKey);
      deps.log.info('staff signed out', { staffId: signedIn.staff.id });
      redirect(res, '/staff/sign-in', { 'Set-Cookie': cookie(req, SESSION_COOKIE, '', '/', 0) });
    }),
  );

  server.get(
    '/staff',
    page(undefined, async (_req, res, signedIn) => {
      const worker = deps.programme.linkWorkers.find((w) => w.id === signedIn.staff.linkWorkerId);
      const alerts = deps.openAlerts ? await deps.openAlerts(signedIn) : undefined;
      sendPage(res, 200, homePage(deps.programme.name, signedIn, worker?.name, alerts));
    }),
  );

  return page;
}

/** restify `use` handler: runs for every routed request, so it covers staff routes registered anywhere. */
function staffGate(deps: StaffDeps) {
  return (req: Request, res: Response, next: Next): void => {
    const path = routePath(req);
    if (path !== '/staff' && !path.startsWith('/staff/')) {
      next();
      return;
    }
    setStaffHeaders(res);
    admit(deps, req, res, path).then(
      (through) => next(through ? undefined : false),
      (error: unknown) => {
        sendStaffError(deps, req, res, error);
        next(false);
      },
    );
  };
}

async function admit(deps: StaffDeps, req: Request, res: Response, path: string): Promise<boolean> {
  if (!OPEN_ROUTES.has(path)) return (await admitStaff(deps, req, res)) !== undefined;
  if (changesState(req) && !carriesToken(req, readCookie(req, SIGN_IN_COOKIE))) {
    refuse(deps, req, res, 403, 'csrf', 'This sign-in form has expired', 'Reload the sign-in page and try again.');
    return false;
  }
  return true;
}
