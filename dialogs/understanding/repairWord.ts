import type { ItemVocabulary } from './itemVocabulary.js';
import { REAL_WORDS_NEAR_ANSWERS, REAL_WORDS_NEAR_CONTEXT_WORDS, REAL_WORDS_SOUNDING_LIKE_ANSWERS } from './realWordsNearAnswers.js';
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
  // "Lonley", "realy", "grups": the question's own words and words of doubt, mended so that they are
  // read as said. A word one slip from one of these and from an answer word is neither ("lonly").
  const context = REAL_WORDS_NEAR_CONTEXT_WORDS.has(word)
    ? []
    : CONTEXT_WORDS.filter((w) => w.length >= 5 && vocabulary.known.has(w) && !vocabulary.answerWords.has(w) && slipsApart(word, w) === 1);
  const answers = near.filter((w) => vocabulary.answerWords.has(w) && !context.includes(w));
  if (answers.length > 0 && context.length > 0) return word;
  if (context.length === 1 && answers.length === 0) return context[0]!;
  if (near.length === 0 && word.length >= TWO_SLIPS_TYPED) {
    near = [...vocabulary.answerWords.keys()].filter((w) => w.length >= TWO_SLIPS_FROM && slipsApart(word, w) === 2);
  }
  return pick(word, near, vocabulary) ?? byEar(word, vocabulary) ?? word;
}

/** Words said around an answer that a slip in them should not turn into a remark ("i feel lonley sometimes"). */
const CONTEXT_WORDS = `
  lonely isolated companionship satisfied worthwhile happy anxious nervous hopeless restless fidgety depressed everything effort
  worthless health groups activities activity general really honestly probably definitely suppose reckon feeling
`
  .trim()
  .split(/\s+/);

/**
 * Answer words no common English word sounds like (checked against the word list): spelt by ear
 * ("sumtims", "okashunly", "orlways", "nevah", "hardlee"), a word that sounds like one of them is it.
 */
export const SOUND_ALIKE: ReadonlySet<string> = new Set(
  `
  sometimes sometime occasionally occasional always never often hardly mostly frequently constantly continually completely
  excellent horrendous dreadful awful rubbish brilliant fantastic healthy disagree seven twelve twenty thirty little
  absolutely definitely rarely seldom regularly worthless depressed satisfied lonely
`
    .trim()
    .split(/\s+/),
);

const MIN_BY_EAR = 5;

/**
 * A word spelt as it sounds, mended to the one answer word (of SOUND_ALIKE) that sounds the same,
 * when no other word the item expects does and it is no real word itself.
 */
function byEar(word: string, vocabulary: ItemVocabulary): string | undefined {
  if (word.length < MIN_BY_EAR || REAL_WORDS_SOUNDING_LIKE_ANSWERS.has(word)) return undefined;
  const key = soundKey(word);
  const alike = [...vocabulary.known].filter((w) => soundKey(w) === key);
  return alike.length === 1 && SOUND_ALIKE.has(alike[0]!) ? alike[0] : undefined;
}

/**
 * How a word sounds, roughly, as its consonants: doubled letters one, "ph" f, "c" k or s, "z" s,
 * "tion"/"sion"/"shun" one sound, a final "-y"/"-ey"/"-ee" one ending and "-er"/"-ah"/"-a" another
 * ("neva", "nevah"), an "r" after a vowel unsaid ("orlways", "hardly" as "hadly"), and the vowels
 * dropped ("sumtyms", "sometimes"). Only for comparing two words.
 */
