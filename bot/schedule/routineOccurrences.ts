import { DateTime } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { WEEKDAYS, type Weekday } from '../config/scheduleSchema.js';
import { memoZone } from './memoZone.js';

type RoutineSchedule = Programme['checkIn'];

/** What the planner needs to know about a client. */
export interface ScheduleClient {
  id: string;
  timezone: string;
  /** When the client joined: the first routine check-in is the first one after it. */
  enrolledAt: string;
  /** The client's own day and time, overriding the programme's. */
  preferredDay?: Weekday | undefined;
  preferredTime?: string | undefined;
}

/** One planned routine check-in. */
export interface RoutineOccurrence {
  /** Stable across restarts and re-plans: client, schedule item and local date and time. */
  key: string;
  /** The moment it is due (UTC) and the same moment on the client's clock. */
  due: DateTime;
  local: DateTime;
  /** After this it is missed. */
  expiresAt: DateTime;
}

/**
 * The routine check-ins due for a client from `from` (inclusive) to `to` (exclusive), in time
 * order. Pure: the same inputs always give the same occurrences and keys. Times are kept in the
 * client's zone across daylight-saving changes: Monday 10:00 stays 10:00 local; a time that does
 * not exist that day (clocks going forward) moves forward by the gap; a time that happens twice
 * (clocks going back) happens once, the first time.
 */
export function routineOccurrences(schedule: RoutineSchedule, client: ScheduleClient, from: DateTime, to: DateTime): RoutineOccurrence[] {
  const zone = memoZone(client.timezone);
  const enrolled = DateTime.fromISO(client.enrolledAt, { zone });
  const time = client.preferredTime ?? schedule.time;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const occurrences: RoutineOccurrence[] = [];
  // Local calendar days from enrolment, at most one occurrence a day: every day for a list of
  // weekdays, otherwise only the one weekday, a week apart.
  const first = DateTime.max(enrolled, from.setZone(zone).minus({ days: 1 })).startOf('day');
  const last = to.setZone(zone).endOf('day');
  const cadence = schedule.cadence;
  const everyDay = typeof cadence === 'object';
  const target = WEEKDAYS.indexOf(client.preferredDay ?? schedule.day) + 1;
  const step = everyDay ? { days: 1 } : { weeks: 1 };
  let day = everyDay ? first : first.plus({ days: (target - first.weekday + 7) % 7 });
  for (; day <= last; day = day.plus(step)) {
    if (!isScheduledDay(schedule, client, enrolled, day)) continue;
    const local = firstInstant(DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }));
    if (local <= enrolled || local < from || local >= to) continue;
    occurrences.push({
      key: `${client.id}|routine|${day.toISODate()}T${time}`,
      due: local.toUTC(),
      local,
      expiresAt: local.plus({ hours: schedule.windowHours }).toUTC(),
    });
  }
  return occurrences;
}

/** Of a wall-clock time that happens twice (clocks going back), the first; any other time as it is. */
export function firstInstant(local: DateTime): DateTime {
  const before = local.minus({ hours: 3 }).offset;
  const after = local.plus({ hours: 3 }).offset;
  if (before <= after) return local;
  const earlier = local.minus({ minutes: before - after });
  return earlier.hour === local.hour && earlier.minute === local.minute ? earlier : local;
}

function isScheduledDay(schedule: RoutineSchedule, client: ScheduleClient, enrolled: DateTime, day: DateTime): boolean {
  const weekday = WEEKDAYS[day.weekday - 1]!;
  const cadence = schedule.cadence;
  if (typeof cadence === 'object') return cadence.weekdays.includes(weekday);
  if (weekday !== (client.preferredDay ?? schedule.day)) return false;
  if (cadence === 'weekly') return true;
  if (cadence === 'monthly') return day.day <= 7;
  // Fortnightly: every other week, counted from the week of enrolment.
  const weeks = Math.floor(day.startOf('week').diff(enrolled.startOf('week'), 'weeks').weeks + 0.5);
  return weeks % 2 === 1;
}
