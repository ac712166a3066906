import type { InstrumentItem } from '../instruments/instrumentSchema.js';
import type { ItemPhrase, ItemVocabulary } from './itemVocabulary.js';
import { numberMentions } from './numberMentions.js';
import { readDenial } from './readDenial.js';
import { saidOfThePast } from './saidOfThePast.js';
import { NOT_ANSWER_NUMBERS, ON_A_DATE, placeNumbers, type PlacedNumber } from './numberRoles.js';
import { BESIDE_AN_ANSWER, CONNECTORS, CONTRAST_WORDS, FILLER_WORDS, NEGATIONS, NO_WORDS, NUMBER_FILLERS, TIMES, WELL_WORDS } from './replyWords.js';

/** An answer named in a reply: an option id or scale value, or a number that is not on offer. */
export type Named = { target: string | number; phrase: ItemPhrase | null } | { outOfRange: number };

/** A phrase of the item's vocabulary found in a sentence, and where. */
export interface FoundPhrase {
  phrase: ItemPhrase;
  from: number;
  to: number;
}

/** What one sentence of a reply says about the item. */
export interface SentenceReading {
  /** Answers stated. */
  named: Named[];
  /**
   * Answers only mentioned: a typed digit among other words, a frequency word in passing ("kids
   * visit often"), a count that may or may not be the answer ("3 clubs": 'unsure'). They never
   * answer, but an answer that differs from one is re-asked: a typed digit is never overridden.
   */
  mentioned: Array<string | number>;
  /** Answers denied ("not 7", "not always"): never the answer, and alone a re-ask. */
  denied: Named[];
  /** Words that are not an answer, filler, or the question's own words. */
  extra: number;
  /** The words left over once answers and the numbers' own words are taken out. */
  rest: string[];
  /** Phrases and numbers that may answer, for finding a correction. */
  spans: Array<{ from: number; to: number }>;
  /** An answer was said as a bound or a leaning ("7 or more", "closer to often"): a re-ask, whatever else is said. */
  bounded: boolean;
}

// A word of this kind two words from a frequency phrase still makes it a remark: "I go out often".

const YES_WORDS = new Set(['yes', 'yeah', 'yep', 'yup', 'ya', 'aye', 'yh', 'yea']);

// Words after "good" or "bad" that leave it said of health: "good considering", "fine apart from my knees".
const AFTER_A_QUALITY = new Set(['apart', 'except', 'considering', 'given', 'touch', 'overall', 'generally', 'though', 'tho', 'thankfully', 'mind']);

/** "Most days I'm fine": a word for being well, not the question's own, and not leading the sentence ("OK, often"). */
function saysAllIsWell(tokens: readonly string[], used: readonly boolean[]): boolean {
  return tokens.some((t, i) => !used[i] && WELL_WORDS.has(t) && !(i === 0 && (t === 'ok' || t === 'okay')));
}

// Words before "good" or "bad" that say nothing of how good or bad: "otherwise good".
const NO_DEGREE = new Set(['otherwise', 'basically', 'mostly', 'mainly', 'largely', 'still', 'keeping', 'staying', 'feeling', 'fine', 'health']);

// Words besides a number that still leave it the answer: "a solid 7", "put me down for a 6".
const MAX_BESIDE_A_NUMBER = 3;

const VERBS = new Set(['go', 'goes', 'going', 'went', 'attend', 'attending', 'get', 'gets', 'see', 'sees']);

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// Words of degree before how often ("dead often", "reet often", Scots "ower often" for too often).
const DEGREE = words('dead reet reyt rite right proper ower owre mega super real awful awfully terribly extremely incredibly wicked pure gey awfy hella mad');
// Dialect words of degree before a quality ("proper bad", "dead good", "right poorly"): its "very" option.
const VERY = words('dead reet reyt rite right proper real mega wicked pure hella');
// What "lots of", "plenty of" may count and still say how often: "lots of the time", "most of the days".
const QUANTITY = words('lot lots loads plenty tons heaps deal much');
const OF_TIME = words('time times day days week weeks month months year it');
// Bounds and leanings around an answer (see bounded).
const BOUND_BEFORE = words('more less fewer above below closer nearer higher lower towards toward approaching verging bordering');
const BOUND_BEFORE_THAN = words('more less fewer better worse higher lower closer nearer');
const RANGE_FROM = words('low high medium middle mid');
const LEANING = words('closer nearer verging bordering leaning edging heading tending');
const BOUND_SKIP = words('or maybe perhaps possibly probably even and but a bit little lot much');
const BOUND_AFTER = words('more less higher lower above below plus minus upwards max maximum tops');

