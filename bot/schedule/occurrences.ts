import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import { firstInstant, routineOccurrences, type ScheduleClient } from './routineOccurrences.js';
import { memoZone } from './memoZone.js';

/** What a planned message is, in the order the weekly cap keeps them (first kept first). */
export const OCCURRENCE_KINDS = ['wave', 'routine', 'ending', 'reminder'] as const;
export type OccurrenceKind = (typeof OCCURRENCE_KINDS)[number];

/** One message Linkwell plans to start, whether or not it will be sent. */
export interface Occurrence {
  /** Stable: client, schedule item and local date and time. The same occurrence always has the same key. */
  key: string;
  kind: OccurrenceKind;
  /** The wave's id, the ending message ('notice-4w', 'goodbye', 'follow-up'), or the check-in a reminder is for. */
  item: string;
  due: DateTime;
  expiresAt: DateTime;
}

/**
 * Every occurrence for a client due in [from, to): routine check-ins, measurement waves, the
 * ending notices, goodbye and monthly follow-ups, and reminders of routine check-ins. Pure.
 */
export function occurrences(programme: Programme, client: ScheduleClient, from: DateTime, to: DateTime): Occurrence[] {
  const end = DateTime.fromISO(client.enrolledAt, { zone: memoZone(client.timezone) }).plus({ weeks: programme.lengthWeeks });
  const all: Occurrence[] = fixedOccurrences(programme, client).filter((o) => o.due >= from && o.due < to);
  const add = occurrenceAdder(client, all);
  const routine = routineOccurrences(programme.checkIn, client, from.minus({ hours: programme.checkIn.windowHours }), to);
  for (const r of routine) {
    // Routine check-ins run for the programme's length; after it, only follow-ups.
    if (r.local >= end.startOf('day')) continue;
    if (r.due >= from) add('routine', 'check-in', r.local, programme.checkIn.windowHours);
    for (const reminder of programme.checkIn.reminders) {
      add('reminder', r.key.split('|').at(-1)!, r.local.plus({ hours: reminder.afterHours }), programme.checkIn.windowHours - reminder.afterHours);
    }
  }
  return all.filter((o) => o.due >= from && o.due < to).sort((a, b) => a.due.toMillis() - b.due.toMillis() || rank(a) - rank(b));
}

function occurrenceAdder(client: ScheduleClient, into: Occurrence[]) {
  return (kind: OccurrenceKind, item: string, due: DateTime, windowHours: number) =>
    into.push({ key: `${client.id}|${kind}|${item}|${due.toFormat("yyyy-LL-dd'T'HH:mm")}`, kind, item, due: due.toUTC(), expiresAt: due.plus({ hours: windowHours }).toUTC() });
}

// The waves and ending messages of a client never change while their enrolment, zone and time do
// not, and the planner asks for them every few minutes: work them out once.
// Kept with the programme it was made from: a changed programme is worked out afresh.
const fixedCache = new LRUCache<string, { programme: Programme; occurrences: Occurrence[] }>({ max: 20_000 });

/** Waves, ending notices, goodbye and follow-ups: fixed dates from enrolment. */
function fixedOccurrences(programme: Programme, client: ScheduleClient): Occurrence[] {
  const time = client.preferredTime ?? programme.checkIn.time;
  const cacheKey = `${client.id}|${client.enrolledAt}|${client.timezone}|${time}|${programme.id}`;
  const cached = fixedCache.get(cacheKey);
  if (cached?.programme === programme) return cached.occurrences;
  const zone = memoZone(client.timezone);
  const enrolled = DateTime.fromISO(client.enrolledAt, { zone });
  const end = enrolled.plus({ weeks: programme.lengthWeeks });
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  /** The check-in time on the local date of `day`. */
  const atTime = (day: DateTime) => firstInstant(DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }));
  const all: Occurrence[] = [];
  const add = occurrenceAdder(client, all);
  for (const wave of programme.waves) {
    const due =
      wave.at === 'enrolment' ? enrolled : atTime(wave.at === 'programmeEnd' ? end : enrolled.plus(wave.at));
    add('wave', wave.id, due, wave.windowHours);
  }
  for (const weeks of programme.ending.noticeWeeksBefore) add('ending', `notice-${weeks}w`, atTime(end.minus({ weeks })), 24 * 7);
  if (programme.ending.goodbye) add('ending', 'goodbye', atTime(end), 24 * 7);
  for (let month = 1; end.plus({ months: month }) <= enrolled.plus({ months: programme.ending.followUpUntilMonths }); month += 1) {
    add('ending', 'follow-up', atTime(end.plus({ months: month })), programme.checkIn.windowHours);
  }
  fixedCache.set(cacheKey, { programme, occurrences: all });
  return all;
}


function rank(o: Occurrence): number {
  return OCCURRENCE_KINDS.indexOf(o.kind);
}
