import type { ItemVocabulary } from './itemVocabulary.js';

/**
 * A word the item does not expect, mended to the one it was surely meant as: a doubled letter of
 * emphasis ("oftenn", "agreee"), or one slip in a long answer word ("ocasionaly", "sometimse").
 * Short words are left alone: "fever" is not "never".
 */
export function repairWord(word: string, vocabulary: ItemVocabulary): string {
  if (vocabulary.known.has(word) || /\d/.test(word)) return word;
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) continue;
    const single = word.slice(0, i) + word.slice(i + 1);
    if (vocabulary.known.has(single)) return single;
  }
  if (word.length < 6) return word;
  const near = vocabulary.longWords.filter((w) => oneEditApart(word, w));
  // "sometimse" is one slip from "sometimes" and from "sometime": take the one of its own length.
  const closest = near.length > 1 ? near.filter((w) => w.length === word.length) : near;
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
