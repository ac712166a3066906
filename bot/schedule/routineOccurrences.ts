import { DateTime, type Zone } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { WEEKDAYS, type Weekday } from '../config/scheduleSchema.js';
import { isoInstant } from '../time/isoInstant.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, civilOf, dayOf, earliestSame, firstInstantAt, isoDateOf, wallOf, weekdayOf } from '../time/localClock.js';
import { memoZone } from '../time/memoZone.js';

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

/** A client's routine check-in rule, read once: when and how often, in which zone, from when. */
export interface RoutineRule {
  zone: Zone;
  enrolledMs: number;
  /** The local time as written ('10:00'), and as milliseconds after midnight. */
  time: string;
  clockMs: number;
  cadence: 'weekly' | 'fortnightly' | 'monthly' | 'weekdays';
  /** The ISO weekday (1 Monday to 7 Sunday; 0 none) for every cadence but a list of weekdays. */
  weekday: number;
  /** For a list of weekdays: which ISO weekdays, as bits (1 << weekday). */
  weekdayBits: number;
  /** Day number of the Monday of the week of enrolment, from which fortnights count. */
  enrolledMonday: number;
}

/** A routine check-in: the instant it is due and the local day (number) it belongs to. */
export interface RoutineSlot {
  at: number;
  day: number;
}

/** A client's routine rule from the programme's schedule and their own day and time. */
export function routineRule(schedule: RoutineSchedule, client: ScheduleClient, zone: Zone, enrolledMs: number): RoutineRule {
  const time = client.preferredTime ?? schedule.time;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const cadence = schedule.cadence;
  const enrolledDay = dayOf(wallOf(zone, enrolledMs));
  return {
    zone,
    enrolledMs,
    time,
    clockMs: hour * HOUR_MS + minute * MINUTE_MS,
    cadence: typeof cadence === 'object' ? 'weekdays' : cadence,
    weekday: WEEKDAYS.indexOf(client.preferredDay ?? schedule.day) + 1,
    weekdayBits: typeof cadence === 'object' ? cadence.weekdays.reduce((bits, day) => bits | (1 << (WEEKDAYS.indexOf(day) + 1)), 0) : 0,
    enrolledMonday: enrolledDay - weekdayOf(enrolledDay) + 1,
  };
}

/**
 * The routine check-ins due from `from` (inclusive) to `to` (exclusive), epoch milliseconds, in
 * time order; see routineOccurrences.
 */
export function routineSlots(rule: RoutineRule, from: number, to: number): RoutineSlot[] {
  const { zone, enrolledMs } = rule;
  const slots: RoutineSlot[] = [];
  const everyDay = rule.cadence === 'weekdays';
  if (!everyDay && rule.weekday === 0) return slots;
  // Local days from the day before the later of enrolment and `from` (an earlier day's time
  // would come before both) to the day of `to`, at most one check-in a day.
  const first = dayOf(wallOf(zone, Math.max(enrolledMs, from))) - 1;
  const last = dayOf(wallOf(zone, to));
  let day = everyDay ? first : first + ((rule.weekday - weekdayOf(first) + 7) % 7);
  for (; day <= last; day += everyDay ? 1 : 7) {
    if (!isScheduledDay(rule, day)) continue;
    const at = firstInstantAt(zone, day * DAY_MS + rule.clockMs);
    if (at <= enrolledMs || at < from || at >= to) continue;
    slots.push({ at, day });
  }
  return slots;
}

function isScheduledDay(rule: RoutineRule, day: number): boolean {
  switch (rule.cadence) {
    case 'weekdays':
      return (rule.weekdayBits & (1 << weekdayOf(day))) !== 0;
    case 'weekly':
      return true;
    case 'monthly':
      return civilOf(day).day <= 7;
    case 'fortnightly':
      // Every other week, counted from the week of enrolment.
      return ((day - weekdayOf(day) + 1 - rule.enrolledMonday) / 7) % 2 === 1;
  }
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
  const rule = routineRule(schedule, client, zone, isoInstant(client.enrolledAt, zone));
  return routineSlots(rule, from.toMillis(), to.toMillis()).map(({ at, day }) => {
    const local = DateTime.fromMillis(at, { zone });
    return {
      key: `${client.id}|routine|${isoDateOf(day)}T${rule.time}`,
      due: local.toUTC(),
      local,
      expiresAt: local.plus({ hours: schedule.windowHours }).toUTC(),
    };
  });
}

/** Of a wall-clock time that happens twice (clocks going back), the first; any other time as it is. */
export function firstInstant(local: DateTime): DateTime {
  if (!local.isValid) return local;
  const ts = local.toMillis();
  const first = earliestSame(local.zone, ts);
  return first === ts ? local : local.minus({ milliseconds: ts - first });
}
