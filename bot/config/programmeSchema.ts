import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { instrumentSchema, type Instrument } from '../../dialogs/instruments/instrumentSchema.js';
import { riskLexiconExtensionSchema } from '../../dialogs/safety/riskLexiconExtension.js';
import { scoreTriggerConfigSchema } from '../../dialogs/safety/scoreTriggerConfig.js';
import { wordingSchema, type Wording } from '../../dialogs/wording/wording.js';
import { alertSettingsSchema } from './alertSettingsSchema.js';
import { groupSchema } from './groupSchema.js';
import { groupMessagesSchema } from './groupMessagesSchema.js';
import { e164, ianaTimeZone, slug } from './fieldSchemas.js';
import { ConfigError, formatIssues } from '../platform/formatIssues.js';
import {
  crisisContactSchema,
  dutyContactSchema,
  endingSchema,
  quietHoursSchema,
  routineScheduleSchema,
  waveSchema,
  weeklyCapSchema,
  workingHoursSchema,
} from './scheduleSchema.js';

// The outcome measures at milestones: loneliness both ways, wellbeing, health and groups; at week 8
// also how the client finds their link worker and whether they belong somewhere. (K6 is for
// programmes to add once they have risk handling in place for its items.)
const OUTCOMES = ['ucla3', 'ons-loneliness', 'ons4', 'gss-health', 'groups'];
const DEFAULT_WAVES = [
  { id: 'baseline', at: 'enrolment' as const, instruments: OUTCOMES, windowHours: 168 },
  { id: 'week-8', at: { weeks: 8 }, instruments: ['ucla3', 'ons-loneliness', 'link-worker-relationship', 'group-belonging'], windowHours: 168 },
  { id: 'programme-end', at: 'programmeEnd' as const, instruments: OUTCOMES, windowHours: 168 },
  { id: 'month-18', at: { months: 18 }, instruments: OUTCOMES, windowHours: 336 },
];

/** A language tag as usually written: "en", "cy", "pt-BR", "zh-Hant-TW". */
export const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/, 'expected a language tag such as "en", "cy" or "pt-BR"');

/**
 * `wording` in another language: any of its keys, each checked exactly as `wording` checks it
 * (placeholders included). A key left out falls back to the programme's own wording.
 */
const translationSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(wordingSchema.shape).map(([key, template]) => [
      key,
      z
        .string()
        .min(1)
        .superRefine((text, ctx) => {
          if (!text) return;
          for (const issue of template.safeParse(text).error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
        })
        .optional(),
    ]),
  ) as { [K in keyof Wording]: z.ZodOptional<z.ZodString> },
);

const linkWorkerSchema = z.object({
  id: slug,
  name: z.string().min(1),
  phone: e164,
  email: z.email().optional(),
});

