import { compileLexicon, type PatternMatch } from './compileLexicon.js';
import { isNegated } from './negation.js';
import { TIER_RANK, type RiskLexicon, type RiskTier } from './riskLexicon.js';

/** One phrase found in a message, as it counts. */
export interface RiskMatch {
  /** After negation: "I'm not suicidal" counts as routine (see screenMessage). */
  tier: RiskTier;
  category: string;
  /** The message's words that matched, as the screener read them ("kil myself"). */
  words: string;
  /** The lexicon phrase that matched them. */
  phrase: string;
  negated: boolean;
}

export interface RiskFinding {
  tier: RiskTier;
  /** Every category found at that tier. */
  categories: string[];
  /** What matched at that tier, for the audit (never shown to staff by SMS). */
  matched: string[];
  /** True when everything at that tier was said in denial ("I'm not suicidal"). */
  negated: boolean;
  /** Every match at every tier, highest first. */
  matches: RiskMatch[];
}

// A denied statement still goes to a person, but not within minutes: someone who brings up suicide
// or a violent partner unprompted, even to deny it, is telling their link worker something. A
// denied routine matter ("we're not being evicted after all") raises nothing.
const DENIED: Readonly<Record<RiskTier, RiskTier | null>> = { urgent: 'routine', 'same-day': 'routine', routine: null };

/**
 * Screen one inbound message: the highest tier found, with its categories, or null when nothing
 * was. Rules, in order: a phrase inside a longer built-in `overrides` phrase gives way to it ("my son
 * is suicidal" is someone else's risk); a phrase inside a figure of speech is dropped unless it is
 * explicit; a phrase inside a longer one of its category counts as the longer; a phrase denied in
 * its own clause drops to routine (a routine one to nothing). Builds the lexicon on first use
 * (~0.4 s; extendLexicon builds it at once), then takes tens of microseconds a message.
 */
export function screenMessage(text: string, lexicon: RiskLexicon): RiskFinding | null {
  const compiled = compileLexicon(lexicon);
  const words = compiled.words(text);
  const found = compiled.matches(words);
  const phrases = found.flatMap((m) => (m.entry.kind === 'phrase' ? [{ ...m, phrase: m.entry.phrase }] : []));
  const figures = found.filter((m) => m.entry.kind === 'figure');
  const overriding = phrases.filter((m) => m.phrase.overrides);

  const kept = phrases.filter(
    (m) =>
      !overriding.some((o) => o !== m && within(m, o) && (span(o) > span(m) || !m.phrase.overrides)) &&
      (m.phrase.explicit || !figures.some((f) => within(m, f))),
  );
  const matches: RiskMatch[] = [];
  for (const m of kept) {
    // A phrase inside a longer one of its category counts once, as the longer: "take an overdose"
    // holds "overdose", and "I'd never take an overdose" denies both.
    if (kept.some((o) => o.phrase.category === m.phrase.category && within(m, o) && span(o) > span(m))) continue;
    const negated = isNegated(words, m.start, m.end);
    const tier = negated ? DENIED[m.phrase.tier] : m.phrase.tier;
    if (tier) matches.push({ tier, category: m.phrase.category, words: words.slice(m.start, m.end).join(' '), phrase: m.phrase.phrase, negated });
  }
  if (matches.length === 0) return null;
  matches.sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]);
  const tier = matches[0]!.tier;
  const top = matches.filter((m) => m.tier === tier);
  return {
    tier,
    categories: [...new Set(top.map((m) => m.category))],
    matched: [...new Set(top.map((m) => m.words))],
    negated: top.every((m) => m.negated),
    matches,
  };
}

type Span = Pick<PatternMatch, 'start' | 'end'>;
const span = (m: Span) => m.end - m.start;
const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;

// What a caller needs beside screenMessage, from one place.
export { defaultRiskLexicon } from './defaultRiskLexicon.js';
export { extendLexicon, riskLexiconExtensionSchema, type RiskLexiconExtension } from './riskLexiconExtension.js';
export type { RiskLexicon, RiskTier } from './riskLexicon.js';
