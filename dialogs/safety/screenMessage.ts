import { readContext, type MessageContext } from './aboutSomeoneElse.js';
import { builtInRiskModel } from './classifier/builtInRiskModel.js';
import { classifyRisk, type RiskModel, type RiskScores } from './classifier/riskModel.js';
import { compileLexicon, type CompiledLexicon, type PatternMatch } from './compileLexicon.js';
import { isNegated } from './negation.js';
import { TIER_RANK, type RiskLexicon, type RiskTier } from './riskLexicon.js';
import { ConceptMatcher, sentenceEndsOf } from './screenConcepts.js';
import { BOUNDARY } from './screeningWords.js';

/** One phrase found in a message, as it counts. */
export interface RiskMatch {
  /** After negation: "I'm not suicidal" counts as routine (see screenMessage). */
  tier: RiskTier;
  category: string;
  /** The message's words that matched, as the screener read them ("kil myself"). */
  words: string;
  /** The lexicon phrase, or the concept rule ("concept: wish + death"), or "model", that matched them. */
  phrase: string;
  negated: boolean;
  /** Which layer found it: an explicit phrase, a combination of concepts, or the trained model. */
  layer: 'phrase' | 'concept' | 'model';
  /** Lowered to routine: about a film, a course, someone else's story, or said in jest. */
  lowered?: 'about-something-else' | 'jest';
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
  /** The trained model's probabilities, for the audit. */
  scores?: RiskScores;
}

/** What screening uses beside the lexicon: the trained model (null: rules only). */
export interface ScreenOptions {
  model?: RiskModel | null;
}

// A denied statement still goes to a person, but not within minutes: someone who brings up suicide
// or a violent partner unprompted, even to deny it, is telling their link worker something. A
// denied routine matter ("we're not being evicted after all") raises nothing.
const DENIED: Readonly<Record<RiskTier, RiskTier | null>> = { urgent: 'routine', 'same-day': 'routine', routine: null };

/**
 * Screen one inbound message in three layers (docs/risk-and-alerts.md, "How messages are screened"): the highest
 * tier found, with its categories, or null when nothing was. Phrases: one inside a longer built-in
 * `overrides` phrase gives way to it ("my son is suicidal" is someone else's risk); one inside a
 * figure of speech is dropped unless it is explicit; one inside a longer one of its category counts
 * as the longer; one denied in its own clause drops to routine (a routine one to nothing). Concepts
 * combined by conceptRules, under the same figures and denials. Then context ("a film about
 * suicide": a flag) and jest, and the trained model (options.model; null for the rules alone).
 * Builds the lexicon on first use (~0.5 s), then takes about a tenth of a millisecond for a text
 * message and a few milliseconds for 1,600 characters.
 */
export function screenMessage(text: string, lexicon: RiskLexicon, options: ScreenOptions = {}): RiskFinding | null {
  if (text.length <= CHUNK_CHARS) return screenPiece(text, lexicon, options);
  // A long text (web chat allows far more than an SMS) is screened in pieces of a few sentences,
  // so the work grows with its length, never with its square; what no piece covers is not passed
  // as safe.
  const pieces = piecesOf(text);
  const findings = pieces.slice(0, MAX_PIECES).map((piece) => screenPiece(piece, lexicon, options));
  if (pieces.length > MAX_PIECES) findings.push(TOO_LONG);
  return strongest(findings);
}

/** Longer texts are screened in pieces of about this many characters (an SMS is at most 1,600). */
const CHUNK_CHARS = 2000;
/** Pieces screened at the most (about 128,000 characters); the rest raises a same-day alert unread. */
const MAX_PIECES = 64;
const TOO_LONG = unreadFinding('too-long-to-screen', 'longer than the screen reads');

/**
 * What a message the screen could not read raises: a same-day alert, so that a person reads it
 * today rather than nobody (too long to screen; a screen that failed, see riskScreenFor).
 */
export function unreadFinding(category: string, why: string): RiskFinding {
  return {
    tier: 'same-day',
    categories: [category],
    matched: [],
    negated: false,
    matches: [{ tier: 'same-day', category, words: '', phrase: why, negated: false, layer: 'phrase' }],
  };
}

/** The text cut at sentence ends (or spaces) into pieces of at most CHUNK_CHARS. */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK_CHARS);
    if (to < text.length) {
      const window = text.slice(from, to);
      const cut = Math.max(window.search(/[.!?\n][^.!?\n]*$/), window.lastIndexOf(' '));
      if (cut > CHUNK_CHARS / 2) to = from + cut + 1;
    }
    pieces.push(text.slice(from, to));
    from = to;
  }
  return pieces;
}

