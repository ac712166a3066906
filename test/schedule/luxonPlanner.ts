import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { WEEKDAYS } from '../../bot/config/scheduleSchema.js';
import { OCCURRENCE_KINDS, type Occurrence, type OccurrenceKind } from '../../bot/schedule/occurrences.js';
import type { ClientScheduleState, Decision, Ledger, SkipReason, WaitReason } from '../../bot/schedule/planDue.js';
import type { QuietHours } from '../../bot/time/quietHours.js';
import type { ScheduleClient } from '../../bot/schedule/routineOccurrences.js';

// The planner as it was written on luxon DateTimes before it moved to epoch milliseconds, kept
// line for line as the reference the fast planner must agree with. Slow, and obviously right.

/** An IANA zone whose offsets are remembered per minute (tz changes fall on whole minutes), so the reference runs in seconds. */
class MinuteZone extends Zone {
  private readonly offsets = new Map<number, number>();
  constructor(private readonly inner: IANAZone) {
    super();
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.inner.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.inner.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const minute = Math.floor(ts / 60_000);
    let offset = this.offsets.get(minute);
    if (offset === undefined) {
      offset = this.inner.offset(ts);
      this.offsets.set(minute, offset);
    }
    return offset;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone>();
/** The reference's zone for an IANA name. */
export function refZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new MinuteZone(IANAZone.create(name))));
  return zone;
}

interface RefRoutine {
  key: string;
  due: DateTime;
  local: DateTime;
  expiresAt: DateTime;
}

/** routineOccurrences as it was. */
export function refRoutineOccurrences(schedule: Programme['checkIn'], client: ScheduleClient, from: DateTime, to: DateTime): RefRoutine[] {
  const zone = refZone(client.timezone);
  const enrolled = DateTime.fromISO(client.enrolledAt, { zone });
  const time = client.preferredTime ?? schedule.time;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const occurrences: RefRoutine[] = [];
  const first = DateTime.max(enrolled, from.setZone(zone).minus({ days: 1 })).startOf('day');
  const last = to.setZone(zone).endOf('day');
  const cadence = schedule.cadence;
  const everyDay = typeof cadence === 'object';
  const target = WEEKDAYS.indexOf(client.preferredDay ?? schedule.day) + 1;
  const step = everyDay ? { days: 1 } : { weeks: 1 };
  let day = everyDay ? first : first.plus({ days: (target - first.weekday + 7) % 7 });
  for (; day <= last; day = day.plus(step)) {
    if (!isScheduledDay(schedule, client, enrolled, day)) continue;
    const local = refFirstInstant(DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }));
    if (local <= enrolled || local < from || local >= to) continue;
    occurrences.push({
      key: `${client.id}|routine|${day.toISODate()}T${time}`,
      due: local.toUTC(),
      local,
      expiresAt: local.plus({ hours: schedule.windowHours }).toUTC(),
    });
  }
  return occurrences;
}

/** firstInstant as it was. */
export function refFirstInstant(local: DateTime): DateTime {
  const before = local.minus({ hours: 3 }).offset;
  const after = local.plus({ hours: 3 }).offset;
  if (before <= after) return local;
  const earlier = local.minus({ minutes: before - after });
  return earlier.hour === local.hour && earlier.minute === local.minute ? earlier : local;
}

function isScheduledDay(schedule: Programme['checkIn'], client: ScheduleClient, enrolled: DateTime, day: DateTime): boolean {
  const weekday = WEEKDAYS[day.weekday - 1]!;
  const cadence = schedule.cadence;
  if (typeof cadence === 'object') return cadence.weekdays.includes(weekday);
  if (weekday !== (client.preferredDay ?? schedule.day)) return false;
  if (cadence === 'weekly') return true;
  if (cadence === 'monthly') return day.day <= 7;
  const weeks = Math.floor(day.startOf('week').diff(enrolled.startOf('week'), 'weeks').weeks + 0.5);
  return weeks % 2 === 1;
}

/** occurrences as it was (without its cache). */
export function refOccurrences(programme: Programme, client: ScheduleClient, from: DateTime, to: DateTime): Occurrence[] {
  const end = DateTime.fromISO(client.enrolledAt, { zone: refZone(client.timezone) }).plus({ weeks: programme.lengthWeeks });
  const all: Occurrence[] = fixedOccurrences(programme, client).filter((o) => o.due >= from && o.due < to);
  const add = adder(client, all);
  for (const r of refRoutineOccurrences(programme.checkIn, client, from.minus({ hours: programme.checkIn.windowHours }), to)) {
    if (r.local >= end.startOf('day')) continue;
    if (r.due >= from) add('routine', 'check-in', r.local, programme.checkIn.windowHours);
    for (const reminder of programme.checkIn.reminders) {
      add(
        'reminder',
        r.local.toFormat("yyyy-LL-dd'T'HH:mm"),
        r.local.plus({ hours: reminder.afterHours }),
        programme.checkIn.windowHours - reminder.afterHours,
      );
    }
  }
  return all.filter((o) => o.due >= from && o.due < to).sort((a, b) => a.due.toMillis() - b.due.toMillis() || rank(a) - rank(b));
}

function adder(client: ScheduleClient, into: Occurrence[]) {
  return (kind: OccurrenceKind, item: string, due: DateTime, windowHours: number) =>
    into.push({
      key: `${client.id}|${kind}|${item}|${due.toFormat("yyyy-LL-dd'T'HH:mm")}`,
      kind,
      item,
      due: due.toUTC(),
      expiresAt: due.plus({ hours: windowHours }).toUTC(),
    });
}

// As before, the fixed dates are worked out once per programme and client setting.
const fixedCache = new WeakMap<Programme, Map<string, Occurrence[]>>();