export const programmeSchema = z
  .object({
    /** Editors' pointer to programme.schema.json; ignored. */
    $schema: z.string().optional(),
    id: slug,
    name: z.string().min(1),
    /** The default time zone for clients enrolled without one. */
    timezone: ianaTimeZone,
    linkWorkers: z.array(linkWorkerSchema).min(1, 'a programme needs at least one link worker'),
    /** A programme's own instruments (e.g. one it holds a licence for), beside the built-in ones. */
    instruments: z.array(instrumentSchema).default([]),
    /**
     * The programme's own intro and thank-you lines for any instrument, by instrument id. Only these
     * lines: an instrument's validated items and options cannot be changed here.
     */
    instrumentLines: z.record(slug, z.strictObject({ intro: z.string().min(1).optional(), thanks: z.string().min(1).optional() })).default({}),
    /** Quiet hours, working hours and the weekly cap apply in each client's own time zone. */
    quietHours: quietHoursSchema,
    workingHours: workingHoursSchema,
    /** Programme length from enrolment, in weeks. */
    lengthWeeks: z.number().int().min(1).max(156).default(12),
    crisisContacts: z.array(crisisContactSchema).default([]),
    dutyContacts: z.array(dutyContactSchema).default([]),
    checkIn: routineScheduleSchema.extend({
      /** Asked in this order; UCLA-3 before the ONS direct question when both are used. */
      instruments: z.array(slug).min(1),
    }),
    /** Measurement waves: baseline, week 8, programme end and month 18 unless the programme says otherwise. */
    waves: z.array(waveSchema).default(DEFAULT_WAVES),
    ending: endingSchema,
    weeklyCap: weeklyCapSchema,
    /** Risk alerts: acknowledgement timeout, programme lead, webhook. */
    alerts: alertSettingsSchema,
    /** The programme's group directory: what clients are linked to and nudged about. */
    groups: z.array(groupSchema).default([]),
    /** Group nudges before a session and "did you make it?" after it (see groupMessagesSchema). */
    groupMessages: groupMessagesSchema,
    /**
     * Web chat clients. `smsWhenUnopened`: a scheduled check-in that reached the end of its window
     * with no page of the client's chat ever showing it is sent by text instead (with a window as
     * long), to a client with a phone number who agreed to check-ins and has not stopped or paused
     * texts; outside quiet hours, as every text. Off: it is recorded as missed.
     */
    webChat: z.strictObject({ smsWhenUnopened: z.boolean().default(false) }).default({ smsWhenUnopened: false }),
    /**
     * How long clients' own words are kept: after `clientWordsMonths` months, the text of their notes,
     * of their answers and of what they said about group sessions is replaced by "[removed]", every day;
     * coded answers, scores and events stay, for outcomes. Unset: kept until the client is erased.
     */
    retention: z
      .strictObject({
        clientWordsMonths: z.number().int('a whole number of months').min(1, 'at least 1 month').max(120, 'at most 120 months (10 years)').optional(),
      })
      .default({}),
    /** Risk screening: what the programme adds to the built-in lexicon (see riskLexiconExtensionSchema). */
    risk: z
      .object({
        lexicon: riskLexiconExtensionSchema.prefault({}),
        /** Alerts raised by scores and missed check-ins: thresholds and tiers (see scoreTriggerConfigSchema). */
        triggers: scoreTriggerConfigSchema.prefault({}),
      })
      .prefault({}),
    wording: wordingSchema.prefault({}),
    /** The language `wording` is written in. */
    language: languageTag.default('en'),
    /** `wording` in other languages, by language tag, key by key (see wordingFor). */
    translations: z
      .record(languageTag, translationSchema, {
        error: (issue) => (issue.code === 'invalid_key' ? `expected a language tag such as "cy" or "pt-BR", got "${String(issue.input)}"` : undefined),
      })
      .default({}),
    /** Seeded at start-up so a new install can try a check-in at once. Demo programmes only. */
    demoClient: z.object({ name: z.string().min(1), phone: e164, timezone: ianaTimeZone, linkWorkerId: slug }).optional(),
  })
  .superRefine((programme, ctx) => {
    programme.instruments.forEach((instrument, i) => {
      // Taking a built-in id would replace its validated wording with the programme's.
      if (builtinInstruments.has(instrument.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['instruments', i, 'id'],
          message: `"${instrument.id}" is a built-in instrument, whose wording cannot be changed: give your own instrument another id`,
        });
      } else if (programme.instruments.findIndex((other) => other.id === instrument.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['instruments', i, 'id'], message: `duplicate instrument id "${instrument.id}"` });
      }
    });
    const known = new Set([...builtinInstruments.keys(), ...programme.instruments.map((i) => i.id)]);
    const checkKnown = (ids: readonly string[], path: (string | number)[]) =>
      ids.forEach((id, i) => {
        if (!known.has(id)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown instrument "${id}"; known: ${[...known].join(', ')}` });
      });
    checkKnown(programme.checkIn.instruments, ['checkIn', 'instruments']);
    for (const id of Object.keys(programme.instrumentLines)) {
      if (!known.has(id))
        ctx.addIssue({ code: 'custom', path: ['instrumentLines', id], message: `unknown instrument "${id}"; known: ${[...known].join(', ')}` });
    }
    programme.waves.forEach((wave, w) => {
      checkKnown(wave.instruments, ['waves', w, 'instruments']);
    });
    programme.groups.forEach((group, g) => {
      if (programme.groups.findIndex((other) => other.id === group.id) !== g) {
        ctx.addIssue({ code: 'custom', path: ['groups', g, 'id'], message: `duplicate group id "${group.id}"` });
      }
    });
    programme.waves.forEach((wave, w) => {
      if (programme.waves.findIndex((other) => other.id === wave.id) !== w) {
        ctx.addIssue({ code: 'custom', path: ['waves', w, 'id'], message: `duplicate wave id "${wave.id}"` });
      }
    });
    programme.checkIn.reminders.forEach((reminder, r) => {
      if (reminder.afterHours >= programme.checkIn.windowHours) {
        ctx.addIssue({
          code: 'custom',
          path: ['checkIn', 'reminders', r, 'afterHours'],
          message: `must be inside the ${programme.checkIn.windowHours} h window`,
        });
      }
    });
    programme.ending.noticeWeeksBefore.forEach((weeks, n) => {
      if (weeks >= programme.lengthWeeks) {
        ctx.addIssue({ code: 'custom', path: ['ending', 'noticeWeeksBefore', n], message: `must be less than the programme's ${programme.lengthWeeks} weeks` });
      }
    });
    const workerIds = programme.linkWorkers.map((w) => w.id);
    programme.linkWorkers.forEach((w, i) => {
      if (workerIds.indexOf(w.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['linkWorkers', i, 'id'], message: `duplicate link worker id "${w.id}"` });
      }
    });
    if (Object.hasOwn(programme.translations, programme.language)) {
      ctx.addIssue({
        code: 'custom',
        path: ['translations', programme.language],
        message: `"${programme.language}" is the programme's own language: put this wording under wording`,
      });
    }
    if (programme.demoClient && !workerIds.includes(programme.demoClient.linkWorkerId)) {
      ctx.addIssue({ code: 'custom', path: ['demoClient', 'linkWorkerId'], message: `no link worker with id "${programme.demoClient.linkWorkerId}"` });
    }
  });

