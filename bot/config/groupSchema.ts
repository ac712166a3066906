import { z } from 'zod';
import { e164, ianaTimeZone, slug } from './fieldSchemas.js';
import { weekdayOf } from '../time/localClock.js';
import { dayOfIsoDate, localDate } from '../time/localDates.js';
import { groupScheduleSchema, meetsOn, scheduleWeekday } from './sessionDays.js';

const text = z.string().trim().min(1, 'must not be empty');

export { groupScheduleSchema, type GroupSchedule } from './sessionDays.js';

export const GROUP_STATUSES = ['running', 'full', 'paused', 'closed'] as const;

/**
 * One community group a programme refers people to, as an admin enters it. Dates are local to the
 * group's zone (its own `timezone`, else the programme's). Unknown keys are rejected, so that a
 * mistyped `endDat` is reported rather than silently ignored.
 *
 * A cancelled date that is not a session day is an error, not a warning: it is nearly always a
 * slip (the Wednesday typed for the Thursday), and accepting it would leave the real session
 * standing, so a client could be nudged to a group that is not meeting.
 */
export const groupSchema = z
  .strictObject({
    id: slug,
    name: text,
    venue: z.strictObject({ name: text, address: text }),
    timezone: ianaTimeZone.optional(),
    schedule: groupScheduleSchema,
    /** The first and last local dates the group meets, both included. */
    startDate: localDate.optional(),
    endDate: localDate.optional(),
    /** Local dates on which a session does not happen (for one-off dates: every session that day). */
    cancelled: z.array(localDate).default([]),
    durationMinutes: z
      .number()
      .int('expected whole minutes')
      .min(1)
      .max(24 * 60),
    /** As clients are told it: "free", "£3", "£2 including tea". */
    cost: text,
    /** "Step-free access, hearing loop", "Bus 42 stops outside; parking behind the hall". */
    accessibility: text.optional(),
    transport: text.optional(),
    contact: z.strictObject({ name: text, phone: e164.optional(), email: z.email().optional() }).optional(),
    /** A full group still meets (and is still listed); a paused or closed one has no sessions. */
    status: z.enum(GROUP_STATUSES).default('running'),
    /** When someone last checked the details with the group. */
    lastVerified: localDate,
  })
  .superRefine((group, ctx) => {
    const start = group.startDate === undefined ? null : dayOfIsoDate(group.startDate);
    const end = group.endDate === undefined ? null : dayOfIsoDate(group.endDate);
    if (start !== null && end !== null && end < start) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `${group.endDate} is before the start date ${group.startDate}` });
    }
    const within = (day: number) => (start === null || day >= start) && (end === null || day <= end);
    const { schedule } = group;
    let isSessionDay: (day: number) => boolean;
    if (schedule.kind === 'dates') {
      const days = new Set<number>();
      const seen = new Set<string>();
      schedule.sessions.forEach((session, i) => {
        const day = dayOfIsoDate(session.slice(0, 10))!;
        if (seen.has(session)) ctx.addIssue({ code: 'custom', path: ['schedule', 'sessions', i], message: `${session} is listed twice` });
        else if (!within(day)) ctx.addIssue({ code: 'custom', path: ['schedule', 'sessions', i], message: `${session} is outside the start and end dates` });
        seen.add(session);
        days.add(day);
      });
      isSessionDay = (day) => days.has(day) && within(day);
    } else {
      if (schedule.kind === 'fortnightly' && scheduleWeekday(schedule) !== weekdayOf(dayOfIsoDate(schedule.from)!)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'from'],
          message: `${schedule.from} is not a ${schedule.day}: give the date of a first ${schedule.day} session`,
        });
      }
      isSessionDay = (day) => meetsOn(schedule, day) && within(day);
    }
    const seen = new Set<string>();
    group.cancelled.forEach((date, i) => {
      if (seen.has(date)) ctx.addIssue({ code: 'custom', path: ['cancelled', i], message: `${date} is listed twice` });
      else if (!isSessionDay(dayOfIsoDate(date)!))
        ctx.addIssue({ code: 'custom', path: ['cancelled', i], message: `${date} is not a session day of this group` });
      seen.add(date);
    });
  });

export type Group = z.infer<typeof groupSchema>;