/** What a sentence's words (already mended) say about `item`. */
export function readSentence(item: InstrumentItem, vocabulary: ItemVocabulary, tokens: readonly string[]): SentenceReading {
  const used = new Array<boolean>(tokens.length).fill(false);
  const numbers = placeNumbers(item, vocabulary, tokens, numberMentions(tokens));
  for (const n of numbers) for (let i = Math.max(0, n.spanFrom); i <= n.spanTo && i < tokens.length; i++) used[i] = true;
  // A time, date, ordinal or sum of money (see answerTokens) is something else: "7 at 10am" is 7.
  tokens.forEach((t, i) => {
    if (!NOT_ANSWER_NUMBERS.has(t)) return;
    used[i] = true;
    for (let k = i - 1; k >= 0 && ON_A_DATE.has(tokens[k]!); k--) used[k] = true; // "on the 14th"
  });
  const found = findPhrases(vocabulary.phrases, tokens, used);
  // "Dead often", "reet often", "ower often": a word of degree before how often leaves it how often.
  if (vocabulary.frequency) {
    for (const p of found) if (p.from > 0 && !used[p.from - 1] && DEGREE.has(tokens[p.from - 1]!)) used[p.from - 1] = true;
  }
  // "Proper bad", "dead good", "right poorly": a dialect word of degree before a quality is its "very" option.
  if (vocabulary.quality) {
    for (const [k, p] of found.entries()) {
      const before = tokens[p.from - 1];
      if (p.from === 0 || used[p.from - 1] || !VERY.has(before!) || p.phrase.words.length !== 1 || !vocabulary.graded.has(p.phrase.words[0]!)) continue;
      const very = vocabulary.phrases.find((q) => q.targets.length > 0 && q.words.length === 2 && q.words[0] === 'very' && q.words[1] === p.phrase.words[0]);
      if (!very) continue;
      used[p.from - 1] = true;
      found[k] = { phrase: very, from: p.from - 1, to: p.to };
    }
  }
  // "The sometimes one", "often one": "one" after an answer is that answer, not the number 1.
  const placed = numbers.map((n) =>
    n.from === n.to && tokens[n.from] === 'one' && found.some((p) => p.phrase.targets.length > 0 && p.to === n.from - 1) ? { ...n, role: 'other' as const } : n,
  );
  // "Not 7, 6", "often, not always": an answer with "not" before it is denied, not given; "often if
  // not always" offers both.
  const denied: Named[] = [];
  const deniedAt = (from: number) => {
    if (from === 0 || tokens[from - 1] !== 'not' || used[from - 1]) return false;
    used[from - 1] = true;
    if (tokens[from - 2] === 'if' && !used[from - 2]) {
      used[from - 2] = true;
      return false;
    }
    return true;
  };
  const shown: PlacedNumber[] = [];
  for (const n of placed) {
    if (n.role !== 'other' && deniedAt(n.from)) denied.push(fromNumber(item, n));
    else shown.push(n);
  }
  const phrases: FoundPhrase[] = [];
  for (const p of found) {
    if (p.phrase.targets.length === 0) continue;
    if (deniedAt(p.from)) denied.push(...p.phrase.targets.map((target) => ({ target, phrase: p.phrase })));
    else phrases.push(p);
  }
  const idiomWords = found.reduce((sum, p) => sum + (p.phrase.targets.length === 0 && !p.phrase.hedge ? p.to - p.from + 1 : 0), 0);

  const saysNothing = (t: string) => FILLER_WORDS.has(t) || vocabulary.echo.has(t) || CONNECTORS.has(t) || (CONTRAST_WORDS.has(t) && !NO_WORDS.has(t));
  let rest = tokens.filter((_, i) => !used[i]);
  const answering = shown.filter((n) => n.role !== 'other');
  // A number answers when little else is said ("I'd say 2", "a solid 7", "put me down for a 6"):
  // not "2 kids visit" (a count of something else), "not 7", or "one" as a word ("one of those days").
  const besides = rest.filter((t) => !saysNothing(t) && !NUMBER_FILLERS.has(t) && !NO_WORDS.has(t));
  const standsOut = (n: PlacedNumber) => n.role === 'answer' && !NEGATIONS.has(tokens[n.from - 1] ?? '') && !(n.from === n.to && tokens[n.from] === 'one');
  const numbersAnswer =
    idiomWords === 0 && (besides.length === 0 || (besides.length <= MAX_BESIDE_A_NUMBER && answering.length > 0 && answering.every(standsOut)));
  const numberWords = numbersAnswer ? 0 : answering.reduce((sum, n) => sum + n.to - n.from + 1, 0);
  // An age, a date or "2 kids" is said about something else, and adds nothing here.
  let extra = rest.filter((t) => !saysNothing(t)).length + numberWords + idiomWords;

  const named: Named[] = [];
  const mentioned: Array<string | number> = [];
  let wasBounded = false;
  for (const n of answering) {
    const said = fromNumber(item, n);
    const isBound = n.role !== 'unsure' && bounded(tokens, n.from, n.to);
    wasBounded ||= isBound;
    if (n.role === 'unsure' || isBound) mentioned.push('unsure');
    // Northern "nowt" to how often is none of it: the never or none option, not the number 0.
    else if (numbersAnswer && tokens[n.from] === 'nought' && typeof vocabulary.saysNo === 'string') named.push({ target: vocabulary.saysNo, phrase: null });
    else if (numbersAnswer) named.push(said);
    else if (n.digits && 'target' in said) mentioned.push(said.target);
  }
  for (const p of phrases) {
    // "OK" is filler, but "OK to good" offers it as one end of a range.
    if (p.phrase.weak === 'filler' && !['to', 'or'].includes(tokens[p.to + 1] ?? '') && !['to', 'or'].includes(tokens[p.from - 1] ?? '')) continue;
    // "Some" beside other words is not said as the answer; said beside another answer, it is in doubt ("from none to some").
    if (p.phrase.weak === 'short' && extra > 0) {
      mentioned.push(...p.phrase.targets);
      continue;
    }
    if (describesSomethingElse(vocabulary, tokens, p)) continue;
    // "More often", "sometimes or more", "closer to often", "above average": a bound or a leaning, not the answer.
    if (bounded(tokens, p.from, p.to)) {
      wasBounded = true;
      mentioned.push('unsure');
      continue;
    }
    // "Incredibly poor", "super good": a word of degree not known here may make it the "very" option.
    const before = tokens[p.from - 1];
    const graded = p.phrase.words.length === 1 && vocabulary.graded.has(p.phrase.words[0]!);
    if (
      graded &&
      before !== undefined &&
      !used[p.from - 1] &&
      !saysNothing(before) &&
      !NEGATIONS.has(before) &&
      !NO_WORDS.has(before) &&
      !NO_DEGREE.has(before)
    ) {
      mentioned.push('unsure');
      continue;
    }
    if (vocabulary.frequency && (inPassing(vocabulary, tokens, p) || (!p.phrase.negative && saysAllIsWell(tokens, used)))) mentioned.push(...p.phrase.targets);
    else named.push(...p.phrase.targets.map((target) => ({ target, phrase: p.phrase })));
  }
  // "Well" is "Good" only said alone: "well, not bad" is "not bad".
  if (named.length === 0 && mentioned.length === 0 && extra === 0) {
    named.push(...phrases.filter((p) => p.phrase.weak === 'filler').flatMap((p) => p.phrase.targets.map((target) => ({ target, phrase: p.phrase }))));
  }
  // "Nope" to "How often…?" is "never"; "yes and no", "no change" are not.
  const extraWords = rest.filter((t) => !saysNothing(t));
  const onlyNo =
    extraWords.length > 0 && extraWords.every((t) => NO_WORDS.has(t)) && !rest.some((t) => YES_WORDS.has(t) || (CONTRAST_WORDS.has(t) && !NO_WORDS.has(t)));
  if (named.length === 0 && mentioned.length === 0 && vocabulary.saysNo !== null && onlyNo) {
    named.push({ target: vocabulary.saysNo, phrase: null });
  }
  const denial = named.length === 0 && mentioned.length === 0 && answering.length === 0 ? readDenial(item, vocabulary, tokens, used) : null;
  if (denial) {
    named.push({ target: denial.target, phrase: null });
    for (const i of denial.at) used[i] = true;
    rest = tokens.filter((_, i) => !used[i]);
    extra = rest.filter((t) => !saysNothing(t)).length;
  }
  const spans = [
    ...placed.filter((n) => n.role !== 'other').map((n) => ({ from: n.from, to: n.to })),
    ...phrases.filter((p) => p.phrase.weak !== 'filler').map(({ from, to }) => ({ from, to })),
  ];
  return { named, mentioned, denied, extra, rest, spans, bounded: wasBounded };
}

