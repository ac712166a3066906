import type { CompiledLexicon } from './compileLexicon.js';
import { CONCEPTS } from './concepts.js';
import { conceptRules, type ConceptRule } from './conceptRules.js';
import { isNegated } from './negation.js';
import { PatternTrie } from './patternTrie.js';
import type { RiskTier } from './riskLexicon.js';
import { BOUNDARY } from './screeningWords.js';

/** A rule that fired, where (words [start, end) of the message), and whether it was denied. */
export interface ConceptHit {
  rule: ConceptRule;
  start: number;
  end: number;
  negated: boolean;
}

interface Occurrence {
  concept: string;
  start: number;
  end: number;
}

const SHORT_MESSAGE_WORDS = 40;
const SENTENCE_END = new Set(['.', '!', '?']);

/** Concepts compiled for one lexicon's reading of words (its spellings and mended slips), as a trie of their forms. */
export class ConceptMatcher {
  private readonly trie = new PatternTrie<string>();

  constructor(lexicon: CompiledLexicon) {
    for (const [concept, patterns] of Object.entries(CONCEPTS)) {
      for (const pattern of patterns) for (const form of lexicon.expand(pattern)) this.trie.add(form, concept);
    }
    for (const rule of conceptRules) {
      for (const name of [...rule.all, ...(rule.none ?? [])]) if (!(name in CONCEPTS)) throw new Error(`concept rule names unknown concept "${name}"`);
    }
  }

  /** Every rule that fires on the words (as CompiledLexicon.words reads them), with `sentenceEnds` the word indices after which a sentence ends. */
  hits(words: readonly string[], sentenceEnds: ReadonlySet<number>): ConceptHit[] {
    const byConcept = new Map<string, Occurrence[]>();
    for (const o of this.occurrences(words)) {
      const list = byConcept.get(o.concept) ?? [];
      list.push(o);
      byConcept.set(o.concept, list);
    }
    const hits: ConceptHit[] = [];
    if (byConcept.size === 0) return hits;
    const short = words.filter((w) => w !== BOUNDARY).length <= SHORT_MESSAGE_WORDS;
    const scopes = { clause: stretches(words, 'clause', sentenceEnds, short), sentence: stretches(words, 'sentence', sentenceEnds, short) };
    for (const rule of conceptRules) {
      // Most messages hold few concepts: a rule whose concepts are not all there is passed over at once.
      if (!rule.all.every((c) => byConcept.has(c))) continue;
      for (const [from, to] of scopes[rule.scope]) {
        if (rule.none?.some((c) => within(byConcept.get(c), from, to).length > 0)) continue;
        const candidates = [...new Set(rule.all)].flatMap((c) => within(byConcept.get(c), from, to));
        const chosen = choose(rule.all, candidates, rule.span ?? Infinity);
        if (!chosen) continue;
        const core = chosen[rule.all.findIndex((c) => c !== 'self')] ?? chosen[0]!;
        hits.push({
          rule,
          start: Math.min(...chosen.map((o) => o.start)),
          end: Math.max(...chosen.map((o) => o.end)),
          negated: isNegated(words, core.start, core.end),
        });
        break;
      }
    }
    return hits;
  }

  private occurrences(words: readonly string[]): Occurrence[] {
    return this.trie.matches(words).map(({ start, end, value }) => ({ concept: value, start, end }));
  }
}

/** The occurrences that lie within [from, to). */
function within(found: readonly Occurrence[] | undefined, from: number, to: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (const o of found ?? []) if (o.start >= from && o.end <= to) out.push(o);
  return out;
}

/** The stretches [from, to) a rule looks within: clauses, or sentences (the whole of a short message). */
function stretches(words: readonly string[], scope: ConceptRule['scope'], sentenceEnds: ReadonlySet<number>, short: boolean): [number, number][] {
  if (scope === 'sentence' && short) return [[0, words.length]];
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= words.length; i++) {
    const ends = i === words.length || (scope === 'clause' ? words[i] === BOUNDARY : sentenceEnds.has(i));
    if (ends) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  return out;
}

/** One occurrence per concept named, none overlapping another, all within `span` words; or null. */
function choose(names: readonly string[], found: readonly Occurrence[], span: number): Occurrence[] | null {
  const pick = (i: number, chosen: Occurrence[]): Occurrence[] | null => {
    if (i === names.length) return chosen;
    for (const o of found) {
      if (o.concept !== names[i]) continue;
      if (chosen.some((c) => c.start < o.end && o.start < c.end)) continue;
      const next = [...chosen, o];
      if (Math.max(...next.map((c) => c.end)) - Math.min(...next.map((c) => c.start)) > span) continue;
      const done = pick(i + 1, next);
      if (done) return done;
    }
    return null;
  };
  return pick(0, []);
}

/** The sentence ends of a message's words: a boundary that came from . ! ? or a new line. */
export function sentenceEndsOf(text: string, words: readonly string[]): Set<number> {
  // Boundaries in the words are in the same order as punctuation runs in the text.
  const marks = [...text.matchAll(/[.,!?;:\n\r\u2026]+/g)].map((m) => [...m[0]].some((c) => SENTENCE_END.has(c) || c === '\n' || c === '\u2026'));
  const ends = new Set<number>();
  let mark = 0;
  words.forEach((w, i) => {
    if (w !== BOUNDARY) return;
    if (marks[mark] ?? true) ends.add(i);
    mark += 1;
  });
  return ends;
}

export const DENIED_CONCEPT: Readonly<Record<RiskTier, RiskTier | null>> = { urgent: 'routine', 'same-day': 'routine', routine: null };
