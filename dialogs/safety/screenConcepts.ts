import type { CompiledLexicon } from './compileLexicon.js';
import { CONCEPTS } from './concepts.js';
import { conceptRules, type ConceptRule } from './conceptRules.js';
import { isNegated } from './negation.js';
import { PatternTrie } from './patternTrie.js';
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
    this.trie.seal();
  }

  /** Every rule that fires on the words (as CompiledLexicon.words reads them), with `sentenceEnds` the word indices after which a sentence ends. */
  hits(words: readonly string[], sentenceEnds: ReadonlySet<number>): ConceptHit[] {
    const occurrences = this.occurrences(words);
    const hits: ConceptHit[] = [];
    if (occurrences.length === 0) return hits;
    const present = new Set(occurrences.map((o) => o.concept));
    const short = words.filter((w) => w !== BOUNDARY).length <= SHORT_MESSAGE_WORDS;
    // Each occurrence filed once under the clause and the sentence it lies in: the work grows with
    // the message, never with its square, whatever a hostile text repeats.
    const scopes = { clause: new Map<number, Stretch>(), sentence: new Map<number, Stretch>() };
    for (const scope of ['clause', 'sentence'] as const) {
      const ids = stretchIds(words, scope, sentenceEnds, short);
      for (const o of occurrences) {
        const id = ids[o.start]!;
        if (id !== ids[o.end - 1]) continue;
        let stretch = scopes[scope].get(id);
        if (!stretch) scopes[scope].set(id, (stretch = new Map()));
        const list = stretch.get(o.concept) ?? [];
        list.push(o);
        stretch.set(o.concept, list);
      }
    }
    for (const rule of conceptRules) {
      // Most messages hold few concepts: a rule whose concepts are not all there is passed over at once.
      if (!rule.all.every((c) => present.has(c))) continue;
      for (const stretch of scopes[rule.scope].values()) {
        if (!rule.all.every((c) => stretch.has(c)) || rule.none?.some((c) => stretch.has(c))) continue;
        const chosen = choose(rule.all, stretch, rule.span ?? Infinity);
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

/** Occurrences in one clause or sentence, by concept, each list in the order found (by start). */
type Stretch = Map<string, Occurrence[]>;

/** For each word, the clause or sentence it belongs to (a short message's sentences are one). */
function stretchIds(words: readonly string[], scope: ConceptRule['scope'], sentenceEnds: ReadonlySet<number>, short: boolean): Int32Array {
  const ids = new Int32Array(words.length);
  if (scope === 'sentence' && short) return ids;
  let id = 0;
  for (let i = 0; i < words.length; i++) {
    const ends = scope === 'clause' ? words[i] === BOUNDARY : sentenceEnds.has(i);
    ids[i] = ends ? -1 : id;
    if (ends) id += 1;
  }
  return ids;
}

/**
 * One occurrence per concept named, none overlapping another, all within `span` words; or null.
 * Once one is chosen, only occurrences starting within the span of it are tried (found by binary
 * search), so a text that repeats a concept thousands of times out of span costs little.
 */
function choose(names: readonly string[], stretch: Stretch, span: number): Occurrence[] | null {
  const pick = (i: number, chosen: Occurrence[], lo: number, hi: number): Occurrence[] | null => {
    if (i === names.length) return chosen;
    const list = stretch.get(names[i]!) ?? [];
    const first = chosen.length === 0 || span === Infinity ? 0 : firstStartingAt(list, hi - span);
    for (let k = first; k < list.length; k++) {
      const o = list[k]!;
      if (chosen.length > 0 && span !== Infinity && o.start > lo + span) break;
      if (chosen.some((c) => c.start < o.end && o.start < c.end)) continue;
      const nextLo = Math.min(lo, o.start);
      const nextHi = Math.max(hi, o.end);
      if (nextHi - nextLo > span) continue;
      const done = pick(i + 1, [...chosen, o], nextLo, nextHi);
      if (done) return done;
    }
    return null;
  };
  return pick(0, [], Infinity, -Infinity);
}

/** The first occurrence in a list (in order of start) that starts at or after `at`. */
function firstStartingAt(list: readonly Occurrence[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