export type Programme = z.infer<typeof programmeSchema>;
export type LinkWorker = Programme['linkWorkers'][number];

/** The languages a client may have the programme's wording in: its own first, then its translations. */
export function programmeLanguages(programme: Pick<Programme, 'language' | 'translations'>): string[] {
  return [programme.language, ...Object.keys(programme.translations)];
}

/** Validate a parsed programme document; every problem is listed by path. */
export function parseProgramme(data: unknown, source: string): Programme {
  const result = programmeSchema.safeParse(data);
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues, 'programme'));
  return Object.freeze(result.data);
}

/** Read and validate a programme file. */
export async function loadProgrammeFile(path: string): Promise<Programme> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseProgramme(data, path);
}

/** The JSON Schema of a programme file (what editors autocomplete), as written to programme.schema.json. */
export function programmeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(programmeSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Linkwell programme',
    description: 'A programme file for Linkwell. Validate it with: npm run programme:check -- FILE',
  };
}

/** The instruments a programme's routine check-in asks, in order. */
export function checkInInstruments(programme: Programme): Instrument[] {
  const library = programmeInstruments(programme);
  return programme.checkIn.instruments.map((id) => library.get(id)!);
}

/** Every instrument a programme's check-ins may ask, by id: the built-in ones and its own, with its own intro and thank-you lines. */
export function programmeInstruments(programme: Programme): ReadonlyMap<string, Instrument> {
  const all = new Map([...builtinInstruments, ...programme.instruments.map((i) => [i.id, i] as const)]);
  for (const [id, lines] of Object.entries(programme.instrumentLines)) {
    const instrument = all.get(id);
    if (instrument) all.set(id, { ...instrument, ...lines });
  }
  return all;
}
