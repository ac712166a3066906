import type { DateTime } from 'luxon';

/** Local `HH:mm` range when nothing may be sent; an end before the start runs over midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

/** Whether a moment falls in quiet hours on the client's own clock (`local` carries their zone). */
export function isQuiet(local: DateTime, quiet: QuietHours): boolean {
  const now = local.toFormat('HH:mm');
  return quiet.start < quiet.end ? now >= quiet.start && now < quiet.end : now >= quiet.start || now < quiet.end;
}

/**
 * The first moment at or after `local` outside quiet hours, in the client's zone. A quiet-hours
 * end that does not exist that day (clocks going forward) is moved forward with it.
 */
export function nextAllowed(local: DateTime, quiet: QuietHours): DateTime {
  if (!isQuiet(local, quiet)) return local;
  const [hour, minute] = quiet.end.split(':').map(Number) as [number, number];
  const endToday = local.set({ hour, minute, second: 0, millisecond: 0 });
  return endToday > local ? endToday : local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
}
