import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ianaTimeZone } from '../../config/fieldSchemas.js';
import { programmeLanguages, type Programme } from '../../config/programmeSchema.js';
import { localTime, WEEKDAYS } from '../../config/scheduleSchema.js';

/** Client settings staff may change through the admin API. */
export const SETTING_FIELDS = [
  'preferredDay',
  'preferredTimeWindow',
  'timezone',
  'channel',
  'language',
  'pausedUntil',
  'programmeStartDate',
  'linkWorkerId',
] as const;

/**
 * How far from today a programme start date may be set. Programmes run 8 weeks to 3 years, but a
 * start more than a year away either side is almost always a typing slip (2062 for 2026).
 */
export const START_DATE_RANGE = { years: 1 } as const;
/** The longest pause staff can set: longer than that is a conversation about stopping, not a pause. */
export const LONGEST_PAUSE = { years: 1 } as const;

/** Every link worker id in the programme, with the message the enrolment route gives too. */
export const knownLinkWorker = (programme: Programme) => {
  const ids = new Set(programme.linkWorkers.map((w) => w.id));
  return z
    .string()
    .min(1)
    .refine((id) => ids.has(id), { error: (issue) => `no link worker with id "${String(issue.input)}"` });
};

/** What the caller asked for, by field; null clears a setting. `pausedUntil` is the moment messages may start again. */
export type SettingsChange = z.infer<ReturnType<typeof clientSettingsChangeSchema>>;

/**
 * A PATCH body for one client's settings. `zone` is the client's time zone after the change (the
 * new one when the same request sets it): local dates are read in it. Unknown fields are named
 * one by one, and every problem is listed at once.
 */
export function clientSettingsChangeSchema(programme: Programme, context: { now: DateTime; zone: string }) {
  const today = context.now.setZone(context.zone).startOf('day');
  const languages = programmeLanguages(programme);
  return (
    z
      .object({
        changedBy: z
          .string({ error: (issue) => (issue.input === undefined ? 'required: who is making the change (a staff name or email)' : undefined) })
          .trim()
          .min(1, 'required: who is making the change (a staff name or email)')
          .max(100, 'at most 100 characters'),
        preferredDay: z
          .enum(WEEKDAYS, { error: (issue) => `expected a day of the week (${WEEKDAYS.join(', ')}), got ${JSON.stringify(issue.input)}` })
          .nullable()
          .optional(),
        preferredTimeWindow: timeWindow(programme.quietHours).nullable().optional(),
        timezone: ianaTimeZone.optional(),
        channel: z.enum(['sms', 'webchat']).optional(),
        language: z
          .string()
          .refine((language) => languages.includes(language), {
            error: (issue) => `this programme has no wording in ${JSON.stringify(issue.input)}; choose one of ${languages.join(', ')}`,
          })
          .nullable()
          .optional(),
        pausedUntil: localDate(context.zone, (start) => {
          if (start <= context.now) return `must be a date after today (${today.toISODate()} in ${context.zone}); send null to end a pause now`;
          if (start > today.plus(LONGEST_PAUSE)) return `must be no more than a year ahead (by ${today.plus(LONGEST_PAUSE).toISODate()})`;
          return undefined;
        })
          .nullable()
          .optional(),
        programmeStartDate: localDate(context.zone, (start) =>
          start < today.minus(START_DATE_RANGE) || start > today.plus(START_DATE_RANGE)
            ? `must be within a year of today (${today.minus(START_DATE_RANGE).toISODate()} to ${today.plus(START_DATE_RANGE).toISODate()})`
            : undefined,
        )
          .transform((start) => start.toISODate()!)
          .nullable()
          .optional(),
        linkWorkerId: knownLinkWorker(programme).optional(),
        phone: refused('the phone number cannot be changed through the admin API').optional(),
      })
      // Named one by one, so a typo is pointed at rather than silently dropped.
      .catchall(refused(`not a setting that can be changed here; settings: ${SETTING_FIELDS.join(', ')}`))
      .refine((body) => typeof body !== 'object' || body === null || SETTING_FIELDS.some((field) => field in body), {
        error: `nothing to change: give at least one of ${SETTING_FIELDS.join(', ')}`,
        // Said beside any other problem, so one 400 lists everything.
        when: () => true,
      })
  );
}

/** The zone a request's local dates are read in: the new time zone if it sets a valid one, else the client's. */
export function zoneAfterChange(body: unknown, current: string): string {
  const zone = typeof body === 'object' && body !== null ? (body as { timezone?: unknown }).timezone : undefined;
  return typeof zone === 'string' && IANAZone.isValidZone(zone) ? zone : current;
}

/** A field this route never accepts, whatever its value. */
const refused = (message: string) => z.unknown().refine(() => false, { error: message });

/** A local date "yyyy-MM-dd", read as the start of that day in `zone`, that `rule` accepts (it answers a problem or undefined). */
function localDate(zone: string, rule: (start: DateTime) => string | undefined) {
  return z.string().transform((text, ctx) => {
    const start = DateTime.fromISO(text, { zone }).startOf('day');
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `expected a date as yyyy-MM-dd, got ${JSON.stringify(text)}`
      : !start.isValid
        ? `${text} is not a date in the calendar`
        : rule(start);
    if (problem === undefined) return start;
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });
}

/** A daytime window "HH:mm"–"HH:mm" that must lie outside quiet hours, when nothing is sent. */
function timeWindow(quiet: { start: string; end: string }) {
  return z.strictObject({ start: localTime, end: localTime }).superRefine((w, ctx) => {
    // zod runs this even when a time failed its own check: there is nothing to compare then.
    if (!localTime.safeParse(w.start).success || !localTime.safeParse(w.end).success) return;
    if (w.start >= w.end) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start (a window cannot run over midnight)' });
      return;
    }
    const inQuiet = quietOverlap(w, quiet);
    if (inQuiet === 'none') return;
    ctx.addIssue({
      code: 'custom',
      message:
        `${w.start}-${w.end} is ${inQuiet === 'inside' ? 'inside' : 'partly inside'} the programme's quiet hours ` +
        `(${quiet.start}-${quiet.end}), when Linkwell sends nothing: choose a window outside them`,
    });
  });
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** How a same-day window meets quiet hours (which may run over midnight). */
export function quietOverlap(window: { start: string; end: string }, quiet: { start: string; end: string }): 'none' | 'partly' | 'inside' {
  const [start, end] = [minutes(window.start), minutes(window.end)];
  const [quietStart, quietEnd] = [minutes(quiet.start), minutes(quiet.end)];
  const spans =
    quietStart < quietEnd
      ? [[quietStart, quietEnd]]
      : [
          [quietStart, 24 * 60],
          [0, quietEnd],
        ];
  if (spans.some(([from, to]) => from! <= start && end <= to!)) return 'inside';
  return spans.some(([from, to]) => start < to! && from! < end) ? 'partly' : 'none';
}
