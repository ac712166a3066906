import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import type { StaffRepository } from '../../storage/ports.js';
import type { StaffAccountRecord } from '../../storage/records.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { decoyHash, verifyPassword, type ScryptCost } from './passwordHash.js';

/** Wrong passwords in a row before sign-in is refused, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; account: StaffAccountRecord }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; minutes: number };

interface Strikes {
  failures: number;
  lockedUntil?: number;
}

/**
 * Checks an email and password, with lock-out. An unknown email is answered exactly like a known
 * one, in about the same time (a scrypt check against a decoy hash) and with its own lock-out
 * (kept in memory), so the page never tells whether an account exists.
 */
export class StaffSignIn {
  private readonly decoy: Promise<string>;
  private readonly unknownEmails = new LRUCache<string, Strikes>({ max: 10_000 });

  constructor(private readonly deps: { accounts: StaffRepository; clock: Clock; log: Logger; cost?: ScryptCost }) {
    this.decoy = decoyHash(deps.cost);
  }

  async attempt(email: string, password: string): Promise<SignInResult> {
    const now = this.deps.clock.now();
    const account = await this.deps.accounts.findByEmail(email);
    if (!account) return this.unknownAttempt(email, password, now);
    // Checked even when locked, so a locked account answers in the same time as any other.
    const matches = await verifyPassword(password, account.passwordHash);
    const lockedMs = remainingMs(account.lockedUntil, now);
    if (lockedMs > 0) return locked(lockedMs);
    if (matches && !account.disabled) {
      const fresh = await this.deps.accounts.update(account.id, (a) => ({ ...a, failedAttempts: 0, lockedUntil: undefined }));
      this.deps.log.info('staff signed in', { staffId: account.id });
      return { ok: true, account: fresh ?? account };
    }
    const after = await this.deps.accounts.update(account.id, (a) => (remainingMs(a.lockedUntil, now) > 0 ? a : strike(a, now)));
    const nowLockedMs = remainingMs(after?.lockedUntil, now);
    if (nowLockedMs > 0) {
      this.deps.log.warn('staff account locked after failed sign-ins', { staffId: account.id, minutes: LOCK_MINUTES });
      return locked(nowLockedMs);
    }
    this.deps.log.info('staff sign-in failed', { staffId: account.id, failedAttempts: after?.failedAttempts });
    return { ok: false, reason: 'wrong' };
  }

  private async unknownAttempt(email: string, password: string, now: DateTime): Promise<SignInResult> {
    await verifyPassword(password, await this.decoy);
    const key = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const strikes = this.unknownEmails.get(key) ?? { failures: 0 };
    const lockedMs = (strikes.lockedUntil ?? 0) - now.toMillis();
    if (lockedMs > 0) return locked(lockedMs);
    const failures = strikes.failures + 1;
    if (failures >= MAX_FAILED_ATTEMPTS) {
      this.unknownEmails.set(key, { failures: 0, lockedUntil: now.plus({ minutes: LOCK_MINUTES }).toMillis() });
      return locked(LOCK_MINUTES * 60_000);
    }
    this.unknownEmails.set(key, { failures });
    this.deps.log.info('staff sign-in failed', { staffId: null });
    return { ok: false, reason: 'wrong' };
  }
}

/** One more wrong password; the fifth in a row locks the account and starts a fresh count. */
function strike(account: StaffAccountRecord, now: DateTime): StaffAccountRecord {
  const failures = account.failedAttempts + 1;
  if (failures >= MAX_FAILED_ATTEMPTS) return { ...account, failedAttempts: 0, lockedUntil: now.plus({ minutes: LOCK_MINUTES }).toISO()! };
  return { ...account, failedAttempts: failures, lockedUntil: undefined };
}

function remainingMs(lockedUntil: string | undefined, now: DateTime): number {
  return lockedUntil ? DateTime.fromISO(lockedUntil).toMillis() - now.toMillis() : 0;
}

function locked(ms: number): SignInResult {
  return { ok: false, reason: 'locked', minutes: Math.max(1, Math.ceil(ms / 60_000)) };
}
