import { DateTime } from 'luxon';

/** How long ago, as staff say it: "just now", "12 min ago", "3 h 5 min ago", "4 days ago". */
export function ago(then: DateTime, now: DateTime): string {
  const minutes = Math.floor(now.diff(then, 'minutes').minutes);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 || hours >= 12 ? `${hours} h ago` : `${hours} h ${rest} min ago`;
  }
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** An instant as staff read it in the programme's zone: "Tue 1 Dec 2026, 11:00". */
export function localTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('ccc d LLL yyyy, HH:mm');
}

/** A day as staff read it in the programme's zone: "1 Dec 2026". */
export function localDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('d LLL yyyy');
}
