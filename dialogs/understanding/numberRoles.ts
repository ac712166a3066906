import type { InstrumentItem } from '../instruments/instrumentSchema.js';
import type { ItemVocabulary } from './itemVocabulary.js';
import type { NumberMention } from './numberMentions.js';
import { saidOfThePast } from './saidOfThePast.js';

/**
 * What a number in a reply is doing. `answer`: it may answer the item ("7", "I'd say 2", "3 groups").
 * `other`: it counts or dates something else (an age, a date, a time, "2 kids", "3 times a week"),
 * so it is passed over. `unsure`: a count of something the item may or may not mean ("3 clubs"
 * to "how many groups…?"), which never answers and makes any other answer a re-ask.
 */
export type NumberRole = 'answer' | 'other' | 'unsure';

/** A number in a reply, its role, and the words around it that belong to it ("I'm 81", "2 kids"). */
export interface PlacedNumber extends NumberMention {
  role: NumberRole;
  /** First and last word of the number with its own words. */
  spanFrom: number;
  spanTo: number;
  /** Typed as digits, not words. */
  digits: boolean;
}

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// What a number counts when it is not the answer. Normalised words; "time" is left out ("3 at a time").
const OTHER_UNITS = set(`
  year years yr yrs yo month months week weeks wk wks day days hour hours hr hrs min mins minute minutes second seconds
  times x kid kids child children grandchildren grandkids grandchild grandson grandsons granddaughter granddaughters
  son sons daughter daughters people person friends friend pounds pound quid p pence mile miles km stone kg lbs pills tablets
  dogs cats pets visits visitors calls texts nights night mornings evenings afternoons sessions session weekends
  ordinal clocktime date money fraction am pm oclock percent
`);
/** Numbers made into one word by answerTokens: never an answer ("10am", "14/3", "the 14th", "£5"). */
export const NOT_ANSWER_NUMBERS = set('clocktime date ordinal money fraction');
/** Words that lead up to a date or time: "on the 14th", "at 10am". */
export const ON_A_DATE = set('on the at by since until till from before after of');
// Ages: "I'm 81", "aged 81", "turned 80".
const AGE_BEFORE = set('aged age turned turning for');
const MONTHS = set('jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december');
const PER = set('a per each every an');
// Before a number, words of time: "since 5", "till 3", "before 10".
const TIME_BEFORE = set('since until till by after before');
// After a number, words that leave it the answer: "7 mostly", "7 defo", "7 cheers".
const ASIDES = set(`
  mostly mainly generally usually overall defo deffo def definitely innit init cheers tho though lol haha hun mate love
  tbh ngl honestly really roughly approx maybe probably perhaps points point marks mark score right rn atm
  sadly unfortunately thankfully luckily
`);
// Groups by other names, counted as groups: "2 clubs", "3 classes", "a couple of things".
const KINDS_OF_GROUP = set('club clubs class classes society societies choir choirs team teams circle circles things ones');
/** Words that make the number after them a bound: "over 5", "more than 3", "at least 6". */
const BOUNDS = set('over under above below than least upwards');
/** Words joining the two ends of a range: "0 to 10", "1-5", "between 0 and 10". */
const RANGE_JOINS = set('to and till through');
const PERIODS = set('week month day year fortnight weekend');
// After a number, words that put it in the past: "3 last year", "2 years ago", "4 before covid", "5 previously".
const PAST_AFTER = set('last ago before previously formerly originally');
const PAST_PERIODS = set('week month year time summer winter spring autumn christmas');

/** Each number in a sentence's words, with what it is doing there (see NumberRole). */
export function placeNumbers(item: InstrumentItem, vocabulary: ItemVocabulary, tokens: readonly string[], mentions: readonly NumberMention[]): PlacedNumber[] {
  // "No one" is nobody, and "not one" or "not even one" none: not a number.
  const none = (m: NumberMention) =>
    m.from === m.to &&
    tokens[m.from] === 'one' &&
    (['no', 'not'].includes(tokens[m.from - 1] ?? '') || (tokens[m.from - 1] === 'even' && tokens[m.from - 2] === 'not'));
  const kept = mentions.filter((m) => !none(m));
  const scale = scaleRange(item, tokens, kept);
  const placed = kept.map((m) => {
    const { role, spanFrom, spanTo } = scale.has(m) ? { role: 'other' as const, spanFrom: m.from, spanTo: m.to } : roleOf(item, vocabulary, tokens, m);
    const digits = tokens.slice(m.from, m.to + 1).every((t) => /^-?\d+(?:\.\d+)?$/.test(t));
    return { ...m, role, spanFrom, spanTo, digits };
  });
  // "2 or 3 a week", "1 to 2 times": the first number counts what the second does.
  for (let i = placed.length - 2; i >= 0; i--) {
    const [m, next] = [placed[i]!, placed[i + 1]!];
    const between = tokens.slice(m.to + 1, next.from);
    if (next.role === 'other' && m.role === 'answer' && between.length === 1 && (RANGE_JOINS.has(between[0]!) || between[0] === 'or') && !scale.has(next)) {
      placed[i] = { ...m, role: 'other', spanTo: next.from - 1 };
    }
  }
  return placed;
}

