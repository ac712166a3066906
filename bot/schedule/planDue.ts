import { type DateTime, FixedOffsetZone, type Zone } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { clientPlan } from './clientPlan.js';
import { isoInstant } from '../time/isoInstant.js';
import { isoWeekOf, wallOf } from '../time/localClock.js';
import { toOccurrence, utcDateTime, type Occurrence } from './occurrences.js';
import { plannedAround, type PlannedOccurrence } from './plannedOccurrences.js';
import { programmePlan, type ProgrammePlan } from './programmePlan.js';
import { nextAllowedMs } from '../time/quietHours.js';
import type { ScheduleClient } from './routineOccurrences.js';

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

export type SkipReason =
  | 'window-passed'
  | 'opted-out'
  | 'paused'
  | 'quiet-hours'
  | 'weekly-cap'
  | 'no-consent'
  | 'check-in-answered'
  | 'check-in-not-sent'
  | 'wave-just-asked';

/** A routine check-in this soon after a measurement wave was sent is not sent: the wave asked the same and more. */
const AFTER_WAVE_MS = 3 * 24 * 3_600_000;
export type WaitReason = 'no-consent' | 'paused' | 'quiet-hours';

export type Decision =
  | { occurrence: Occurrence; action: 'send' }
  | { occurrence: Occurrence; action: 'wait'; until: DateTime | null; reason: WaitReason }
  | { occurrence: Occurrence; action: 'skip'; reason: SkipReason };

const UTC = FixedOffsetZone.utcInstance;

/**
 * What to do now about a client's occurrences due by `now` and not yet recorded: send, wait (and until when),
 * or skip for good (and why). A pure function of (programme, client state, ledger, now): the
 * dispatcher records each send or skip in the ledger under the occurrence's key, so re-planning
 * never decides an occurrence twice. Work deferred by quiet hours or a pause is sent at the next
 * allowed time if that is still inside its window, otherwise skipped; after downtime, what is
 * still in its window is sent and the rest recorded as missed, never a burst of stale messages.
 */
export function planDue(programme: Programme, client: ClientScheduleState, ledger: Ledger, now: DateTime): Decision[] {
  const plan = programmePlan(programme);
  const schedule = clientPlan(programme, client);
  const nowMs = now.toMillis();
  // Anything that could still be open, or has closed since and is not yet recorded.
  const from = nowMs - plan.lookBackMs;
  const to = nowMs + 1;
  const due: PlannedOccurrence[] = [];
  for (const planned of plannedAround(plan, schedule, client.id, from, to)) {
    if (planned.dueMs >= from && planned.dueMs < to && !ledger.sent.has(planned.key) && !ledger.skipped.has(planned.key)) due.push(planned);
  }
  if (due.length === 0) return [];
  // Within one planning instant the weekly cap keeps waves first, then routine, ending, reminders.
  due.sort((a, b) => a.rank - b.rank || a.dueMs - b.dueMs);
  const moment = zoneMoment(plan, schedule.zone, nowMs);
  let sentThisWeek = ledger.sentInWeek(moment.week);
  const decisions: Decision[] = [];
  for (const planned of due) {
    const decision = decide(client, ledger, planned, nowMs, moment);
    if (decision.action === 'send') {
      if (sentThisWeek >= programme.weeklyCap) {
        decisions.push(skip(decision.occurrence, 'weekly-cap'));
        continue;
      }
      sentThisWeek += 1;
    }
    decisions.push(decision);
  }
  return decisions.sort((a, b) => a.occurrence.due.toMillis() - b.occurrence.due.toMillis());
}

/** What every client in a zone shares at one instant: their local week, and when quiet hours let messages go. */
interface ZoneMoment {
  plan: ProgrammePlan;
  now: number;
  week: string;
  allowed: number;
}

// A planning pass asks the same of thousands of clients in a few zones: keep each zone's last answer.
const moments = new Map<Zone, ZoneMoment>();

function zoneMoment(plan: ProgrammePlan, zone: Zone, now: number): ZoneMoment {
  let moment = moments.get(zone);
  if (moment?.now !== now || moment.plan !== plan) {
    const allowed = nextAllowedMs(zone, now, plan.quietStart, plan.quietEnd);
    moment = { plan, now, week: isoWeekOf(wallOf(zone, now)), allowed };
    moments.set(zone, moment);
  }
  return moment;
}

function decide(client: ClientScheduleState, ledger: Ledger, planned: PlannedOccurrence, now: number, moment: ZoneMoment): Decision {
  const occurrence = toOccurrence(planned);
  if (client.optedOutAt) return skip(occurrence, 'opted-out');
  if (planned.kind === 'reminder') {
    const checkIn = `${client.id}|routine|check-in|${planned.item}`;
    if (ledger.answered.has(checkIn)) return skip(occurrence, 'check-in-answered');
    if (!ledger.sent.has(checkIn)) return skip(occurrence, 'check-in-not-sent');
  }
  if (planned.kind === 'routine' && waveSentBefore(ledger, planned.key)) return skip(occurrence, 'wave-just-asked');
  if (now >= planned.expiresMs) return skip(occurrence, client.consentedAt ? 'window-passed' : 'no-consent');
  if (!client.consentedAt) return { occurrence, action: 'wait', until: null, reason: 'no-consent' };
  const pausedUntil = client.pausedUntil ? isoInstant(client.pausedUntil, UTC) : NaN;
  if (pausedUntil > now) return waitUntil(occurrence, planned, 'paused', pausedUntil);
  if (moment.allowed > now) return waitUntil(occurrence, planned, 'quiet-hours', moment.allowed);
  return { occurrence, action: 'send' };
}

/**
 * Whether a measurement wave was sent in the three days up to a routine check-in (keys carry the
 * client's local date and time, `…|wave|baseline|2026-11-30T09:00`, so they compare as wall times).
 */
function waveSentBefore(ledger: Ledger, routineKey: string): boolean {
  const routineAt = Date.parse(`${routineKey.slice(routineKey.lastIndexOf('|') + 1)}Z`);
  for (const key of ledger.sent) {
    if (!key.includes('|wave|')) continue;
    const waveAt = Date.parse(`${key.slice(key.lastIndexOf('|') + 1)}Z`);
    if (waveAt <= routineAt && routineAt - waveAt < AFTER_WAVE_MS) return true;
  }
  return false;
}

function skip(occurrence: Occurrence, reason: SkipReason): Decision {
  return { occurrence, action: 'skip', reason };
}

/** Wait until a known time, or skip for good when the occurrence's window will have closed by then. */
function waitUntil(occurrence: Occurrence, planned: PlannedOccurrence, reason: WaitReason, until: number): Decision {
  return until >= planned.expiresMs ? skip(occurrence, reason) : { occurrence, action: 'wait', until: utcDateTime(until), reason };
}
