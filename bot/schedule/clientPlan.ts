import { LRUCache } from 'lru-cache';
import type { Programme } from '../config/programmeSchema.js';
import { fixedDates, type FixedDates } from './fixedDates.js';
import { isoInstant } from '../time/isoInstant.js';
import { memoZone } from '../time/memoZone.js';
import type { PlannedOccurrence } from './planned.js';
import { routineRule, type RoutineRule, type ScheduleClient } from './routineOccurrences.js';

/**
 * A client's schedule worked out once (their routine rule and fixed dates), with what planDue
 * last found due. One flat object: with 100,000 clients each pointer followed is a cache miss.
 */
export interface ClientPlan extends RoutineRule, FixedDates {
  /** What it was worked out from: anything else is worked out afresh. */
  programme: Programme;
  enrolledAt: string;
  timezone: string;
  preferredDay: string | undefined;
  preferredTime: string | undefined;
  /** The occurrences due in [windowFrom, windowTo), kept while planDue asks inside that span. */
  windowFrom: number;
  windowTo: number;
  windowPlanned: readonly PlannedOccurrence[];
}

// The scheduler asks only about clients whose work is due (ClientAttention), and a client's
// schedule only changes with their enrolment, zone, day or time, or the programme. Room for the
// clients of a busy hour (under 1 KB each with what was last due), so memory does not grow with the
// whole caseload; past that the least recent is worked out again (~20 us).
const MAX_CLIENTS = 10_000;
const plans = new LRUCache<string, ClientPlan>({ max: MAX_CLIENTS });

/** The schedule of a client under a programme, remembered while neither changes. */
export function clientPlan(programme: Programme, client: ScheduleClient): ClientPlan {
  const cached = plans.get(client.id);
  if (
    cached !== undefined &&
    cached.programme === programme &&
    cached.enrolledAt === client.enrolledAt &&
    cached.timezone === client.timezone &&
    cached.preferredDay === client.preferredDay &&
    cached.preferredTime === client.preferredTime
  ) {
    return cached;
  }
  const zone = memoZone(client.timezone);
  const rule = routineRule(programme.checkIn, client, zone, isoInstant(client.enrolledAt, zone));
  const { due, routineEndMs } = fixedDates(programme, rule);
  // Written out rather than spread: every plan then has the same shape, and is quick to read.
  const plan: ClientPlan = {
    zone,
    enrolledMs: rule.enrolledMs,
    time: rule.time,
    clockMs: rule.clockMs,
    cadence: rule.cadence,
    weekday: rule.weekday,
    weekdayBits: rule.weekdayBits,
    enrolledMonday: rule.enrolledMonday,
    due,
    routineEndMs,
    programme,
    enrolledAt: client.enrolledAt,
    timezone: client.timezone,
    preferredDay: client.preferredDay,
    preferredTime: client.preferredTime,
    windowFrom: 0,
    windowTo: 0,
    windowPlanned: [],
  };
  plans.set(client.id, plan);
  return plan;
}
