import { Duration, type Zone } from 'luxon';

// Calendar arithmetic on epoch milliseconds, the way luxon does it inside, without building a
// DateTime for every step (which was nearly all of the planner's time). A "wall" number is a
// local date and time written as if it were UTC (Date.UTC of the local fields): calendar steps
// are plain additions on it, and an instant is a wall minus the zone's offset at that instant.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The wall clock of an instant in a zone. */
export function wallOf(zone: Zone, ts: number): number {
  return ts + zone.offset(ts) * MINUTE_MS;
}

/** The day number (days since 1970-01-01) of a wall clock. */
export function dayOf(wall: number): number {
  return Math.floor(wall / DAY_MS);
}

/** ISO weekday of a day number: 1 is Monday, 7 is Sunday. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Minutes since local midnight of a wall clock. */
export function minuteOfDay(wall: number): number {
  return Math.floor((wall - dayOf(wall) * DAY_MS) / MINUTE_MS);
}

/**
 * The instant for a wall clock as luxon resolves it from a guessed offset (its `fixOffset`): a
 * time that does not exist (clocks going forward) moves forward by the gap; of a time that
 * happens twice, the one the guess points at.
 */
export function fixOffset(zone: Zone, wall: number, guess: number): number {
  const o2 = zone.offset(wall - guess * MINUTE_MS);
  if (o2 === guess) return wall - guess * MINUTE_MS;
  const o3 = zone.offset(wall - o2 * MINUTE_MS);
  if (o3 === o2) return wall - o2 * MINUTE_MS;
  return wall - Math.min(o2, o3) * MINUTE_MS;
}

/** Of an instant whose wall time happens twice (clocks going back), the first; any other as it is. */
export function earliestSame(zone: Zone, ts: number): number {
  const before = zone.offset(ts - 3 * HOUR_MS);
  const after = zone.offset(ts + 3 * HOUR_MS);
  if (before <= after) return ts;
  const earlier = ts - (before - after) * MINUTE_MS;
  return minuteOfDay(wallOf(zone, earlier)) === minuteOfDay(wallOf(zone, ts)) ? earlier : ts;
}

/**
 * The first instant a zone's clock shows `wall`; a wall time it never shows (clocks going forward)
 * moves forward by the gap. The same as luxon's fromObject followed by firstInstant.
 */
export function firstInstantAt(zone: Zone, wall: number): number {
  return earliestSame(zone, fixOffset(zone, wall, zone.offset(wall)));
}

/** Luxon's `plus({ months })` on a wall clock: the same day of the month, or the month's last. */
export function plusMonthsWall(wall: number, months: number): number {
  const day = dayOf(wall);
  const date = civilOf(day);
  const monthIndex = date.year * 12 + date.month - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return (dayNumberOf(year, month, Math.min(date.day, daysInMonth(year, month))) - day) * DAY_MS + wall;
}

/** The calendar date of a day number (Howard Hinnant's civil_from_days). */
export function civilOf(day: number): { year: number; month: number; day: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** The day number of a calendar date (days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** A day number as `yyyy-LL-dd`. */
export function isoDateOf(day: number): string {
  const date = civilOf(day);
  return `${String(date.year).padStart(4, '0')}-${TWO_DIGITS[date.month]}-${TWO_DIGITS[date.day]}`;
}

/** A wall clock as an occurrence key writes it, `yyyy-LL-ddTHH:mm`. */
export function stampOf(wall: number): string {
  const minute = minuteOfDay(wall);
  return `${isoDateOf(dayOf(wall))}T${TWO_DIGITS[Math.floor(minute / 60)]}:${TWO_DIGITS[minute % 60]}`;
}

/** The ISO week of a wall clock, as luxon's `kkkk-'W'WW` writes it ('2026-W48'). */
export function isoWeekOf(wall: number): string {
  const day = dayOf(wall);
  const thursday = day - weekdayOf(day) + 4;
  const { year } = civilOf(thursday);
  const week = Math.floor((thursday - dayNumberOf(year, 1, 1)) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${TWO_DIGITS[week]}`;
}

const hourLengths = new Map<number, number>();

/** Milliseconds in a number of hours, exactly as luxon's `plus({ hours })` adds them (fractions included). */
export function hoursMs(hours: number): number {
  let ms = hourLengths.get(hours);
  if (ms === undefined) {
    ms = Duration.fromObject({ hours }).as('milliseconds');
    hourLengths.set(hours, ms);
  }
  return ms;
}
