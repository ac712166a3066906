import { END, expandPattern, GAP, GAP_MAX_WORDS, MANY } from './phrasePattern.js';
import type { RiskLexicon, RiskPhrase } from './riskLexicon.js';
import { BOUNDARY, canonicalWords, rawWords, spellingTable, squeeze, type SpellingTable } from './screeningWords.js';

export type LexiconEntry = { kind: 'phrase'; phrase: RiskPhrase } | { kind: 'figure'; pattern: string };

/** Words [start, end) of a message that one phrase or figure of speech matched. */
export interface PatternMatch {
  start: number;
  end: number;
  entry: LexiconEntry;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: LexiconEntry[];
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

export class CompiledLexicon {
  private readonly spellings: SpellingTable;
  private readonly root: TrieNode = { next: new Map(), entries: [] };
  private readonly known = new Set<string>();
  private readonly fuzzy: readonly string[];
  private readonly repaired = new Map<string, string>();

  constructor(lexicon: RiskLexicon) {
    this.spellings = spellingTable(lexicon.spellings);
    for (const phrase of lexicon.phrases) this.add(phrase.phrase, { kind: 'phrase', phrase });
    for (const pattern of lexicon.figuresOfSpeech) this.add(pattern, { kind: 'figure', pattern });
    for (const to of [...this.spellings.single.values(), ...this.spellings.multi.values()]) to.forEach((w) => this.known.add(w));
    for (const word of lexicon.notMisspellings) this.known.add(squeeze(word.toLowerCase()));
    this.fuzzy = [...new Set(lexicon.fuzzyWords.map((w) => squeeze(w.toLowerCase())))];
  }

  /** A pattern's forms as words, read exactly as a message's words are. */
  expand(pattern: string): string[][] {
    return expandPattern(pattern, (word) => canonicalWords(rawWords(word), this.spellings));
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
    const found: PatternMatch[] = [];
    for (let start = 0; start < words.length; start++) {
      const first = this.root.next.get(words[start]!);
      if (first) this.walk(words, start, first, start + 1, found);
    }
    return found;
  }

  private walk(words: readonly string[], start: number, node: TrieNode, at: number, found: PatternMatch[]): void {
    for (const entry of node.entries) {
      if (!found.some((m) => m.entry === entry && m.start === start && m.end === at)) found.push({ start, end: at, entry });
    }
    const end = node.next.get(END);
    if (end && (at === words.length || words[at] === BOUNDARY)) this.walk(words, start, end, at, found);
    const gap = node.next.get(GAP);
    if (gap) {
      for (let skip = 0; skip <= GAP_MAX_WORDS && at + skip <= words.length; skip++) {
        if (skip > 0 && words[at + skip - 1] === BOUNDARY) break;
        this.walk(words, start, gap, at + skip, found);
      }
    }
    const word = words[at];
    if (word === undefined) return;
    const next = node.next.get(word);
    if (next) this.walk(words, start, next, at + 1, found);
    const many = node.next.get(MANY);
    if (many && /^\d+$/.test(word) && Number(word) >= 10) this.walk(words, start, many, at + 1, found);
  }

  private add(pattern: string, entry: LexiconEntry): void {
    for (const form of this.expand(pattern)) {
      let node = this.root;
      for (const word of form) {
        if (word !== GAP && word !== END && word !== MANY) this.known.add(word);
        let child = node.next.get(word);
        if (!child) {
          child = { next: new Map(), entries: [] };
          node.next.set(word, child);
        }
        node = child;
      }
      if (!node.entries.includes(entry)) node.entries.push(entry);
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
