import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { StaffRepository, StaffSessionRepository } from '../../storage/ports.js';
import type { StaffAccountRecord, StaffRole, StaffSessionRecord } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';

export const SESSION_COOKIE = 'linkwell_staff';
/** A session ends after 8 hours without a request, and 12 hours after sign-in whatever happens. */
export const SESSION_IDLE_HOURS = 8;
export const SESSION_ABSOLUTE_HOURS = 12;
// Writing lastSeenAt on every page would be a disk write per click; a minute's slack costs nothing.
const TOUCH_EVERY_MS = 60_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** A staff member as the pages see them: never the password hash or lock-out state. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Set for role 'link-worker': whose caseload they see. */
  linkWorkerId?: string | undefined;
}

/** The staff member behind a request, with the token their forms must carry. */
export interface SignedIn {
  staff: StaffMember;
  csrfToken: string;
  /** Hash of the session id: what sign-out removes. */
  sessionKey: string;
}

/** Server-side staff sessions: random 32-byte ids in the cookie, only their hash on disk. */
export class StaffSessions {
  constructor(private readonly deps: { sessions: StaffSessionRepository; accounts: StaffRepository; clock: Clock }) {}

  /** Start a session; returns the id for the cookie (the only copy of it). */
  async start(staffId: string): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = randomBytes(32).toString('base64url');
    const at = this.deps.clock.now().toISO()!;
    await this.deps.sessions.add({ idHash: sessionKey(id), staffId, csrfToken: randomBytes(32).toString('base64url'), createdAt: at, lastSeenAt: at });
    return { id, maxAgeSeconds: SESSION_ABSOLUTE_HOURS * 3600 };
  }

  /** The session for a cookie value, if it is live and its account still enabled; keeps it alive. */
  async resume(id: string | undefined): Promise<SignedIn | undefined> {
    if (!id || !SESSION_ID.test(id)) return undefined;
    const key = sessionKey(id);
    const session = await this.deps.sessions.get(key);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    if (isExpired(session, now)) {
      await this.deps.sessions.remove(key);
      return undefined;
    }
    const account = await this.deps.accounts.get(session.staffId);
    if (!account || account.disabled) {
      await this.deps.sessions.remove(key);
      return undefined;
    }
    if (now.toMillis() - DateTime.fromISO(session.lastSeenAt).toMillis() >= TOUCH_EVERY_MS) {
      await this.deps.sessions.update(key, (s) => ({ ...s, lastSeenAt: now.toISO()! }));
    }
    return { staff: memberOf(account), csrfToken: session.csrfToken, sessionKey: key };
  }

  async end(key: string): Promise<void> {
    await this.deps.sessions.remove(key);
  }

  /** Forget sessions that have expired (done at each sign-in, so the directory stays small). */
  async purgeExpired(): Promise<void> {
    const now = this.deps.clock.now();
    for (const session of await this.deps.sessions.list()) {
      if (isExpired(session, now)) await this.deps.sessions.remove(session.idHash);
    }
  }
}

export function memberOf(account: StaffAccountRecord): StaffMember {
  const { id, email, name, role, linkWorkerId } = account;
  return { id, email, name, role, ...(linkWorkerId ? { linkWorkerId } : {}) };
}

function sessionKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function isExpired(session: StaffSessionRecord, now: DateTime): boolean {
  const idleEnd = DateTime.fromISO(session.lastSeenAt).plus({ hours: SESSION_IDLE_HOURS });
  const absoluteEnd = DateTime.fromISO(session.createdAt).plus({ hours: SESSION_ABSOLUTE_HOURS });
  return now >= idleEnd || now >= absoluteEnd;
}
