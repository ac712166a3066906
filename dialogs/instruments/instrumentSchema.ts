import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id (a-z, 0-9, - or _)');

export const optionSchema = z.object({
  id,
  label: z.string().min(1),
  /** The coded value stored and scored. */
  code: z.number(),
  /** The number shown beside the option ("Reply 1, 2 or 3"): a reply of that number means this option. */
  key: z.number().int().min(0),
  /** Other ways people say this option ("rarely", "a lot"). Matched as whole words. */
  synonyms: z.array(z.string().min(1)).default([]),
});

const choiceItemSchema = z.object({
  id,
  kind: z.literal('choice'),
  text: z.string().min(1),
  options: z.array(optionSchema).min(2),
});

const scaleItemSchema = z.object({
  id,
  kind: z.literal('scale'),
  text: z.string().min(1),
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().optional(),
  maxLabel: z.string().optional(),
});

export const itemSchema = z.discriminatedUnion('kind', [choiceItemSchema, scaleItemSchema]);

const bandSchema = z.object({ label: z.string(), min: z.number(), max: z.number() });

export const scoringSchema = z.discriminatedUnion('method', [
  // Reported item by item (e.g. a category such as ONS loneliness): no total.
  z.object({ method: z.literal('none') }),
  z.object({
    method: z.enum(['sum', 'mean']),
    /** How many items must be answered for a score; 'all' for instruments that allow no gaps. */
    minAnswered: z.union([z.literal('all'), z.number().int().min(1)]).default('all'),
    bands: z.array(bandSchema).default([]),
  }),
]);

export const instrumentSchema = z
  .object({
    id,
    version: z.string().min(1),
    title: z.string().min(1),
    licence: z.string().min(1),
    /** e.g. "past 30 days"; null when the item has no recall period. */
    recallPeriod: z.string().nullable(),
    /** A line said before the first item (not validated wording). */
    intro: z.string().optional(),
    items: z.array(itemSchema).min(1),
    scoring: scoringSchema,
  })
  .superRefine((instrument, ctx) => {
    instrument.items.forEach((item, i) => {
      if (item.kind === 'scale' && item.min >= item.max) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'max'], message: 'expected max above min' });
      }
      if (item.kind === 'choice') {
        const keys = item.options.map((o) => o.key);
        if (new Set(keys).size !== keys.length) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'options'], message: 'option keys must be unique' });
        }
      }
    });
    const ids = instrument.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'item ids must be unique' });
    }
  });

export type InstrumentOption = z.infer<typeof optionSchema>;
export type InstrumentItem = z.infer<typeof itemSchema>;
export type ChoiceItem = Extract<InstrumentItem, { kind: 'choice' }>;
export type ScaleItem = Extract<InstrumentItem, { kind: 'scale' }>;
export type Instrument = z.infer<typeof instrumentSchema>;
export type InstrumentInput = z.input<typeof instrumentSchema>;
export type InstrumentOptionInput = z.input<typeof optionSchema>;
