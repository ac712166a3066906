import type { CompiledLexicon } from './compileLexicon.js';
import { CONCEPTS } from './concepts.js';
import { conceptRules, type ConceptRule } from './conceptRules.js';
import { isNegated } from './negation.js';
import { END, GAP, GAP_MAX_WORDS, MANY } from './phrasePattern.js';
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

type Form = readonly string[];
const SHORT_MESSAGE_WORDS = 40;
const SENTENCE_END = new Set(['.', '!', '?']);

/** Concepts compiled for one lexicon's reading of words (its spellings and mended slips). */
export class ConceptMatcher {
  private readonly byFirst = new Map<string, { concept: string; form: Form }[]>();
  private readonly gapFirst: { concept: string; form: Form }[] = [];

  constructor(lexicon: CompiledLexicon) {
    for (const [concept, patterns] of Object.entries(CONCEPTS)) {
      for (const pattern of patterns) {
        for (const form of lexicon.expand(pattern)) {
          const first = form[0];
          if (first === undefined) continue;
          if (first === GAP) this.gapFirst.push({ concept, form });
          else {
            const list = this.byFirst.get(first) ?? [];
            list.push({ concept, form });
            this.byFirst.set(first, list);
          }
        }
      }
    }
    for (const rule of conceptRules) {
      for (const name of [...rule.all, ...(rule.none ?? [])]) if (!(name in CONCEPTS)) throw new Error(`concept rule names unknown concept "${name}"`);
    }
  }

  /** Every rule that fires on the words (as CompiledLexicon.words reads them), with `sentenceEnds` the word indices after which a sentence ends. */
  hits(words: readonly string[], sentenceEnds: ReadonlySet<number>): ConceptHit[] {
    const found = this.occurrences(words);
    const hits: ConceptHit[] = [];
    const wordCount = words.filter((w) => w !== BOUNDARY).length;
    for (const rule of conceptRules) {
      for (const [from, to] of stretches(words, rule.scope, sentenceEnds, wordCount <= SHORT_MESSAGE_WORDS)) {
        const inside = found.filter((o) => o.start >= from && o.end <= to);
        if (rule.none?.some((c) => inside.some((o) => o.concept === c))) continue;
        const chosen = choose(rule.all, inside, rule.span ?? Infinity);
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
    const found: Occurrence[] = [];
    for (let start = 0; start < words.length; start++) {
      for (const { concept, form } of this.byFirst.get(words[start]!) ?? []) {
        const end = matchForm(words, start, form, 0);
        if (end !== null) found.push({ concept, start, end });
      }
    }
    return found;
  }
}

/** Where a form matched from `start`, or null: the same syntax as the lexicon's trie walk. */
function matchForm(words: readonly string[], at: number, form: Form, i: number): number | null {
  if (i === form.length) return at;
  const part = form[i]!;
  if (part === END) return at === words.length || words[at] === BOUNDARY ? matchForm(words, at, form, i + 1) : null;
  if (part === GAP) {
    for (let skip = 0; skip <= GAP_MAX_WORDS && at + skip <= words.length; skip++) {
      if (skip > 0 && words[at + skip - 1] === BOUNDARY) break;
      const end = matchForm(words, at + skip, form, i + 1);
      if (end !== null) return end;
    }
    return null;
  }
  const word = words[at];
  if (word === undefined) return null;
  if (part === MANY) return /^\d+$/.test(word) && Number(word) >= 10 ? matchForm(words, at + 1, form, i + 1) : null;
  return word === part ? matchForm(words, at + 1, form, i + 1) : null;
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
