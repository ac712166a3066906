import { z } from 'zod';

/**
 * How soon a person must act: `urgent` within minutes (suicidal thoughts, plans or intent,
 * self-harm, overdose), `same-day` (abuse, violence, threats, not safe at home), `routine` the
 * next working day (hopelessness, can't cope, eviction, no food or heating, heavy drinking).
 */
export type RiskTier = 'urgent' | 'same-day' | 'routine';

export const riskTierSchema = z.enum(['urgent', 'same-day', 'routine']);

/** Higher is sooner. */
export const TIER_RANK: Readonly<Record<RiskTier, number>> = { urgent: 3, 'same-day': 2, routine: 1 };

/** A category as recorded with a tier: `suicide`, `unsafe-at-home`, `no-food-or-heating`. */
export const riskCategory = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a category slug such as "no-food-or-heating"');

/**
 * One phrase of the lexicon, written in the pattern syntax of phrasePattern.ts:
 * `(want|wish) to die`, `better off (dead|without me)`, `can not go on $`.
 */
export interface RiskPhrase {
  phrase: string;
  tier: RiskTier;
  category: string;
  /**
   * Names the act outright ("kill myself", "suicidal", "self harm"): no figure of speech ever
   * suppresses it. Built-in phrases only.
   */
  explicit?: boolean;
  /**
   * Re-reads the words inside it, e.g. reported speech ("my son is suicidal", "took his own life"):
   * any match lying inside this one is replaced by it, explicit ones included. Built-in phrases only.
   */
  overrides?: boolean;
}

/** What screenMessage matches against: data, so a programme can extend it (see extendLexicon). */
export interface RiskLexicon {
  phrases: readonly RiskPhrase[];
  /**
   * Figures of speech ("cut myself shaving", "can not go on the trip"): a phrase match lying wholly
   * inside one is dropped, unless the phrase is explicit.
   */
  figuresOfSpeech: readonly string[];
  /** Text-speak, contractions and common misspellings, by word or words ("kms", "my self"), to the words meant. */
  spellings: Readonly<Record<string, string>>;
  /** Words whose slips are mended by edit distance ("sucidal", "mysef"): one slip, two in words of 7+ letters (see compileLexicon). */
  fuzzyWords: readonly string[];
  /** Real words near a fuzzy word that are never taken for it ("overdue" is not "overdose"). */
  notMisspellings: readonly string[];
}
