import { LRUCache } from 'lru-cache';
import { recognizers } from './recognizers.js';

/** A number said in a reply: which words said it (from, to inclusive) and its value. */
export interface NumberMention {
  from: number;
  to: number;
  value: number;
}

/**
 * Every number in a reply's words, as digits or words ("3", "three", "twenty one", "-1", "6.5").
 * The recognizer reads "2 3 1" as three numbers (1.3.1; the 1.1.4 copy inside botbuilder-dialogs
 * reads only the 2), which is what an ambiguous or multi-answer reply needs.
 */
export function numberMentions(tokens: readonly string[]): readonly NumberMention[] {
  const text = tokens.join(' ');
  let mentions = remembered.get(text);
  if (!mentions) {
    mentions = Object.freeze(recognize(tokens, text));
    remembered.set(text, mentions);
  }
  return mentions;
}

// Recognition is pure and the slowest step of understanding a reply (about 0.3 ms, and the first
// call loads its models), and clients send the same few replies again and again.
const remembered = new LRUCache<string, readonly NumberMention[]>({ max: 5000 });

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const SMALL_NUMBERS = 'zero one two three four five six seven eight nine ten'.split(' ');
// Words only the recognizer reads ("twenty one", "a dozen", "half").
const LARGER_NUMBER = /^(?:eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|nought)$/;

function recognize(tokens: readonly string[], text: string): NumberMention[] {
  // Digits and "one" to "ten" need no recognizer: most replies ("3", "7/10", "about seven", "often").
  if (!tokens.some((t) => LARGER_NUMBER.test(t) || (/\d/.test(t) && !PLAIN_NUMBER.test(t)))) {
    return tokens.flatMap((t, i) => {
      const value = PLAIN_NUMBER.test(t) ? Number(t) : SMALL_NUMBERS.indexOf(t);
      return value >= 0 || PLAIN_NUMBER.test(t) ? [{ from: i, to: i, value }] : [];
    });
  }
  const starts: number[] = [];
  let at = 0;
  for (const token of tokens) {
    starts.push(at);
    at += token.length + 1;
  }
  const tokenAt = (char: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > char) i--;
    return i;
  };
  const { recognizeNumber, Culture } = recognizers();
  const mentions = recognizeNumber(text, Culture.English).flatMap((r) => {
    const value = Number((r.resolution as { value?: string } | undefined)?.value);
    return Number.isFinite(value) ? [{ from: tokenAt(r.start), to: tokenAt(r.end), value }] : [];
  });
  // The recognizer leaves "one" after "the" as a pronoun; in a reply "just the one" is a count.
  tokens.forEach((token, i) => {
    const value = SMALL_NUMBERS.indexOf(token);
    if (value >= 0 && !mentions.some((m) => m.from <= i && i <= m.to)) mentions.push({ from: i, to: i, value });
  });
  return mentions.sort((a, b) => a.from - b.from);
}