function fromNumber(item: InstrumentItem, n: PlacedNumber): Named {
  if (item.kind === 'scale') {
    return Number.isInteger(n.value) && n.value >= item.min && n.value <= item.max ? { target: n.value, phrase: null } : { outOfRange: n.value };
  }
  // The number shown beside an option, which need not be its code (K6 shows 1–5 for codes 0–4).
  const option = item.options.find((o) => o.key === n.value);
  return option ? { target: option.id, phrase: null } : { outOfRange: n.value };
}

/**
 * An answer word that is about something else: a quality word before a word of its own ("a bad
 * hip", "good days", "poor sleep"), or "mostly" for "mainly" ("mostly in the evenings").
 */
function describesSomethingElse(vocabulary: ItemVocabulary, tokens: readonly string[], { phrase, from, to }: FoundPhrase): boolean {
  if (saidOfThePast(tokens, from)) return true;
  const next = tokens[to + 1];
  if (vocabulary.frequency) {
    // "Plenty of friends", "lots of people": how many of something, not how often ("lots of days" is).
    const of = (t: string | undefined) => t !== undefined && (OF_TIME.has(t) || TIMES.has(t));
    if (next === 'of' && QUANTITY.has(phrase.words.at(-1)!) && !of(tokens[to + 2]) && !(tokens[to + 2] === 'the' && of(tokens[to + 3]))) return true;
  }
  if (next === undefined) return vocabulary.frequency && (phrase.words[0] === 'mostly' || phrase.words[0] === 'mainly') && TIMES.has(tokens[from - 1] ?? '');
  if (vocabulary.frequency) {
    const mainly = phrase.words.length === 1 && (phrase.words[0] === 'mostly' || phrase.words[0] === 'mainly');
    return mainly && (BESIDE_AN_ANSWER.has(next) || TIMES.has(next) || TIMES.has(tokens[from - 1] ?? ''));
  }
  return vocabulary.quality && !vocabulary.known.has(next) && !BESIDE_AN_ANSWER.has(next) && !AFTER_A_QUALITY.has(next) && !/\d/.test(next);
}

