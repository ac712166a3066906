import type { Programme } from '../config/programmeSchema.js';
import { DAY_MS, MINUTE_MS, dayOf, firstInstantAt, fixOffset, plusMonthsWall, wallOf } from '../time/localClock.js';
import type { RoutineRule } from './routineOccurrences.js';

/** A client's dates fixed by enrolment, as epoch milliseconds. */
export interface FixedDates {
  /** Waves, ending notices, goodbye (ProgrammePlan.fixedItems, in order), then the monthly follow-ups. */
  due: readonly number[];
  /** The start of the programme's last local day: routine check-ins stop there. */
  routineEndMs: number;
}

/**
 * Waves, ending notices, goodbye and follow-ups: fixed dates from enrolment, each at the client's
 * check-in time except the wave at enrolment. Steps on the calendar as luxon's `plus` does (each
 * from the offset of the date it starts from), so the dates match the luxon planner's exactly.
 */
export function fixedDates(programme: Programme, rule: RoutineRule): FixedDates {
  const { zone, enrolledMs } = rule;
  const enrolledOffset = zone.offset(enrolledMs);
  const enrolledWall = enrolledMs + enrolledOffset * MINUTE_MS;
  const end = fixOffset(zone, enrolledWall + programme.lengthWeeks * 7 * DAY_MS, enrolledOffset);
  const endOffset = zone.offset(end);
  const endWall = end + endOffset * MINUTE_MS;
  const due: number[] = [];
  for (const { at } of programme.waves) {
    if (at === 'enrolment') due.push(enrolledMs);
    else if (at === 'programmeEnd') due.push(atTime(rule, end));
    else if ('weeks' in at) due.push(atTime(rule, fixOffset(zone, enrolledWall + at.weeks * 7 * DAY_MS, enrolledOffset)));
    else due.push(atTime(rule, fixOffset(zone, plusMonthsWall(enrolledWall, at.months), enrolledOffset)));
  }
  for (const weeks of programme.ending.noticeWeeksBefore) due.push(atTime(rule, fixOffset(zone, endWall - weeks * 7 * DAY_MS, endOffset)));
  if (programme.ending.goodbye) due.push(atTime(rule, end));
  const lastFollowUp = fixOffset(zone, plusMonthsWall(enrolledWall, programme.ending.followUpUntilMonths), enrolledOffset);
  for (let month = 1; ; month += 1) {
    const date = fixOffset(zone, plusMonthsWall(endWall, month), endOffset);
    if (!(date <= lastFollowUp)) break;
    due.push(atTime(rule, date));
  }
  // A copy is exactly as long as it needs to be: 100,000 clients keep one each.
  return { due: due.slice(), routineEndMs: fixOffset(zone, dayOf(endWall) * DAY_MS, endOffset) };
}

/** The check-in time on the local date of `instant`. */
function atTime(rule: RoutineRule, instant: number): number {
  return firstInstantAt(rule.zone, dayOf(wallOf(rule.zone, instant)) * DAY_MS + rule.clockMs);
}
