import { WEEKDAYS } from './scheduleSchema.js';
import { civilOf, daysInMonth, weekdayOf } from '../time/localClock.js';
import type { GroupSchedule } from './groupSchema.js';
import { dayOfIsoDate } from '../time/localDates.js';

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