function fixedOccurrences(programme: Programme, client: ScheduleClient): Occurrence[] {
  const byClient = fixedCache.get(programme) ?? new Map<string, Occurrence[]>();
  fixedCache.set(programme, byClient);
  const cacheKey = `${client.id}|${client.enrolledAt}|${client.timezone}|${client.preferredTime}|${client.preferredDay}`;
  const cached = byClient.get(cacheKey);
  if (cached) return cached;
  const all = workOutFixed(programme, client);
  byClient.set(cacheKey, all);
  return all;
}

function workOutFixed(programme: Programme, client: ScheduleClient): Occurrence[] {
  const time = client.preferredTime ?? programme.checkIn.time;
  const zone = refZone(client.timezone);
  const enrolled = DateTime.fromISO(client.enrolledAt, { zone });
  const end = enrolled.plus({ weeks: programme.lengthWeeks });
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const atTime = (day: DateTime) => refFirstInstant(DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }));
  const all: Occurrence[] = [];
  const add = adder(client, all);
  for (const wave of programme.waves) {
    const due = wave.at === 'enrolment' ? enrolled : atTime(wave.at === 'programmeEnd' ? end : enrolled.plus(wave.at));
    add('wave', wave.id, due, wave.windowHours);
  }
  for (const weeks of programme.ending.noticeWeeksBefore) add('ending', `notice-${weeks}w`, atTime(end.minus({ weeks })), 24 * 7);
  if (programme.ending.goodbye) add('ending', 'goodbye', atTime(end), 24 * 7);
  for (let month = 1; end.plus({ months: month }) <= enrolled.plus({ months: programme.ending.followUpUntilMonths }); month += 1) {
    add('ending', 'follow-up', atTime(end.plus({ months: month })), programme.checkIn.windowHours);
  }
  return all;
}

function rank(o: Occurrence): number {
  return OCCURRENCE_KINDS.indexOf(o.kind);
}

/** planDue as it was. */
export function refPlanDue(programme: Programme, client: ClientScheduleState, ledger: Ledger, now: DateTime): Decision[] {
  const longest = Math.max(programme.checkIn.windowHours, 24 * 7, ...programme.waves.map((w) => w.windowHours));
  const since = now.minus({ hours: longest + 24 });
  const due = refOccurrences(programme, client, since, now.plus({ milliseconds: 1 }))
    .filter((o) => !ledger.sent.has(o.key) && !ledger.skipped.has(o.key))
    .sort((a, b) => rank(a) - rank(b) || a.due.toMillis() - b.due.toMillis());
  const local = now.setZone(refZone(client.timezone));
  let sentThisWeek = ledger.sentInWeek(local.toFormat("kkkk-'W'WW"));
  const decisions: Decision[] = [];
  for (const occurrence of due) {
    const decision = decide(programme, client, ledger, occurrence, now, local);
    if (decision.action === 'send') {
      if (sentThisWeek >= programme.weeklyCap) {
        decisions.push({ occurrence, action: 'skip', reason: 'weekly-cap' });
        continue;
      }
      sentThisWeek += 1;
    }
    decisions.push(decision);
  }
  return decisions.sort((a, b) => a.occurrence.due.toMillis() - b.occurrence.due.toMillis());
}

function decide(programme: Programme, client: ClientScheduleState, ledger: Ledger, occurrence: Occurrence, now: DateTime, local: DateTime): Decision {
  const skip = (reason: SkipReason): Decision => ({ occurrence, action: 'skip', reason });
  const wait = (reason: WaitReason, until: DateTime | null): Decision =>
    until && until >= occurrence.expiresAt ? skip(reason) : { occurrence, action: 'wait', until, reason };
  if (client.optedOutAt) return skip('opted-out');
  if (occurrence.kind === 'reminder') {
    const checkIn = `${client.id}|routine|check-in|${occurrence.item}`;
    if (ledger.answered.has(checkIn)) return skip('check-in-answered');
    if (!ledger.sent.has(checkIn)) return skip('check-in-not-sent');
  }
  if (occurrence.kind === 'routine') {
    // A wave sent in the three days up to it (local wall times, from the keys) asked the same and more.
    const wallOfKey = (key: string) => DateTime.fromISO(key.split('|').at(-1)!, { zone: 'utc' });
    const routineAt = wallOfKey(occurrence.key);
    for (const key of ledger.sent) {
      if (!key.split('|').includes('wave')) continue;
      const hours = routineAt.diff(wallOfKey(key), 'hours').hours;
      if (hours >= 0 && hours < 72) return skip('wave-just-asked');
    }
  }
  if (now >= occurrence.expiresAt) return skip(client.consentedAt ? 'window-passed' : 'no-consent');
  if (!client.consentedAt) return wait('no-consent', null);
  const pausedUntil = client.pausedUntil ? DateTime.fromISO(client.pausedUntil, { zone: 'utc' }) : undefined;
  if (pausedUntil && pausedUntil > now) return wait('paused', pausedUntil);
  const allowed = refNextAllowed(local, programme.quietHours);
  if (allowed > local) return wait('quiet-hours', allowed.toUTC());
  return { occurrence, action: 'send' };
}

/** isQuiet as it was. */
export function refIsQuiet(local: DateTime, quiet: QuietHours): boolean {
  const now = local.toFormat('HH:mm');
  return quiet.start < quiet.end ? now >= quiet.start && now < quiet.end : now >= quiet.start || now < quiet.end;
}

/** nextAllowed as it was. */
export function refNextAllowed(local: DateTime, quiet: QuietHours): DateTime {
  if (!refIsQuiet(local, quiet)) return local;
  const [hour, minute] = quiet.end.split(':').map(Number) as [number, number];
  const endToday = local.set({ hour, minute, second: 0, millisecond: 0 });
  return endToday > local ? endToday : local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
}