/** The highest finding of several, with every category and match at that tier. */
function strongest(findings: readonly (RiskFinding | null)[]): RiskFinding | null {
  const found = findings.filter((f): f is RiskFinding => f !== null);
  if (found.length === 0) return null;
  const tier = found.map((f) => f.tier).sort((a, b) => TIER_RANK[b] - TIER_RANK[a])[0]!;
  const top = found.filter((f) => f.tier === tier);
  return {
    tier,
    categories: [...new Set(top.flatMap((f) => f.categories))],
    matched: [...new Set(top.flatMap((f) => f.matched))],
    negated: top.every((f) => f.negated),
    matches: found.flatMap((f) => f.matches).sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]),
  };
}

function screenPiece(text: string, lexicon: RiskLexicon, options: ScreenOptions): RiskFinding | null {
  const compiled = compileLexicon(lexicon);
  const words = compiled.words(text);
  const phrases = phraseMatches(compiled, words);
  // A concept found inside a figure of speech ("I'd rather die than do karaoke") or inside a phrase
  // that re-reads it as someone else's ("my daughter has been self harming") gives way to it.
  const concepts = conceptMatches(compiled, text, words).filter((c) => !phrases.covering.some((f) => overlaps(c, f)));
  const context = readContext(text, words);
  const rules = [...phrases.matches, ...concepts].map((m) => lowered(m, context));
  const matches = [...rules];
  const model = options.model === undefined ? builtInRiskModel() : options.model;
  // One or two words ("not sure", "stop") are too little for the model to judge: the rules read them.
  const verdict = model && words.filter((w) => w !== BOUNDARY).length >= MODEL_MIN_WORDS ? classifyRisk(model, text) : null;
  if (verdict?.tier) {
    const tier = modelTier(verdict.tier, rules, phrases.figures);
    matches.push({
      tier,
      category: 'model',
      words: '',
      phrase: 'model',
      negated: tier !== verdict.tier && rules.some((m) => m.negated),
      layer: 'model',
      start: 0,
      end: 0,
    });
  }
  // When in doubt between urgent and same-day, urgent: a same-day finding that the model also
  // reads as same-day, and half believes is urgent, is urgent (held-out urgent recall on the
  // training corpus 86.6% to 88.7%, no more alerts on messages that need nothing; the cost: 15%
  // rather than 8% of same-day messages are called within minutes).
  const sameDay = matches.some((m) => m.tier === 'same-day' && !m.lowered && !m.negated) && !matches.some((m) => m.tier === 'urgent');
  if (model && verdict && sameDay && verdict.scores.sameDay >= model.thresholds.sameDay && verdict.scores.urgent >= IN_DOUBT * model.thresholds.urgent) {
    matches.push({
      tier: 'urgent',
      category: 'model',
      words: '',
      phrase: 'model: in doubt between urgent and same-day',
      negated: false,
      layer: 'model',
      start: 0,
      end: 0,
    });
  }
  const kept = matches.filter((m): m is Located & { tier: RiskTier } => m.tier !== null);
  if (kept.length === 0) return null;
  kept.sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]);
  const tier = kept[0]!.tier;
  const top = kept.filter((m) => m.tier === tier);
  // The model names no category: when it alone raised the tier, the categories are those the
  // rules found at any tier, or "unclear" (a person reads the message either way).
  const named = top.filter((m) => m.layer !== 'model').map((m) => m.category);
  const categories = named.length > 0 ? named : kept.filter((m) => m.layer !== 'model').map((m) => m.category);
  return {
    tier,
    categories: [...new Set(categories.length > 0 ? categories : ['unclear'])],
    matched: [...new Set(top.map((m) => m.words).filter(Boolean))],
    negated: top.every((m) => m.negated),
    matches: kept.map(({ start: _s, end: _e, ...m }) => m),
    ...(verdict ? { scores: verdict.scores } : {}),
  };
}

type Located = Omit<RiskMatch, 'tier'> & { tier: RiskTier | null; start: number; end: number };

