import { z } from 'zod';
import { e164, slug } from './fieldSchemas.js';

/** A wall-clock time in the client's own zone, "HH:mm". */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (issue) => `expected HH:mm, got ${String(issue.input)}` });

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekday>;

const hours = (max: number) => z.number().positive().max(max);

/** From `start` to `end` local time; an `end` earlier than `start` runs over midnight (21:00–09:00). */
const timeRange = (start: string, end: string) =>
  z.object({ start: localTime.default(start), end: localTime.default(end) }).refine((r) => r.start !== r.end, {
    error: 'start and end must differ',
    path: ['end'],
  });

/** When no message may be sent, in the client's own time zone. */
export const quietHoursSchema = timeRange('21:00', '09:00').prefault({});

/** When link workers are at work: out-of-hours alerts go to the duty contact. */
export const workingHoursSchema = z
  .object({
    days: z.array(weekday).min(1).default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']),
    start: localTime.default('09:00'),
    end: localTime.default('17:00'),
  })
  .refine((w) => w.start < w.end, { error: 'working hours must start before they end', path: ['end'] })
  .prefault({});

/** A number or service to give a client in crisis, as the programme words it ("Samaritans, free, any time"). */
export const crisisContactSchema = z
  .object({
    name: z.string().min(1),
    /** As dialled, e.g. 999, 116 123, +61 13 11 14. */
    phone: z
      .string()
      .regex(/^[+\d][\d ]{1,19}$/, 'expected a number as dialled, e.g. 116 123')
      .optional(),
    /** A text service, e.g. "text SHOUT to 85258". */
    text: z.string().min(1).optional(),
    /** When to use it, e.g. "in an emergency". */
    when: z.string().min(1).optional(),
  })
  .refine((c) => c.phone || c.text, { error: 'give a phone number or a text instruction' });

/** The named backup when a link worker does not acknowledge an alert. */
export const dutyContactSchema = z.object({ id: slug, name: z.string().min(1), phone: e164, email: z.email().optional() });

/**
 * How often routine check-ins come: every week, every other week, once a month (on the first
 * `day` of the month), or on each of a list of weekdays.
 */
export const cadenceSchema = z.union([z.enum(['weekly', 'fortnightly', 'monthly']), z.object({ weekdays: z.array(weekday).min(1) })]);

export const routineScheduleSchema = z.object({
  cadence: cadenceSchema.default('weekly'),
  /** Default day and local time; a client's own preference overrides them. */
  day: weekday.default('monday'),
  time: localTime.default('10:00'),
  /** How long a check-in stays open for answers, after which it is recorded as missed. */
  windowHours: hours(14 * 24).default(48),
  /** Reminders inside the window, by hours after it opened. */
  reminders: z.array(z.object({ afterHours: hours(14 * 24) })).default([{ afterHours: 24 }]),
});

/** When a measurement wave opens, counted from enrolment. */
export const waveOffsetSchema = z.union([
  z.literal('enrolment'),
  z.literal('programmeEnd'),
  z.object({ weeks: z.number().int().min(1).max(520) }),
  z.object({ months: z.number().int().min(1).max(120) }),
]);

export const waveSchema = z.object({
  id: slug,
  at: waveOffsetSchema,
  instruments: z.array(slug).min(1),
  windowHours: hours(28 * 24).default(7 * 24),
});

export const endingSchema = z
  .object({
    /** Messages this many weeks before the programme ends. */
    noticeWeeksBefore: z.array(z.number().int().min(1).max(52)).default([4, 2]),
    /** A goodbye on the last day. */
    goodbye: z.boolean().default(true),
    /** Light monthly check-ins after the end, until this many months from enrolment (0: none). */
    followUpUntilMonths: z.number().int().min(0).max(120).default(18),
  })
  .prefault({});

/**
 * At most this many messages Linkwell starts (not replies) per client per week, Monday to Sunday
 * in the client's zone. When the cap is hit, what is due goes out in this order and the rest is
 * skipped with the reason "weekly cap": alerts and replies are never capped; then measurement
 * waves, routine check-ins, ending messages, reminders, and last group nudges.
 */
export const weeklyCapSchema = z.number().int().min(1).max(21).default(3);
