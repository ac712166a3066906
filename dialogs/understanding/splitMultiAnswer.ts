import { answerTokens } from './answerTokens.js';

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((word, n) => [word, n] as const),
  ['nought', 0],
]);

// Words that may sit between the numbers. Not "or", "to" or "maybe": "2 or 3" is one unsure answer.
const SPARE = new Set('and then um umm er erm ok okay yes yeah yep thanks thank you ty x xx xxx hi hello please pls my answers answer are is its'.split(' '));

/**
 * The answers to `count` items sent together, in order, when a reply is just that many whole
 * numbers ("2 3 1", "2,3,1", "2 - 3 - 1", "two, three and one"); null otherwise. Each number is
 * then the reply to its item (and may still be out of range there).
 */
export function splitMultiAnswer(text: string, count: number): number[] | null {
  const spaced = text
    .replace(/\d+(?:\.\d+){2,}/g, (run) => run.replace(/\./g, ' ')) // "2.3.1"; "6.5" stays a decimal
    .replace(/(\d)\s*[-\u2013\u2014,;/|]\s*(?=\d)/g, '$1 ');
  const numbers: number[] = [];
  for (const token of answerTokens(spaced)) {
    const n = /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS.get(token);
    if (n !== undefined) numbers.push(n);
    else if (!SPARE.has(token)) return null;
  }
  return numbers.length === count ? numbers : null;
}