/** Layer 1: the lexicon's phrases (see screenMessage for the rules), and the spans of its figures of speech and re-reading phrases. */
function phraseMatches(compiled: CompiledLexicon, words: string[]): { matches: Located[]; covering: Span[]; figures: number } {
  const found = compiled.matches(words);
  const phrases = found.flatMap((m) => (m.entry.kind === 'phrase' ? [{ ...m, phrase: m.entry.phrase }] : []));
  const figures = found.filter((m) => m.entry.kind === 'figure');
  const overriding = phrases.filter((m) => m.phrase.overrides);
  const kept = phrases.filter(
    (m) =>
      !overriding.some((o) => o !== m && within(m, o) && (span(o) > span(m) || !m.phrase.overrides)) &&
      (m.phrase.explicit || !figures.some((f) => within(m, f))),
  );
  const matches: Located[] = [];
  for (const m of kept) {
    // A phrase inside a longer one of its category counts once, as the longer: "take an overdose"
    // holds "overdose", and "I'd never take an overdose" denies both.
    if (kept.some((o) => o.phrase.category === m.phrase.category && within(m, o) && span(o) > span(m))) continue;
    const negated = isNegated(words, m.start, m.end);
    const tier = negated ? DENIED[m.phrase.tier] : m.phrase.tier;
    matches.push({
      tier,
      category: m.phrase.category,
      words: words.slice(m.start, m.end).join(' '),
      phrase: m.phrase.phrase,
      negated,
      layer: 'phrase',
      start: m.start,
      end: m.end,
    });
  }
  return { matches, covering: [...figures, ...overriding], figures: figures.length };
}

const matchers = new WeakMap<CompiledLexicon, ConceptMatcher>();

/** Layer 2: combinations of concepts within a clause or a short message (conceptRules.ts). */
function conceptMatches(compiled: CompiledLexicon, text: string, words: string[]): Located[] {
  return matcherFor(compiled)
    .hits(words, sentenceEndsOf(text, words))
    .map((hit) => ({
      tier: hit.negated ? DENIED[hit.rule.tier] : hit.rule.tier,
      category: hit.rule.category,
      words: words
        .slice(hit.start, hit.end)
        .filter((w) => w !== '|')
        .join(' '),
      phrase: `concept: ${hit.rule.all.join(' + ')}`,
      negated: hit.negated,
      layer: 'concept',
      start: hit.start,
      end: hit.end,
    }));
}

/**
 * The tier the model may give, with the rules' reading beside it. The model reads no denial and no
 * figure of speech: where the rules found only denials ("I would never hurt myself"), or a figure
 * of speech and nothing else ("I hurt myself falling over in the garden"), its word is a flag at
 * most. (Requiring a risk concept beside the model's word was tried and dropped: in held-out tests
 * on the training corpus it cut urgent recall from 86% to 68% to save 0.2% of false alarms.)
 */
function modelTier(tier: RiskTier, rules: readonly Located[], figures: number): RiskTier {
  if (rules.length > 0 && rules.every((m) => m.negated)) return 'routine';
  if (rules.length === 0 && figures > 0) return 'routine';
  return tier;
}

function matcherFor(compiled: CompiledLexicon): ConceptMatcher {
  let matcher = matchers.get(compiled);
  if (!matcher) {
    matcher = new ConceptMatcher(compiled);
    matchers.set(compiled, matcher);
  }
  return matcher;
}

/**
 * A risk word about a film, a course, an event or someone else's story is a flag for the link
 * worker, never nothing; a first-person clause of its own keeps its tier. A threat to someone
 * else said in jest is a flag at most.
 */
function lowered(m: Located, message: MessageContext): Located {
  if (m.tier !== 'urgent' && m.tier !== 'same-day') return m;
  const context = message.contextOf(m.start, m.end);
  // Only a threat the client makes to someone else: "he's hitting me lol" is no joke.
  const toTheClient = /\b(me|myself)\b/.test(m.words);
  if (m.category === 'violence' && context.jest && !toTheClient) return { ...m, tier: 'routine', lowered: 'jest' };
  if (context.aboutSomethingElse && !IMMEDIATE.has(m.category)) return { ...m, tier: 'routine', lowered: 'about-something-else' };
  return m;
}

const MODEL_MIN_WORDS = 3;
/** The share of the urgent threshold at which the model tips a same-day finding to urgent. */
const IN_DOUBT = 0.5;

// Danger happening now stays where it is, whatever else the message talks about.
const IMMEDIATE = new Set(['medical-emergency', 'fall-long-lie']);

type Span = Pick<PatternMatch, 'start' | 'end'>;
const span = (m: Span) => m.end - m.start;
const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

// What a caller needs beside screenMessage, from one place.
export { defaultRiskLexicon } from './defaultRiskLexicon.js';
export { extendLexicon, riskLexiconExtensionSchema, type RiskLexiconExtension } from './riskLexiconExtension.js';
export type { RiskLexicon, RiskTier } from './riskLexicon.js';
