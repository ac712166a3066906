import { DateTime, type Zone } from 'luxon';
import { MINUTE_MS, daysInMonth } from './localClock.js';

// What stored clients hold: `2026-03-04T14:00:00.000Z` or `2026-03-30T10:30:00+01:00`.
const WITH_OFFSET = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d\d):(\d\d))$/;

/**
 * The epoch milliseconds of an ISO date-time, read as `DateTime.fromISO(text, { zone })` reads it
 * (NaN when it is not one). The usual forms with an offset are read here, as luxon would read
 * them, and anything else (no offset: the zone's wall clock) goes to luxon itself.
 */
export function isoInstant(text: string, zone: Zone): number {
  const m = WITH_OFFSET.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    const second = m[6] ? Number(m[6]) : 0;
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59) {
      // Luxon's parseMillis: the fraction's first three digits, rounded down.
      const millis = m[7] ? Math.floor(parseFloat(`0.${m[7]}`) * 1000) : 0;
      const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
      return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * MINUTE_MS;
    }
  }
  return DateTime.fromISO(text, { zone }).toMillis();
}
