import type { Request, RequestHandler, Response } from 'restify';
import { z } from 'zod';
import type { ExpiringRecords, StaffRepository, StaffSessionRepository } from '../../storage/ports.js';
import type { Strikes } from './staffSignIn.js';
import type { ClientRecord, StaffRole } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';
import type { Programme } from '../config/programmeSchema.js';
import { sendError } from '../platform/http/handle.js';
import { StoreUnavailableError } from '../../storage/errors.js';
import { HttpError } from '../platform/http/httpError.js';
import type { Logger } from '../platform/logger.js';
import { readCookie } from './cookies.js';
import { carriesToken, changesState } from './csrf.js';
import { problemPage } from './pages/problemPage.js';
import { redirect, sendJson, sendPage, wantsHtml } from './staffResponses.js';
import { SESSION_COOKIE, StaffSessions, type SignedIn, type StaffMember } from './staffSessions.js';

/** What the staff pages need; the same object goes to registerStaffRoutes and staffPage. */
export interface StaffDeps {
  accounts: StaffRepository;
  sessions: StaffSessionRepository;
  /** Wrong passwords for emails with no account, shared by every instance (see StaffSignIn). */
  unknownEmails: ExpiringRecords<Strikes>;
  programme: Pick<Programme, 'id' | 'name' | 'linkWorkers'>;
  /** When https, session cookies are Secure even if a proxy hides the scheme. */
  publicBaseUrl?: string | undefined;
  clock: Clock;
  log: Logger;
  /** Alerts still open that the signed-in person may see, for the home page (none when not given); `flags`: routine ones flagged (see isFlagged). */
  openAlerts?: ((signedIn: SignedIn) => Promise<{ open: number; urgent: number; flags?: number }>) | undefined;
}

export type StaffHandler = (req: Request, res: Response, signedIn: SignedIn) => Promise<void>;

/** Whether a staff member may see a client: a link worker only their own caseload; duty and admin everyone. */
export function canSeeClient(staff: Pick<StaffMember, 'role' | 'linkWorkerId'>, client: Pick<ClientRecord, 'linkWorkerId'>): boolean {
  if (staff.role === 'link-worker') return staff.linkWorkerId !== undefined && client.linkWorkerId === staff.linkWorkerId;
  return true;
}

/**
 * Guard for a staff route: `server.get('/staff/x', staffPage(deps)(['duty', 'admin'], async (req, res, signedIn) => ...))`.
 * Not signed in: a page request is sent to sign in (and back here after), a fetch gets 401 JSON.
 * A role not listed gets 403; a state-changing request without the session's CSRF token gets 403.
 * An error thrown by the handler becomes a page (or JSON for fetch); unknown errors are logged, not shown.
 */
export function staffPage(deps: StaffDeps) {
  return (roles: readonly StaffRole[] | undefined, handler: StaffHandler): RequestHandler =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const signedIn = await admitStaff(deps, req, res);
        if (!signedIn) return;
        if (roles && !roles.includes(signedIn.staff.role)) {
          refuse(deps, req, res, 403, 'forbidden', 'Not available to you', 'This page is for other staff roles.', signedIn);
          return;
        }
        await handler(req, res, signedIn);
      } catch (error) {
        sendStaffError(deps, req, res, error);
      }
    };
}

/** The signed-in staff member of a request, or undefined. Read once per request. */
export function currentStaff(deps: StaffDeps, req: Request): Promise<SignedIn | undefined> {
  let found = resolved.get(req);
  if (!found) {
    found = sessionsFor(deps).resume(readCookie(req, SESSION_COOKIE));
    resolved.set(req, found);
  }
  return found;
}

/**
 * Let a request through to a protected staff route, or answer it: not signed in (sign-in page or
 * 401), or a state-changing request without this session's CSRF token (403). Returns who it is.
 */
export async function admitStaff(deps: StaffDeps, req: Request, res: Response): Promise<SignedIn | undefined> {
  const signedIn = await currentStaff(deps, req);
  if (!signedIn) {
    if (!wantsHtml(req)) sendJson(res, 401, { error: 'unauthorized', message: 'Sign in first.' });
    else redirect(res, signInUrl(req));
    return undefined;
  }
  if (changesState(req) && !carriesToken(req, signedIn.csrfToken)) {
    deps.log.warn('staff request without a valid CSRF token', { staffId: signedIn.staff.id, route: routePath(req) });
    refuse(deps, req, res, 403, 'csrf', 'This form has expired', 'Go back, reload the page and try again.', signedIn);
    return undefined;
  }
  return signedIn;
}

/** A local /staff path to return to after sign-in, or undefined for anything that could lead elsewhere. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 1024) return undefined;
  if (!/^\/staff(?:[/?#]|$)/.test(value)) return undefined;
  // No other host (//, \), no encoded slashes that a proxy may decode, no climbing out, no control characters.
  if (/\/\/|\\|%2f|%5c|\/\.\.?(?:[/?#]|$)|[\u0000-\u001f\u007f\s]/i.test(value)) return undefined;
  return value;
}

/** The route pattern a request matched (not the concrete URL, which may carry ids). */
export function routePath(req: Request): string {
  return String(req.getRoute?.()?.path ?? '');
}

export function refuse(
  deps: StaffDeps,
  req: Request,
  res: Response,
  status: number,
  code: string,
  title: string,
  explanation: string,
  signedIn?: SignedIn,
): void {
  if (wantsHtml(req)) sendPage(res, status, problemPage(deps.programme.name, title, explanation, signedIn));
  else sendJson(res, status, { error: code, message: `${title}. ${explanation}` });
}

/** A staff route's error, as a page for a browser (JSON for anything else). */
export function sendStaffError(deps: StaffDeps, req: Request, res: Response, error: unknown): void {
  if (!wantsHtml(req) || res.headersSent) {
    sendError(deps.log, req, res, error);
    return;
  }
  if (error instanceof HttpError) refuse(deps, req, res, error.status, error.code, 'Sorry', error.message);
  else if (error instanceof z.ZodError) refuse(deps, req, res, 400, 'invalid_request', 'Sorry', 'Some of what was sent is not valid. Go back and check it.');
  else if (error instanceof StoreUnavailableError) {
    deps.log.warn('store unavailable', { route: `${req.method} ${routePath(req)}` });
    refuse(
      deps,
      req,
      res,
      503,
      'unavailable',
      'Linkwell cannot reach its database just now',
      'Nothing you sent was saved. Please try again in a minute; it comes back by itself once the database is back.',
    );
  } else {
    deps.log.error('unhandled error', { route: `${req.method} ${routePath(req)}`, error });
    refuse(deps, req, res, 500, 'internal', 'Sorry, something went wrong', 'Please try again. If it keeps happening, tell your programme admin.');
  }
}

function signInUrl(req: Request): string {
  const here = changesState(req) ? undefined : safeNext(req.url);
  return here && here !== '/staff' ? `/staff/sign-in?next=${encodeURIComponent(here)}` : '/staff/sign-in';
}

const resolved = new WeakMap<Request, Promise<SignedIn | undefined>>();
const sessionsByDeps = new WeakMap<StaffDeps, StaffSessions>();

export function sessionsFor(deps: StaffDeps): StaffSessions {
  let sessions = sessionsByDeps.get(deps);
  if (!sessions) {
    sessions = new StaffSessions(deps);
    sessionsByDeps.set(deps, sessions);
  }
  return sessions;
}
