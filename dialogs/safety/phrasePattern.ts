/**
 * The pattern syntax of lexicon phrases and figures of speech, word by word:
 *   word        the word, read as a message's words are (so "dont" also matches "don't" and "do not")
 *   (a|b c)     one of the alternatives, each a run of words; `|` only inside brackets
 *   x?          x or nothing (x a word or a bracket)
 *   *           any 0–2 words within the clause
 *   $           the end of a clause (end of the message, or . , ! ? ; : or a new line)
 *   #           a number of 10 or more, in figures ("took 30 paracetamol")
 * e.g. `(do not|not) want to (live|be here) anymore?`, `can not go on $`.
 */
export const GAP = '*';
export const END = '$';
export const MANY = '#';
export const GAP_MAX_WORDS = 2;
const MAX_EXPANSIONS = 5000;

export class PhrasePatternError extends Error {
  override readonly name = 'PhrasePatternError';
}

type Part = { word: string } | { alternatives: Part[][] } | { special: typeof GAP | typeof END | typeof MANY };
interface Item {
  part: Part;
  optional: boolean;
}

/**
 * Every run of words a pattern matches, each word read by `readWord` (which may turn one word into
 * several, or none for a filler). Throws PhrasePatternError for a pattern that cannot be used.
 */
export function expandPattern(pattern: string, readWord: (word: string) => readonly string[]): string[][] {
  const tokens = pattern.match(/\(|\)|\||\?|[^\s()|?]+/g) ?? [];
  let at = 0;
  const fail = (message: string): never => {
    throw new PhrasePatternError(`"${pattern}": ${message}`);
  };

  const parseSequence = (depth: number): Item[] => {
    const items: Item[] = [];
    while (at < tokens.length && tokens[at] !== ')' && tokens[at] !== '|') {
      const token = tokens[at++]!;
      let part: Part;
      if (token === '(') {
        const alternatives = [parseSequence(depth + 1)];
        while (tokens[at] === '|') {
          at++;
          alternatives.push(parseSequence(depth + 1));
        }
        if (tokens[at] !== ')') fail('a "(" is not closed');
        at++;
        part = { alternatives: alternatives.map((seq) => seq.map(toPart)) };
      } else if (token === '?') {
        return fail('"?" must follow a word or a bracket');
      } else if (token === GAP || token === END || token === MANY) {
        part = { special: token };
      } else {
        part = { word: token };
      }
      const optional = tokens[at] === '?';
      if (optional) at++;
      items.push({ part, optional });
    }
    if (depth === 0 && at < tokens.length) fail(tokens[at] === '|' ? '"|" is only allowed inside brackets' : 'an unopened ")"');
    return items;
  };
  // An alternative's items, kept with their own optional marks.
  const toPart = (item: Item): Part => (item.optional ? { alternatives: [[item.part], []] } : item.part);

  const items = parseSequence(0);
  const expand = (parts: readonly Part[]): string[][] => {
    let runs: string[][] = [[]];
    for (const part of parts) {
      let choices: string[][];
      if ('word' in part) choices = [[...readWord(part.word)]];
      else if ('special' in part) choices = [[part.special]];
      else choices = part.alternatives.flatMap(expand);
      runs = runs.flatMap((run) => choices.map((choice) => [...run, ...choice]));
      if (runs.length > MAX_EXPANSIONS) fail(`has more than ${MAX_EXPANSIONS} forms: split it into several phrases`);
    }
    return runs;
  };
  const runs = expand(items.map(toPart));
  const seen = new Set<string>();
  const unique = runs.filter((run) => {
    const key = run.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const run of unique) {
    const words = run.filter((w) => w !== GAP && w !== END && w !== MANY);
    if (words.length === 0) fail('can match without any word');
    if (run[0] === GAP || run[0] === END) fail(`cannot start with "${run[0]}"`);
    if (run[run.length - 1] === GAP) fail('cannot end with "*"');
  }
  return unique;
}
