import { END, GAP, GAP_MAX_WORDS, MANY } from './phrasePattern.js';
import { BOUNDARY } from './screeningWords.js';

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

/** Where a value's pattern matched: words [start, end). */
export interface TrieMatch<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Expanded patterns (runs of words, with the GAP, END and MANY specials of phrasePattern.ts) in a
 * trie, each carrying values; finds every match in a message's words, wherever it starts.
 */
export class PatternTrie<T> {
  private root: TrieNode<T> = { next: new Map(), values: [] };
  private sealed = false;

  /** Adds one form (a pattern's run of words) with its value; a value is kept once per form. */
  add(form: readonly string[], value: T): void {
    if (this.sealed) throw new Error('PatternTrie: add after seal()');
    let node = this.root;
    for (const word of form) {
      let child = node.next.get(word);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(word, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /**
   * Done adding: identical endings are shared (equal subtrees become one node, as in a word graph),
   * so a pattern whose alternatives multiply ("(he|she|my son…) (took|stole…) my (money|pension…)")
   * is held once per distinct tail, not once per form. Matching is unchanged.
   */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const ids = new Map<T, number>();
    const idOf = (value: T) => {
      let id = ids.get(value);
      if (id === undefined) ids.set(value, (id = ids.size));
      return id;
    };
    // Words as small numbers: a signature of numbers is quicker to build and compare than one of words.
    const wordIds = new Map<string, number>();
    const wordId = (word: string) => {
      let id = wordIds.get(word);
      if (id === undefined) wordIds.set(word, (id = wordIds.size));
      return id;
    };
    const canonical = new Map<string, TrieNode<T>>();
    const numbers = new Map<TrieNode<T>, number>();
    const share = (node: TrieNode<T>): TrieNode<T> => {
      const children: Array<[string, TrieNode<T>]> = [];
      for (const [word, child] of node.next) children.push([word, share(child)]);
      // Most nodes have one child or none: only a branching node needs its children put in order.
      if (children.length > 1) children.sort(([a], [b]) => wordId(a) - wordId(b));
      let signature =
        node.values.length === 1
          ? String(idOf(node.values[0]!))
          : node.values
              .map(idOf)
              .sort((a, b) => a - b)
              .join(',');
      signature += '|';
      for (const [word, child] of children) signature += `${wordId(word)}:${numbers.get(child)},`;
      const found = canonical.get(signature);
      if (found) return found;
      const made: TrieNode<T> = { next: new Map(children), values: node.values };
      numbers.set(made, numbers.size);
      canonical.set(signature, made);
      return made;
    };
    this.root = share(this.root);
  }

  /** Every match in the words. */
  matches(words: readonly string[]): TrieMatch<T>[] {
    const found: TrieMatch<T>[] = [];
    for (let start = 0; start < words.length; start++) {
      const first = this.root.next.get(words[start]!);
      if (first) walk(words, start, first, start + 1, found, found.length);
    }
    return found;
  }
}

/** Walks on from `node`; matches from this start are found[from...] (a form met twice by gaps counts once). */
function walk<T>(words: readonly string[], start: number, node: TrieNode<T>, at: number, found: TrieMatch<T>[], from: number): void {
  for (const value of node.values) {
    let seen = false;
    for (let i = from; i < found.length && !seen; i++) seen = found[i]!.value === value && found[i]!.end === at;
    if (!seen) found.push({ start, end: at, value });
  }
  const end = node.next.get(END);
  if (end && (at === words.length || words[at] === BOUNDARY)) walk(words, start, end, at, found, from);
  const gap = node.next.get(GAP);
  if (gap) {
    for (let skip = 0; skip <= GAP_MAX_WORDS && at + skip <= words.length; skip++) {
      if (skip > 0 && words[at + skip - 1] === BOUNDARY) break;
      walk(words, start, gap, at + skip, found, from);
    }
  }
  const word = words[at];
  if (word === undefined) return;
  const next = node.next.get(word);
  if (next) walk(words, start, next, at + 1, found, from);
  const many = node.next.get(MANY);
  if (many && /^\d+$/.test(word) && Number(word) >= 10) walk(words, start, many, at + 1, found, from);
}
