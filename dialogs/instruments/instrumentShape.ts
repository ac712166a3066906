import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id (a-z, 0-9, - or _)');

export const optionSchema = z.object({
  id,
  label: z.string().min(1),
  /** The coded value stored and scored. */
  code: z.number().int('expected a whole number: codes are what is stored and added up'),
  /** The number shown beside the option ("Reply 1, 2 or 3"): a reply of that number means this option. */
  key: z.number().int().min(0),
  /** Other ways people say this option ("rarely", "a lot"). Matched as whole words. */
  synonyms: z.array(z.string().min(1)).default([]),
});

/** A named range of scores, both ends included. */
export const bandSchema = z.object({ label: z.string().min(1), min: z.number(), max: z.number() });

/** What every kind of item has besides its answers. */
const itemBase = {
  id,
  /** Validated wording: shown exactly as written, never changed by a programme's wording. */
  text: z.string().min(1),
  /** When the item's own recall differs from its instrument's (ONS4 happiness: "yesterday"). */
  recallPeriod: z.string().min(1).optional(),
  /** Scored as max + min − value, for items worded the other way round. */
  reverse: z.boolean().optional(),
  /** Bands of the item's own answer (as given, not reversed), reported item by item, e.g. ONS4. */
  bands: z.array(bandSchema).optional(),
};

const choiceItemSchema = z.object({
  ...itemBase,
  kind: z.literal('choice'),
  options: z.array(optionSchema).min(2),
  /** Option ids that need risk handling when chosen (K6 "hopeless" most or all of the time). */
  riskAt: z.array(id).optional(),
});

const scaleItemSchema = z.object({
  ...itemBase,
  kind: z.literal('scale'),
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().optional(),
  maxLabel: z.string().optional(),
});

export const itemSchema = z.discriminatedUnion('kind', [choiceItemSchema, scaleItemSchema]);

/** A named flag raised by a score at or beyond a cut-off (K6 ≥ 13). Both given: between them. */
export const thresholdSchema = z
  .object({ flag: z.string().min(1), atLeast: z.number().optional(), atMost: z.number().optional() })
  .refine((t) => t.atLeast !== undefined || t.atMost !== undefined, 'give atLeast, atMost or both');

/** One row of a conversion table: a raw total and the score it is reported as. */
export const conversionRowSchema = z.object({ raw: z.number().int(), score: z.number() });

export const scoringSchema = z.discriminatedUnion('method', [
  // Reported item by item (e.g. a category such as ONS loneliness, or ONS4 with its item bands): no total.
  z.object({ method: z.literal('none') }),
  z.object({
    /** A mean is rounded to two decimal places before it is banded, flagged or stored. */
    method: z.enum(['sum', 'mean']),
    /**
     * How many items must be answered for a score; 'all' (the default) for instruments that
     * allow no gaps. A score is never computed from fewer.
     */
    minAnswered: z.union([z.literal('all'), z.number().int().min(1)]).default('all'),
    /** Bands of the score (after conversion): together they must cover every possible score once. */
    bands: z.array(bandSchema).default([]),
    thresholds: z.array(thresholdSchema).default([]),
    /** Raw total → reported score (e.g. SWEMWBS metric scores): one row for every possible raw total. */
    conversion: z.array(conversionRowSchema).min(1).optional(),
  }),
]);

/** An instrument's fields, each checked on its own (instrumentSchema checks the rules between them). */
export const instrumentFields = z.object({
  id,
  version: z.string().min(1),
  title: z.string().min(1),
  licence: z.string().min(1),
  /** e.g. "past 30 days"; null when the instrument has no recall period. */
  recallPeriod: z.string().nullable(),
  /** A line said before the first item (not validated wording). */
  intro: z.string().optional(),
  /** A line said after its last item (not validated wording), e.g. "Thank you, that helps us a lot." */
  thanks: z.string().optional(),
  items: z.array(itemSchema).min(1),
  scoring: scoringSchema,
});

export type InstrumentOption = z.infer<typeof optionSchema>;
export type InstrumentItem = z.infer<typeof itemSchema>;
export type ChoiceItem = Extract<InstrumentItem, { kind: 'choice' }>;
export type ScaleItem = Extract<InstrumentItem, { kind: 'scale' }>;
export type Band = z.infer<typeof bandSchema>;
export type Threshold = z.infer<typeof thresholdSchema>;
export type Scoring = z.infer<typeof scoringSchema>;
export type Instrument = z.infer<typeof instrumentFields>;
export type InstrumentOptionInput = z.input<typeof optionSchema>;
