import type { ItemVocabulary } from './itemVocabulary.js';
import { REAL_WORDS_NEAR_ANSWERS } from './realWordsNearAnswers.js';

// Number words a slip may be aimed at, whatever the item ("fiev", "sevne", "nien").
const NUMBER_WORDS = 'zero three four five seven eight nine eleven twelve twenty thirty'.split(' ');

/**
 * A word the item does not expect, mended to the one it was surely meant as: a doubled letter of
 * emphasis ("oftenn", "agreee"), or one slip (a letter added, dropped, changed, or two swapped) in
 * an answer word of four letters or more ("ocasionaly", "fiev", "nevr"). A real word is never
 * mended into another ("fine" is not "five", "fever" not "never"), and nor is a word of three letters.
 */
export function repairWord(word: string, vocabulary: ItemVocabulary): string {
  if (vocabulary.known.has(word) || /\d/.test(word) || REAL_WORDS_NEAR_ANSWERS.has(word)) return word;
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) continue;
    const single = word.slice(0, i) + word.slice(i + 1);
    if (vocabulary.known.has(single)) return single;
  }
  if (word.length < 4) return word;
  const near = [...vocabulary.longWords, ...NUMBER_WORDS].filter((w) => w.length >= 4 && oneEditApart(word, w));
  const distinct = [...new Set(near)];
  // "sometimse" is one slip from "sometimes" and from "sometime": take the one of its own length.
  const closest = distinct.length > 1 ? distinct.filter((w) => w.length === word.length) : distinct;
  return closest.length === 1 ? closest[0]! : word;
}

/** One letter added, dropped, changed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
