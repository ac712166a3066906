import type { DateTime } from 'luxon';
import type { Programme } from '../../config/programmeSchema.js';
import { WEEKDAYS } from '../../config/scheduleSchema.js';

/** The programme's working hours, read in its own zone. */
export type WorkingHours = Pick<Programme, 'timezone' | 'workingHours'>;

/** A message this close to the end of the working day is promised for the next one, not "today". */
const LATE_IN_THE_DAY_MINUTES = 30;

/** Whether staff are at work at `at`, by the programme's working hours in its own zone. */
export function isWorkingTime(programme: WorkingHours, at: DateTime): boolean {
  const local = at.setZone(programme.timezone);
  const { days, start, end } = programme.workingHours;
  const time = local.toFormat('HH:mm');
  return days.includes(WEEKDAYS[local.weekday - 1]!) && time >= start && time < end;
}

/** The start of the next working period after `at`. */
export function nextWorkingStart(programme: WorkingHours, at: DateTime): DateTime {
  const [hour, minute] = hoursAndMinutes(programme.workingHours.start);
  let day = at.setZone(programme.timezone).startOf('day');
  for (let i = 0; i < 8; i += 1, day = day.plus({ days: 1 })) {
    const start = day.set({ hour, minute });
    if (start > at && programme.workingHours.days.includes(WEEKDAYS[start.weekday - 1]!)) return start.toUTC();
  }
  return at;
}

/** When the working day `at` falls in ends; undefined when `at` is out of hours. */
export function workingDayEnd(programme: WorkingHours, at: DateTime): DateTime | undefined {
  if (!isWorkingTime(programme, at)) return undefined;
  const [hour, minute] = hoursAndMinutes(programme.workingHours.end);
  return at.setZone(programme.timezone).set({ hour, minute, second: 0, millisecond: 0 }).toUTC();
}

/** The start of the `n`th working day after the one `at` falls in (out of hours: the `n`th start after `at`). */
export function workingDaysAfter(programme: WorkingHours, at: DateTime, n: number): DateTime {
  let next = at;
  for (let i = 0; i < n; i += 1) next = nextWorkingStart(programme, next);
  return next;
}

/**
 * When staff will see a message that arrives at `at`, in a client's words: "today", "tomorrow",
 * "on Monday", or "on Monday 4 January" a week or more ahead. In the last half hour of the working
 * day it is the next working day: nobody should be promised "today" at five to five.
 */
export function whenStaffSee(programme: WorkingHours, at: DateTime): string {
  const end = workingDayEnd(programme, at);
  if (end && end.diff(at).as('minutes') >= LATE_IN_THE_DAY_MINUTES) return 'today';
  const from = end ?? at;
  const next = nextWorkingStart(programme, from).setZone(programme.timezone).setLocale('en-GB');
  const today = at.setZone(programme.timezone).startOf('day');
  const days = Math.round(next.startOf('day').diff(today, 'days').days);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return days < 7 ? `on ${next.toFormat('cccc')}` : `on ${next.toFormat('cccc d LLLL')}`;
}

function hoursAndMinutes(time: string): [number, number] {
  return time.split(':').map(Number) as [number, number];
}