export function soundKey(word: string): string {
  let w = word.toLowerCase();
  w = w.replace(/(?:ey|ee|ie|ea|y|i)$/, 'I').replace(/(?:er|ah|ar|or|ur|a|re)$/, 'A');
  w = w.replace(/([a-z])\1+/g, '$1');
  w = w.replace(/ph/g, 'f').replace(/ck/g, 'k').replace(/q/g, 'k').replace(/x/g, 'ks').replace(/wh/g, 'w');
  w = w.replace(/(?<=[a-z])(?:s|t|c)i[oa]n|(?<=[a-z])sh[uoa]n/g, 'Sn').replace(/sh/g, 'S');
  w = w
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/([a-z])\1+/g, '$1');
  w = w.replace(/([^aeiouAI])e$/, '$1');
  w = w.replace(/([aeiou])r(?=[^aeiouyAI]|$)/g, '$1');
  const first = /^[aeiouy]/.test(w) ? 'V' : w[0]!;
  return first + w.slice(1).replace(/[aeiouy]+/g, '');
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
        // A word that sounds the same, inside the rest of the phrase: "nun of the time", "not grate", "vary good".
        if (slipped < 0 && HOMOPHONES.get(t) === w && words.length >= 2) {
          slipped = k;
          return true;
        }
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

// Words that sound like an answer word and are written for it, read so only where the rest of
// the phrase is there as written ("not grate" is "not great"; "grate" alone is a grate).
const HOMOPHONES: ReadonlyMap<string, string> = new Map([
  ['nun', 'none'],
  ['grate', 'great'],
  ['vary', 'very'],
  ['thyme', 'time'],
  ['hole', 'whole'],
  ['wile', 'while'],
  ['weak', 'week'],
  ['mourning', 'morning'],
  ['knight', 'night'],
  ['knights', 'nights'],
  ['sum', 'some'],
  ['alot', 'lot'],
  ['lotta', 'lot'],
  ['fare', 'fair'],
]);

// Said alone (with filler or the question's words), a word that sounds like an answer is that
// answer: "nun" to "how often…?" is none, "ate" to a score is 8. Not "won" or "too": a real word
// said as often as the answer ("too" for two is read only as a score, "too/10").
const SAID_ALONE: ReadonlyMap<string, string> = new Map([
  ['nun', 'none'],
  ['ate', 'eight'],
]);

/**
 * A reply that is one word sounding like an answer and nothing else but filler ("nun", "i'd say
 * ate"), with that word read as the answer; the words as they were otherwise.
 */
export function repairAlone(tokens: readonly string[], vocabulary: ItemVocabulary, isFiller: (t: string) => boolean): string[] {
  const said = tokens.filter((t) => !isFiller(t));
  const meant = said.length === 1 ? SAID_ALONE.get(said[0]!) : undefined;
  if (!meant || !vocabulary.known.has(meant)) return [...tokens];
  return tokens.map((t) => (t === said[0] ? meant : t));
}

/**
 * A word typed without its spaces ("notatall", "mostofthetime", "nowandthen"), cut into the words
 * of the one answer phrase it makes with the words around it; a real word that is no answer run
 * together ("everyone") is left alone, for no phrase answers with "every one".
 */
export function splitRunTogether(tokens: readonly string[], vocabulary: ItemVocabulary): string[] {
  let out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.length < MIN_RUN_TOGETHER || vocabulary.known.has(t) || /\d/.test(t)) continue;
    const fitting = cuts(t, vocabulary.known, 4).filter((pieces) => {
      const next = [...out.slice(0, i), ...pieces, ...out.slice(i + 1)];
      return vocabulary.phrases.some(
        (p) =>
          p.targets.length > 0 &&
          p.words.length >= 2 &&
          next.some((_, at) => at <= i && at + p.words.length >= i + pieces.length && p.words.every((w, k) => next[at + k] === w)),
      );
    });
    if (fitting.length !== 1) continue;
    out = [...out.slice(0, i), ...fitting[0]!, ...out.slice(i + 1)];
    i += fitting[0]!.length - 1;
  }
  return out;
}

const MIN_RUN_TOGETHER = 5;

/** Every way to cut `word` into two to `most` words of `known`. */
function cuts(word: string, known: ReadonlySet<string>, most: number): string[][] {
  const found: string[][] = [];
  const walk = (from: number, pieces: string[]) => {
    if (from === word.length) {
      if (pieces.length >= 2) found.push(pieces);
      return;
    }
    if (pieces.length === most) return;
    for (let to = from + 1; to <= word.length; to++) {
      const piece = word.slice(from, to);
      if (known.has(piece)) walk(to, [...pieces, piece]);
    }
  };
  walk(0, []);
  return found;
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
