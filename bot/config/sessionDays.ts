import { z } from 'zod';
import { localTime, WEEKDAYS, weekday } from './scheduleSchema.js';
import { civilOf, daysInMonth, weekdayOf } from '../time/localClock.js';
import { dayOfIsoDate, localDate, localDateTime } from '../time/localDates.js';

/** When a group meets, in its local time: every week, every other week, a week of each month, or on listed dates. */
export const groupScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekly'), day: weekday, time: localTime }),
  /** `from` is the date of a first session: the fortnights count from it, and none come before it. */
  z.strictObject({ kind: z.literal('fortnightly'), day: weekday, time: localTime, from: localDate }),
  /** "First Thursday" is `{ week: 1, day: 'thursday' }`; "last Friday" `{ week: 'last', day: 'friday' }`. */
  z.strictObject({
    kind: z.literal('monthly'),
    week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')], {
      error: 'expected 1, 2, 3, 4 or "last"',
    }),
    day: weekday,
    time: localTime,
  }),
  /** One-off sessions, each a local date and time. */
  z.strictObject({ kind: z.literal('dates'), sessions: z.array(localDateTime).min(1, 'give at least one session') }),
]);
export type GroupSchedule = z.infer<typeof groupScheduleSchema>;

/** The ISO weekday (1 Monday to 7 Sunday) a recurring schedule meets on. */
export function scheduleWeekday(schedule: Exclude<GroupSchedule, { kind: 'dates' }>): number {
  return WEEKDAYS.indexOf(schedule.day) + 1;
}

/**
 * Whether a recurring schedule meets on a local day (a day number), before start and end dates
 * and cancellations are applied: the right weekday, and for a fortnightly group an even number of
 * weeks on from its first session; for a monthly one, the right week of the month.
 */
export function meetsOn(schedule: Exclude<GroupSchedule, { kind: 'dates' }>, day: number): boolean {
  if (weekdayOf(day) !== scheduleWeekday(schedule)) return false;
  switch (schedule.kind) {
    case 'weekly':
      return true;
    case 'fortnightly': {
      const from = dayOfIsoDate(schedule.from);
      return from !== null && day >= from && (day - from) % 14 === 0;
    }
    case 'monthly': {
      const date = civilOf(day);
      if (schedule.week === 'last') return date.day + 7 > daysInMonth(date.year, date.month);
      return Math.ceil(date.day / 7) === schedule.week;
    }
  }
}
