import { DateTime } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { occurrences, OCCURRENCE_KINDS, type Occurrence } from './occurrences.js';
import { nextAllowed } from './quietHours.js';
import type { ScheduleClient } from './routineOccurrences.js';
import { memoZone } from './memoZone.js';

/** What the planner needs to know about a client beyond their schedule. */
export interface ClientScheduleState extends ScheduleClient {
  /** Set once the client has agreed (replied YES); nothing is started before. */
  consentedAt?: string | undefined;
  optedOutAt?: string | undefined;
  pausedUntil?: string | undefined;
}

/** What has already happened to a client's occurrences. */
export interface Ledger {
  /** Keys of occurrences sent. */
  sent: ReadonlySet<string>;
  /** Keys of occurrences skipped for good. */
  skipped: ReadonlySet<string>;
  /** Keys of routine check-ins the client answered (their reminders are not sent). */
  answered: ReadonlySet<string>;
  /** Messages Linkwell started for the client in a local week ('2026-W48'). */
  sentInWeek(week: string): number;
}

export type SkipReason = 'window-passed' | 'opted-out' | 'paused' | 'quiet-hours' | 'weekly-cap' | 'no-consent' | 'check-in-answered' | 'check-in-not-sent';
export type WaitReason = 'no-consent' | 'paused' | 'quiet-hours';

export type Decision =
  | { occurrence: Occurrence; action: 'send' }
  | { occurrence: Occurrence; action: 'wait'; until: DateTime | null; reason: WaitReason }
  | { occurrence: Occurrence; action: 'skip'; reason: SkipReason };

function longestWindowHours(programme: Programme): number {
  return Math.max(programme.checkIn.windowHours, 24 * 7, ...programme.waves.map((w) => w.windowHours));
}

/**
 * What to do now about a client's occurrences due by `now` and not yet recorded: send, wait (and until when),
 * or skip for good (and why). A pure function of (programme, client state, ledger, now): the
 * dispatcher records each send or skip in the ledger under the occurrence's key, so re-planning
 * never decides an occurrence twice. Work deferred by quiet hours or a pause is sent at the next
 * allowed time if that is still inside its window, otherwise skipped; after downtime, what is
 * still in its window is sent and the rest recorded as missed, never a burst of stale messages.
 */
export function planDue(programme: Programme, client: ClientScheduleState, ledger: Ledger, now: DateTime): Decision[] {
  // Anything that could still be open, or has closed since and is not yet recorded.
  const since = now.minus({ hours: longestWindowHours(programme) + 24 });
  const due = occurrences(programme, client, since, now.plus({ milliseconds: 1 }))
    .filter((o) => !ledger.sent.has(o.key) && !ledger.skipped.has(o.key))
    // Within one planning instant the weekly cap keeps waves first, then routine, ending, reminders.
    .sort((a, b) => OCCURRENCE_KINDS.indexOf(a.kind) - OCCURRENCE_KINDS.indexOf(b.kind) || a.due.toMillis() - b.due.toMillis());
  const local = now.setZone(memoZone(client.timezone));
  const week = local.toFormat("kkkk-'W'WW");
  let sentThisWeek = ledger.sentInWeek(week);
  const decisions: Decision[] = [];
  for (const occurrence of due) {
    const decision = decide(programme, client, ledger, occurrence, now, local);
    if (decision.action === 'send') {
      if (sentThisWeek >= programme.weeklyCap) {
        decisions.push({ occurrence, action: 'skip', reason: 'weekly-cap' });
        continue;
      }
      sentThisWeek += 1;
    }
    decisions.push(decision);
  }
  return decisions.sort((a, b) => a.occurrence.due.toMillis() - b.occurrence.due.toMillis());
}

function decide(programme: Programme, client: ClientScheduleState, ledger: Ledger, occurrence: Occurrence, now: DateTime, local: DateTime): Decision {
  const skip = (reason: SkipReason): Decision => ({ occurrence, action: 'skip', reason });
  const wait = (reason: WaitReason, until: DateTime | null): Decision =>
    until && until >= occurrence.expiresAt ? skip(reason) : { occurrence, action: 'wait', until, reason };

  if (client.optedOutAt) return skip('opted-out');
  if (occurrence.kind === 'reminder') {
    const checkIn = `${client.id}|routine|check-in|${occurrence.item}`;
    if (ledger.answered.has(checkIn)) return skip('check-in-answered');
    if (!ledger.sent.has(checkIn)) return skip('check-in-not-sent');
  }
  if (now >= occurrence.expiresAt) return skip(client.consentedAt ? 'window-passed' : 'no-consent');
  if (!client.consentedAt) return wait('no-consent', null);
  const pausedUntil = client.pausedUntil ? DateTime.fromISO(client.pausedUntil, { zone: 'utc' }) : undefined;
  if (pausedUntil && pausedUntil > now) return wait('paused', pausedUntil);
  const allowed = nextAllowed(local, programme.quietHours);
  if (allowed > local) return wait('quiet-hours', allowed.toUTC());
  return { occurrence, action: 'send' };
}
