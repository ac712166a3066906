import { z } from 'zod';
import { riskCategory, riskTierSchema } from './riskLexicon.js';

const enabled = z.boolean().default(true);

/**
 * When scores raise an alert, and at what tier: each rule can be turned off or given other
 * thresholds and tiers by a programme. Defaults follow the instruments' published bands (docs/domain.md).
 */
export const scoreTriggerConfigSchema = z
  .strictObject({
    /** K6 total at or above `atLeast` (13: probable serious psychological distress). */
    k6Total: z
      .strictObject({
        enabled,
        atLeast: z.number().int().min(0).max(24).default(13),
        tier: riskTierSchema.default('same-day'),
        category: riskCategory.default('distress'),
      })
      .prefault({}),
    /**
     * K6 "hopeless", "so depressed…" and "worthless" at "most" or "all of the time" (the items the
     * instrument marks riskAt). Same-day by default: a 30-day recall asked at a milestone wave, not a
     * statement of intent (that is screened in the client's own words and is urgent), but it needs
     * a person sooner than the next working day.
     */
    k6Items: z
      .strictObject({
        enabled,
        /** Item id -> the category recorded. */
        items: z.record(z.string().min(1), riskCategory).default({ hopeless: 'hopelessness', depressed: 'depression', worthless: 'worthlessness' }),
        options: z.array(z.string().min(1)).min(1).default(['most', 'all']),
        tier: riskTierSchema.default('same-day'),
      })
      .prefault({}),
    /**
     * ONS loneliness answered with one of `options` in `inARow` answers running (raised once per run).
     * Answers, not weeks: a check-in without an answer (missed, or the item skipped) neither counts nor breaks the run.
     */
    onsLoneliness: z
      .strictObject({
        enabled,
        options: z.array(z.string().min(1)).min(1).default(['often_always']),
        inARow: z.number().int().min(1).max(12).default(2),
        tier: riskTierSchema.default('routine'),
        category: riskCategory.default('loneliness'),
      })
      .prefault({}),
    /** UCLA-3 total `by` or more above the client's baseline (raised when it first gets there). */
    uclaRise: z
      .strictObject({
        enabled,
        by: z.number().int().min(1).max(6).default(3),
        /** The wave whose UCLA-3 total is the baseline; without one, the client's first UCLA-3 total. */
        baselineWaveId: z.string().min(1).default('baseline'),
        tier: riskTierSchema.default('routine'),
        category: riskCategory.default('loneliness'),
      })
      .prefault({}),
    /** `missedInARow` routine check-ins missed running: the client has gone quiet (raised once per run). */
    goneQuiet: z
      .strictObject({
        enabled,
        missedInARow: z.number().int().min(1).max(12).default(2),
        tier: riskTierSchema.default('routine'),
        category: riskCategory.default('gone-quiet'),
      })
      .prefault({}),
  })
  .prefault({});

export type ScoreTriggerConfig = z.output<typeof scoreTriggerConfigSchema>;

export const defaultScoreTriggerConfig: ScoreTriggerConfig = Object.freeze(scoreTriggerConfigSchema.parse({}));
