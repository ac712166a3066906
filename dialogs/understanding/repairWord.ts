import type { ItemVocabulary } from './itemVocabulary.js';
import { REAL_WORDS_NEAR_ANSWERS } from './realWordsNearAnswers.js';
import { NEGATIONS } from './replyWords.js';

// Number words a slip may be aimed at, whatever the item ("fiev", "sevne", "nien").
const NUMBER_WORDS = 'zero three four five seven eight nine eleven twelve twenty thirty'.split(' ');

// Long answer words take two slips ("somtims", "occasinaly"): long enough that two slips still leave
// them plain, and few real words lie two slips from them (those few are in REAL_WORDS_NEAR_ANSWERS).
const TWO_SLIPS_FROM = 9;
const TWO_SLIPS_TYPED = 7;

/**
 * A word the item does not expect, mended to the one it was surely meant as: a doubled letter of
 * emphasis ("oftenn", "agreee"), one slip (a letter added, dropped, changed, or two swapped) in
 * an answer word of four letters or more ("ocasionaly", "fiev", "nevr"), or two in a one-word answer
 * of nine or more ("somtims"). A real word is never mended into another ("fine" is not "five", "fever" not
 * "never"), and nor is a word of three letters. Between two answer words one slip away, a whole
 * answer wins over a word of one ("nver" is "never", not "ever"), and answers that mean the same are one.
 */
export function repairWord(word: string, vocabulary: ItemVocabulary): string {
  if (vocabulary.known.has(word) || /\d/.test(word) || REAL_WORDS_NEAR_ANSWERS.has(word)) return word;
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) continue;
    const single = word.slice(0, i) + word.slice(i + 1);
    if (vocabulary.known.has(single)) return single;
  }
  if (word.length < 4) return word;
  const targets = [...new Set([...vocabulary.longWords, ...NUMBER_WORDS])].filter((w) => w.length >= 4);
  let near = targets.filter((w) => slipsApart(word, w) === 1);
  if (near.length === 0 && word.length >= TWO_SLIPS_TYPED) {
    near = [...vocabulary.answerWords.keys()].filter((w) => w.length >= TWO_SLIPS_FROM && slipsApart(word, w) === 2);
  }
  return pick(word, near, vocabulary) ?? word;
}

function pick(word: string, near: string[], vocabulary: ItemVocabulary): string | undefined {
  if (near.length <= 1) return near[0];
  const whole = near.filter((w) => vocabulary.answerWords.has(w));
  // "somtims" is two slips from "sometimes" and from "sometime", which answer alike.
  if (whole.length >= 1 && new Set(whole.map((w) => vocabulary.answerWords.get(w))).size === 1) return whole[0];
  // "sometimse" is one slip from "sometimes" and from "sometime": take the one of its own length.
  const same = (whole.length > 1 ? whole : near).filter((w) => w.length === word.length);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * Words of a phrase with one of them slipped, mended in place where the rest of the phrase is
 * there as written: "hardy ever", "most of the tim", "al of the time", "very god". A slip in a
 * short word must add, drop or swap a letter ("lit" is never "lot"), and no word is ever mended
 * into a negation.
 */
export function repairPhrases(tokens: readonly string[], vocabulary: ItemVocabulary): string[] {
  const out = [...tokens];
  const unknown = out.map((t) => !vocabulary.known.has(t) && !/\d/.test(t));
  if (!unknown.some(Boolean)) return out;
  const present = new Set(out);
  for (const { words, targets } of vocabulary.phrases) {
    if (words.length < 2 || targets.length === 0 || words.filter((w) => !present.has(w)).length > 1) continue;
    for (let i = 0; i + words.length <= out.length; i++) {
      let slipped = -1;
      const fits = words.every((w, k) => {
        const t = out[i + k]!;
        if (t === w) return true;
        if (slipped >= 0 || !unknown[i + k] || NEGATIONS.has(w) || !slipsInto(t, w)) return false;
        slipped = k;
        return true;
      });
      if (fits && slipped >= 0) {
        out[i + slipped] = words[slipped]!;
        unknown[i + slipped] = false;
      }
    }
  }
  return out;
}

function slipsInto(typed: string, meant: string): boolean {
  if (slipsApart(typed, meant) !== 1) return false;
  return typed.length >= 4 || typed.length !== meant.length || [...typed].sort().join('') === [...meant].sort().join('');
}

/** Letters added, dropped, changed or swapped with a neighbour to make one word the other: 0, 1, 2, or 3 for more. */
export function slipsApart(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = 3;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > 2) return 3;
  }
  return Math.min(d[a.length]![b.length]!, 3);
}
