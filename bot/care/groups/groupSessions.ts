import { DateTime } from 'luxon';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayOf, firstInstantAt, isoDateOf, wallOf, weekdayOf } from '../../time/localClock.js';
import { memoZone } from '../../time/memoZone.js';
import type { Group } from '../../config/groupSchema.js';
import { dayOfIsoDate } from '../../time/localDates.js';
import { meetsOn, scheduleWeekday } from '../../config/sessionDays.js';

/** One meeting of a group. */
export interface GroupSession {
  /** Stable across restarts and re-plans: the group and the local date and time as scheduled, `walk|2026-12-03T10:00`. */
  key: string;
  /** In the group's zone. */
  start: DateTime;
  end: DateTime;
}

/**
 * The sessions of a group that start from `from` (inclusive) to `to` (exclusive), in time order.
 * Pure. `zone` is the programme's, used unless the group has its own. Times stay local across
 * daylight-saving changes: 10:00 stays 10:00; a time the clocks skip moves forward by the gap; a
 * time that happens twice happens once, the first time. Start and end dates and cancelled dates
 * are honoured; a paused or closed group has no sessions, a full one still meets.
 */
export function groupSessions(group: Group, zone: string, from: DateTime, to: DateTime): GroupSession[] {
  if (group.status === 'paused' || group.status === 'closed') return [];
  const tz = memoZone(group.timezone ?? zone);
  const fromMs = from.toMillis();
  const toMs = to.toMillis();
  if (!(fromMs < toMs)) return [];
  const startDay = group.startDate === undefined ? -Infinity : dayOfIsoDate(group.startDate)!;
  const endDay = group.endDate === undefined ? Infinity : dayOfIsoDate(group.endDate)!;
  const cancelled = new Set(group.cancelled);
  const durationMs = group.durationMinutes * MINUTE_MS;
  const sessions: GroupSession[] = [];
  const add = (day: number, time: string) => {
    const date = isoDateOf(day);
    if (day < startDay || day > endDay || cancelled.has(date)) return;
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    const at = firstInstantAt(tz, day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS);
    if (at < fromMs || at >= toMs) return;
    sessions.push({
      key: `${group.id}|${date}T${time}`,
      start: DateTime.fromMillis(at, { zone: tz }),
      end: DateTime.fromMillis(at + durationMs, { zone: tz }),
    });
  };

  const { schedule } = group;
  if (schedule.kind === 'dates') {
    for (const session of schedule.sessions) add(dayOfIsoDate(session.slice(0, 10))!, session.slice(11));
    return sessions.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.key.localeCompare(b.key));
  }
  // Local days from the day before `from` (clocks going forward can push a late session past
  // midnight) to the day of `to`, clipped to the group's own dates, on the group's weekday.
  const first = Math.max(dayOf(wallOf(tz, fromMs)) - 1, startDay);
  const last = Math.min(dayOf(wallOf(tz, toMs)), endDay);
  const weekday = scheduleWeekday(schedule);
  for (let day = first + ((weekday - weekdayOf(first) + 7) % 7); day <= last; day += 7) {
    if (meetsOn(schedule, day)) add(day, schedule.time);
  }
  return sessions;
}