/**
 * An answer said as a bound or a leaning rather than as itself: "more often", "less often than
 * that", "sometimes or more", "sometimes, maybe more", "7 at least", "8 at best", "5 if that",
 * "closer to 7", "above average", "better than average". Never "more or less" (a hedge), "any more".
 */
function bounded(tokens: readonly string[], from: number, to: number): boolean {
  const at = (i: number) => tokens[i] ?? '';
  let b = from - 1;
  if (at(b) === 'a' || at(b) === 'the') b--;
  if (at(b) === 'than' || at(b) === 'to' || at(b) === 'on') {
    // "More than sometimes", "closer to often", "low to middling".
    if (BOUND_BEFORE_THAN.has(at(b - 1)) || (at(b) !== 'than' && LEANING.has(at(b - 1))) || (at(b) === 'to' && RANGE_FROM.has(at(b - 1)))) return true;
  } else if (
    (BOUND_BEFORE.has(at(b)) && !(at(b) === 'less' && at(b - 1) === 'or' && at(b - 2) === 'more')) ||
    LEANING.has(at(b)) ||
    (at(b) === 'least' && at(b - 1) === 'at')
  ) {
    return true;
  }
  let a = to + 1;
  while (BOUND_SKIP.has(at(a)) || (at(a) === 'if' && at(a + 1) === 'not')) a += at(a) === 'if' ? 2 : 1;
  if (BOUND_AFTER.has(at(a)) && !(at(a) === 'more' && at(a + 1) === 'or' && at(a + 2) === 'less') && !['any', 'no'].includes(at(a - 1))) return true;
  if (at(a) === 'at' && ['least', 'most', 'best', 'worst'].includes(at(a + 1) === 'the' || at(a + 1) === 'very' ? at(a + 2) : at(a + 1))) return true;
  return at(to + 1) === 'if' && at(to + 2) === 'that';
}

/**
 * A frequency word about something else: a word of its own sentence right beside it ("kids visit
 * often", "I never see anyone"), or a verb one word further ("I go out often").
 */
function inPassing(vocabulary: ItemVocabulary, tokens: readonly string[], { from, to }: FoundPhrase): boolean {
  const content = (t: string | undefined) =>
    t !== undefined && (VERBS.has(t) || (!vocabulary.known.has(t) && !BESIDE_AN_ANSWER.has(t) && !DEGREE.has(t) && !/\d/.test(t)));
  if (content(tokens[from - 1]) || content(tokens[to + 1])) return true;
  return VERBS.has(tokens[from - 2] ?? '') || VERBS.has(tokens[to + 2] ?? '');
}

/** Whole-word phrases among the words not yet used, longest first; marks the words they use. */
function findPhrases(phrases: readonly ItemPhrase[], tokens: readonly string[], used: boolean[]): FoundPhrase[] {
  const found: FoundPhrase[] = [];
  const present = new Set(tokens);
  for (const phrase of phrases) {
    const { words } = phrase;
    if (!present.has(words[0]!)) continue;
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((w, k) => !used[i + k] && tokens[i + k] === w)) continue;
      for (let k = 0; k < words.length; k++) used[i + k] = true;
      found.push({ phrase, from: i, to: i + words.length - 1 });
    }
  }
  return found.sort((a, b) => a.from - b.from);
}
