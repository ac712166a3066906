import { DateTime } from 'luxon';
import type { ExpiringRecords, StaffRepository } from '../../storage/ports.js';
import type { StaffAccountRecord } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../platform/logger.js';
import { decoyHash, verifyPassword, type ScryptCost } from './passwordHash.js';

/** Wrong passwords in a row before sign-in is refused, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult = { ok: true; account: StaffAccountRecord } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; minutes: number };

/** Wrong passwords given for an email with no account (kept under a hash of the email, shared by every instance). */
export interface Strikes {
  failures: number;
  lockedUntil?: number;
}

/**
 * Checks an email and password, with lock-out. An unknown email is answered exactly like a known
 * one, in about the same time (a scrypt check against a decoy hash) and with its own lock-out
 * (kept in the store under a hash of the email, so every instance counts it), so the page never
 * tells whether an account exists.
 */
export class StaffSignIn {
  private readonly decoy: Promise<string>;
  constructor(private readonly deps: { accounts: StaffRepository; unknownEmails: ExpiringRecords<Strikes>; clock: Clock; log: Logger; cost?: ScryptCost }) {
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
    let wasLockedMs = 0;
    const strikes = await this.deps.unknownEmails.change(email.trim().toLowerCase(), now.toISO()!, (current) => {
      wasLockedMs = (current?.lockedUntil ?? 0) - now.toMillis();
      // An account's count runs until a sign-in or a lock-out: a month is as good as for ever here.
      const keep = { expiresAt: now.plus({ days: 30 }).toISO()! };
      if (current && wasLockedMs > 0) return { value: current, expiresAt: new Date(current.lockedUntil!).toISOString() };
      const failures = (current?.failures ?? 0) + 1;
      const lockedUntil = now.plus({ minutes: LOCK_MINUTES });
      // Locked, then a fresh count (the record goes when the lock-out ends).
      if (failures >= MAX_FAILED_ATTEMPTS) return { value: { failures: 0, lockedUntil: lockedUntil.toMillis() }, expiresAt: lockedUntil.toISO()! };
      return { value: { failures }, ...keep };
    });
    if (wasLockedMs > 0) return locked(wasLockedMs);
    if (strikes.lockedUntil !== undefined) return locked(LOCK_MINUTES * 60_000);
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