/**
 * The item's own range said in passing ("on a scale of 0 to 10, 6", "1-5 I'd say 3"): its two
 * ends, joined, are the scale and not an answer.
 */
function scaleRange(item: InstrumentItem, tokens: readonly string[], mentions: readonly NumberMention[]): Set<NumberMention> {
  const [low, high] = item.kind === 'scale' ? [item.min, item.max] : [Math.min(...item.options.map((o) => o.key)), Math.max(...item.options.map((o) => o.key))];
  const range = new Set<NumberMention>();
  mentions.forEach((m, i) => {
    const next = mentions[i + 1];
    // "From 1 to 10" is said of a 0–10 scale too.
    if (!next || (m.value !== low && !(low === 0 && m.value === 1)) || next.value !== high || mentions.length < 3) return;
    if (tokens.slice(m.to + 1, next.from).every((t) => RANGE_JOINS.has(t))) range.add(m).add(next);
  });
  return range;
}

function roleOf(item: InstrumentItem, vocabulary: ItemVocabulary, tokens: readonly string[], m: NumberMention) {
  const at = (i: number) => tokens[i] ?? '';
  const before = at(m.from - 1);
  let after = m.to + 1;
  while (ON_A_DATE.has(at(after))) after++;
  // "5 on the 14th": the date is something else, and the number stands alone.
  const next = NOT_ANSWER_NUMBERS.has(at(after)) ? '' : at(m.to + 1);
  const other = (spanFrom: number, spanTo: number) => ({ role: 'other' as const, spanFrom, spanTo });
  const plain = { role: 'answer' as const, spanFrom: m.from, spanTo: m.to };

  if (Number.isInteger(m.value) && m.value >= 1900 && m.value <= 2100) return other(m.from, m.to); // a year
  // "6 and a bit" is more than 6, and not 7.
  if (next === 'and' && at(m.to + 2) === 'a' && ['bit', 'little'].includes(at(m.to + 3)))
    return { role: 'unsure' as const, spanFrom: m.from, spanTo: m.to + 3 };
  // A bound is not a number: "over 5", "more than 3", "at least 6", "up to 4".
  if (BOUNDS.has(before) || (before === 'to' && at(m.from - 2) === 'up')) return { role: 'unsure' as const, spanFrom: m.from - 1, spanTo: m.to };
  if (m.value >= 16 && (AGE_BEFORE.has(before) || before === 'im' || (before === 'am' && at(m.from - 2) === 'i'))) {
    return other(m.from - 1, m.to);
  }
  if (MONTHS.has(before) || MONTHS.has(next)) return other(m.from, m.to + (MONTHS.has(next) ? 1 : 0));
  if ((before === 'the' && at(m.from - 2) === 'on') || before === 'at' || TIME_BEFORE.has(before)) return other(m.from - 1, m.to); // "on the 14", "at 10"
  // What was once: "I used to go to 4", "3 last year", "4 before the op", "last week 5".
  if (saidOfThePast(tokens, m.from)) return other(m.from, m.to);
  const then = at(m.to + 1);
  if (PAST_AFTER.has(then) && !(then === 'last' && !PAST_PERIODS.has(at(m.to + 2)))) return other(m.from, m.to + 1);
  if (PAST_PERIODS.has(before) && at(m.from - 2) === 'last') return other(m.from - 2, m.to); // "last week 5"
  if (OTHER_UNITS.has(next)) return other(m.from, m.to + 1);
  // "2 of us", "one of those days": part of something else ("7 of 10" is 7, read before this).
  if (next === 'of' && !['10', 'ten'].includes(at(m.to + 2))) return other(m.from, m.to + 1);
  if (vocabulary.countsOf.has('group') && KINDS_OF_GROUP.has(next)) return { role: 'answer' as const, spanFrom: m.from, spanTo: m.to + 1 };
  // A rate is not a count: "3 a week", "I go to 3 groups a week".
  const rateAt = vocabulary.echo.has(next) ? m.to + 2 : m.to + 1;
  if (PER.has(at(rateAt)) && PERIODS.has(at(rateAt + 1))) return other(m.from, rateAt + 1);
  if (next === '' || vocabulary.known.has(next) || vocabulary.echo.has(next) || ASIDES.has(next) || /^-?\d/.test(next)) {
    return plain;
  }
  // A count of something unknown: a choice item is never answered by "2 dogs"; a count may be ("3 clubs").
  return item.kind === 'choice' ? other(m.from, m.to + 1) : { role: 'unsure' as const, spanFrom: m.from, spanTo: m.to + 1 };
}
