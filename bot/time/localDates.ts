import { z } from 'zod';
import { daysInMonth, dayNumberOf } from './localClock.js';

/** The day number (days since 1970-01-01) of a local date written `yyyy-MM-dd`, or null if there is no such date. */
export function dayOfIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

/** A calendar date in the group's own zone, `yyyy-MM-dd`. */
export const localDate = z.string().refine((text) => dayOfIsoDate(text) !== null, {
  error: (issue) => `expected a date as yyyy-MM-dd, got ${String(issue.input)}`,
});

/** A local date and wall-clock time, `yyyy-MM-ddTHH:mm`. */
export const localDateTime = z.string().refine(
  (text) => {
    const m = /^(.{10})T([01]\d|2[0-3]):[0-5]\d$/.exec(text);
    return m !== null && dayOfIsoDate(m[1]!) !== null;
  },
  { error: (issue) => `expected a date and time as yyyy-MM-ddTHH:mm, got ${String(issue.input)}` },
);
