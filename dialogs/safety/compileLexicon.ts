import { END, expandPattern, GAP, MANY } from './phrasePattern.js';
import { PatternTrie } from './patternTrie.js';
import type { RiskLexicon, RiskPhrase } from './riskLexicon.js';
import { canonicalWords, rawWords, spellingTable, squeeze, type SpellingTable } from './screeningWords.js';

export type LexiconEntry = { kind: 'phrase'; phrase: RiskPhrase } | { kind: 'figure'; pattern: string };

/** Words [start, end) of a message that one phrase or figure of speech matched. */
export interface PatternMatch {
  start: number;
  end: number;
  entry: LexiconEntry;
}

const REPAIR_CACHE_LIMIT = 20_000;
const compiled = new WeakMap<RiskLexicon, CompiledLexicon>();

/** A lexicon ready to screen with, built once per lexicon object. Throws PhrasePatternError for a bad pattern. */
export function compileLexicon(lexicon: RiskLexicon): CompiledLexicon {
  let ready = compiled.get(lexicon);
  if (!ready) {
    ready = new CompiledLexicon(lexicon);
    compiled.set(lexicon, ready);
  }
  return ready;
}

/**
 * compileLexicon in short steps, letting other work (requests) run between them: the same build,
 * paused every few patterns. A screen needed meanwhile builds its own at once; whichever finishes
 * first is kept.
 */
export async function compileLexiconInSteps(lexicon: RiskLexicon, pause: () => Promise<void>): Promise<CompiledLexicon> {
  const kept = compiled.get(lexicon);
  if (kept) return kept;
  const building = new CompiledLexicon(lexicon, { later: true });
  for (const _ of building.build(lexicon)) {
    await pause();
    const meanwhile = compiled.get(lexicon);
    if (meanwhile) return meanwhile;
  }
  if (!compiled.has(lexicon)) compiled.set(lexicon, building);
  return compiled.get(lexicon)!;
}

/** Patterns added between pauses of a stepped build (a few milliseconds' work). */
const PATTERNS_PER_STEP = 10;

export class CompiledLexicon {
  private readonly spellings: SpellingTable;
  private readonly trie = new PatternTrie<LexiconEntry>();
  private readonly known = new Set<string>();
  private fuzzy: readonly string[] = [];
  private readonly repaired = new Map<string, string>();
  private readonly wordsRead = new Map<string, readonly string[]>();

  /** Built at once; with `later`, only when build() is run to its end (compileLexiconInSteps). */
  constructor(lexicon: RiskLexicon, options: { later?: boolean } = {}) {
    this.spellings = spellingTable(lexicon.spellings);
    if (!options.later) for (const _ of this.build(lexicon));
  }

  /** The build, pausing (yielding) every few patterns; one code path whether run at once or in steps. */
  *build(lexicon: RiskLexicon): Generator<void> {
    let added = 0;
    const entries = [
      ...lexicon.phrases.map((phrase) => [phrase.phrase, { kind: 'phrase', phrase }] as const),
      ...lexicon.figuresOfSpeech.map((pattern) => [pattern, { kind: 'figure', pattern }] as const),
    ];
    for (const [pattern, entry] of entries) {
      this.add(pattern, entry);
      if (++added % PATTERNS_PER_STEP === 0) yield;
    }
    for (const to of [...this.spellings.single.values(), ...this.spellings.multi.values()]) {
      for (const w of to) this.known.add(w);
    }
    for (const word of lexicon.notMisspellings) this.known.add(squeeze(word.toLowerCase()));
    this.fuzzy = [...new Set(lexicon.fuzzyWords.map((w) => squeeze(w.toLowerCase())))];
    yield;
    this.trie.seal();
  }

  /** A pattern's forms as words, read exactly as a message's words are. */
  expand(pattern: string): string[][] {
    return expandPattern(pattern, (word) => this.readWord(word));
  }

  /** A pattern's word as screened; the same few hundred words recur across thousands of patterns. */
  private readWord(word: string): readonly string[] {
    let read = this.wordsRead.get(word);
    if (!read) {
      read = canonicalWords(rawWords(word), this.spellings);
      this.wordsRead.set(word, read);
    }
    return read;
  }

  /** Whether a word (as screened) appears in the lexicon's phrases, figures of speech or spellings. */
  uses(word: string): boolean {
    return this.known.has(word) || this.spellings.single.has(word) || this.spellings.multi.has(word);
  }

  /** A message's words as matched: canonical (see canonicalWords), misspellings of the lexicon's fuzzy words mended. */
  words(text: string): string[] {
    return canonicalWords(rawWords(text), this.spellings).map((w) => this.repair(w));
  }

  /** Every phrase and figure of speech found in the words, wherever it starts. */
  matches(words: readonly string[]): PatternMatch[] {
    return this.trie.matches(words).map(({ start, end, value }) => ({ start, end, entry: value }));
  }

  private add(pattern: string, entry: LexiconEntry): void {
    for (const form of this.expand(pattern)) {
      for (const word of form) if (word !== GAP && word !== END && word !== MANY) this.known.add(word);
      this.trie.add(form, entry);
    }
  }

  /** A word the lexicon does not know, mended to the fuzzy word it is surely a slip for. */
  private repair(word: string): string {
    if (this.known.has(word) || word.length < 4 || !/^\p{L}+$/u.test(word)) return word;
    const cached = this.repaired.get(word);
    if (cached !== undefined) return cached;
    let best = word;
    let bestDistance = Infinity;
    for (const target of this.fuzzy) {
      const allowed = target.length >= 7 ? 2 : target.length >= 5 ? 1 : 0;
      if (allowed === 0 || Math.abs(target.length - word.length) > allowed) continue;
      const distance = editDistance(word, target, allowed);
      // Two slips only in words of 7+ letters, within a letter of its length and starting as it
      // does ("suicidle", "ovrdose"): "election" is not "eviction", nor "dressed" "depressed".
      if (distance === 2 && (Math.abs(target.length - word.length) > 1 || word.slice(0, 2) !== target.slice(0, 2))) continue;
      if (distance <= allowed && distance < bestDistance) {
        best = target;
        bestDistance = distance;
      }
    }
    if (this.repaired.size >= REPAIR_CACHE_LIMIT) this.repaired.clear();
    this.repaired.set(word, best);
    return best;
  }
}

/** Letters added, dropped, changed or two neighbours swapped (optimal string alignment); `limit + 1` once past the limit. */
function editDistance(a: string, b: string, limit: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
