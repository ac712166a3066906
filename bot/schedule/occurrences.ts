import { DateTime } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { clientPlan } from './clientPlan.js';
import { plannedBetween, type PlannedOccurrence } from './plannedOccurrences.js';
import { programmePlan } from './programmePlan.js';
import type { ScheduleClient } from './routineOccurrences.js';

import type { OccurrenceKind } from './planned.js';

export { OCCURRENCE_KINDS, type OccurrenceKind } from './planned.js';

/** One message Linkwell plans to start, whether or not it will be sent. */
export interface Occurrence {
  /** Stable: client, schedule item and local date and time. The same occurrence always has the same key. */
  key: string;
  kind: OccurrenceKind;
  /** The wave's id, the ending message ('notice-4w', 'goodbye', 'follow-up'), or the check-in a reminder is for. */
  item: string;
  due: DateTime;
  expiresAt: DateTime;
}

/**
 * Every occurrence for a client due in [from, to): routine check-ins, measurement waves, the
 * ending notices, goodbye and monthly follow-ups, and reminders of routine check-ins. Pure.
 */
export function occurrences(programme: Programme, client: ScheduleClient, from: DateTime, to: DateTime): Occurrence[] {
  return plannedBetween(programmePlan(programme), clientPlan(programme, client), client.id, from.toMillis(), to.toMillis()).map(toOccurrence);
}

/** The occurrence, with its instants as luxon DateTimes in UTC. */
export function toOccurrence(planned: PlannedOccurrence): Occurrence {
  const { key, kind, item } = planned;
  return { key, kind, item, due: utcDateTime(planned.dueMs), expiresAt: utcDateTime(planned.expiresMs) };
}

// Building a DateTime is most of what a planning pass still costs (~0.7 us and ~700 B each), and
// most clients share their due instants (Monday 10:00 in their zone): DateTimes are immutable, so
// the same one can be handed to all of them. Cleared when full rather than ordered: it refills in a pass.
const IN_UTC = Object.freeze({ zone: 'utc' });
const MAX_INSTANTS = 20_000;
const instants = new Map<number, DateTime>();

/** The instant as a luxon DateTime in UTC, shared between callers. */
export function utcDateTime(ms: number): DateTime {
  let dateTime = instants.get(ms);
  if (dateTime === undefined) {
    if (instants.size >= MAX_INSTANTS) instants.clear();
    dateTime = DateTime.fromMillis(ms, IN_UTC);
    instants.set(ms, dateTime);
  }
  return dateTime;
}
