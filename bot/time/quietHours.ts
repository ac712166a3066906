import type { DateTime, Zone } from 'luxon';
import { DAY_MS, MINUTE_MS, dayOf, fixOffset, minuteOfDay, wallOf } from './localClock.js';

/** Local `HH:mm` range when nothing may be sent; an end before the start runs over midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

/** Whether a moment falls in quiet hours on the client's own clock (`local` carries their zone). */
export function isQuiet(local: DateTime, quiet: QuietHours): boolean {
  return isQuietAt(minuteOfDay(wallOf(local.zone, local.toMillis())), minutesOf(quiet.start), minutesOf(quiet.end));
}

/**
 * The first moment at or after `local` outside quiet hours, in the client's zone. A quiet-hours
 * end that does not exist that day (clocks going forward) is moved forward with it.
 */
export function nextAllowed(local: DateTime, quiet: QuietHours): DateTime {
  if (!local.isValid) return local;
  const ts = local.toMillis();
  const allowed = nextAllowedMs(local.zone, ts, minutesOf(quiet.start), minutesOf(quiet.end));
  return allowed === ts ? local : local.plus({ milliseconds: allowed - ts });
}

/** nextAllowed on epoch milliseconds, with quiet hours as minutes after local midnight. */
export function nextAllowedMs(zone: Zone, ts: number, start: number, end: number): number {
  const offset = zone.offset(ts);
  const wall = ts + offset * MINUTE_MS;
  if (!isQuietAt(minuteOfDay(wall), start, end)) return ts;
  // As luxon's set({ hour, minute }) and plus({ days: 1 }) resolve them, each from the offset before.
  const endToday = fixOffset(zone, dayOf(wall) * DAY_MS + end * MINUTE_MS, offset);
  if (endToday > ts) return endToday;
  const tomorrow = fixOffset(zone, wall + DAY_MS, offset);
  return fixOffset(zone, dayOf(wallOf(zone, tomorrow)) * DAY_MS + end * MINUTE_MS, zone.offset(tomorrow));
}

function isQuietAt(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Minutes after midnight of `HH:mm`. */
export function minutesOf(time: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}
