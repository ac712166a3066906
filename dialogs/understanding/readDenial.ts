import type { InstrumentItem } from '../instruments/instrumentSchema.js';
import type { ItemVocabulary } from './itemVocabulary.js';
import { CONTRAST_WORDS, FILLER_WORDS, NEGATIONS, NO_WORDS, NUMBER_FILLERS } from './replyWords.js';

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// Said after the denial without changing it: "not lonely at all", "I don't, no", "don't ever feel left out".
const AFTER_DENIAL = set('at all really ever x xx thanks thank you tbh honestly no nope nah i do feel felt that it myself me way like a person type');
// A denial of now, or of part of it, says nothing of how often: "not lonely now", "not lonely but…".
const NOT_ALWAYS = set('now anymore today yesterday moment lately recently currently nowadays these usually always often much');
// Said around "not any" to a count: "I don't go to any", "not in any groups at the moment".
const AROUND_NONE = set('any anything anymore really currently belong join member part do does');

/** A denial found in a sentence: the answer it gives and the words it takes. */
export interface Denial {
  target: string | number;
  at: number[];
}

/**
 * A sentence that denies the question itself, when nothing else answers it. To "How often do
 * you feel lonely?": "I'm not lonely", "don't feel left out", "no I don't" are never. To a count
 * ("How many groups…?"): "I don't go to any", "no groups", "not in any groups" are 0. A denial of
 * now or of part ("not lonely now", "not lonely but…", "not sure") is none of these.
 */
export function readDenial(item: InstrumentItem, vocabulary: ItemVocabulary, tokens: readonly string[], used: readonly boolean[]): Denial | null {
  const free = tokens.flatMap((t, i) => (used[i] ? [] : [{ t, i }]));
  const negations = free.filter(({ t }) => NEGATIONS.has(t) || NO_WORDS.has(t));
  if (negations.length === 0 || free.some(({ t }) => CONTRAST_WORDS.has(t) && !NO_WORDS.has(t))) return null;
  const content = (t: string) => vocabulary.echo.has(t) && !FILLER_WORDS.has(t);
  const at = negations.map(({ i }) => i);

  if (typeof vocabulary.saysNo === 'string') {
    const denials = free.filter(({ t }) => NEGATIONS.has(t));
    if (denials.length !== 1 || free.some(({ t }) => NOT_ALWAYS.has(t))) return null;
    const { i: denied } = denials[0]!;
    const before = free.filter(({ i }) => i < denied);
    const after = free.filter(({ i }) => i > denied);
    if (!before.every(({ t }) => FILLER_WORDS.has(t) || NO_WORDS.has(t) || vocabulary.echo.has(t))) return null;
    if (!after.every(({ t }) => vocabulary.echo.has(t) || AFTER_DENIAL.has(t))) return null;
    // "Not sure" denies nothing asked; "I don't" and "not lonely" deny the question.
    // "Nope, not me": not the one who feels it.
    const notMe = after.length === 1 && after[0]!.t === 'me' && before.some(({ t }) => NO_WORDS.has(t));
    if (!notMe && after.length > 0 && !after.some(({ t }) => content(t)) && !after.every(({ t }) => AFTER_DENIAL.has(t) && !FILLER_WORDS.has(t))) return null;
    return { target: vocabulary.saysNo, at };
  }

  // "Not satisfied at all" where 0 is "not at all".
  if (item.kind === 'scale' && vocabulary.notAtAll !== null) {
    const said = free.filter(({ t }) => !FILLER_WORDS.has(t) || t === 'at').map(({ t }) => t);
    const words = said.slice(1, -2);
    if (said[0] === 'not' && said.slice(-2).join(' ') === 'at all' && words.length > 0 && words.every((t) => content(t))) {
      return { target: vocabulary.notAtAll, at: free.map(({ i }) => i) };
    }
  }

  if (item.kind === 'scale' && item.min === 0 && !item.minLabel) {
    const counted = (t: string) => t === 'any' || t === 'anything' || (content(t) && vocabulary.countsOf.has(t));
    // "I don't", "no I do not": doing none of what is asked.
    const doesNot = free.some(({ t, i }) => t === 'dont' || (t === 'not' && tokens[i - 1] === 'do'));
    if (!free.some(({ t }) => counted(t)) && !doesNot) return null;
    const around = (t: string) =>
      NEGATIONS.has(t) || NO_WORDS.has(t) || FILLER_WORDS.has(t) || vocabulary.echo.has(t) || NUMBER_FILLERS.has(t) || AROUND_NONE.has(t);
    // "No have friends group", "not in any walking groups": one word may say what kind of group.
    const kind = (i: number) => vocabulary.countsOf.has(tokens[i + 1] ?? '') && !/\d/.test(tokens[i]!);
    return free.every(({ t, i }) => around(t) || kind(i)) ? { target: 0, at } : null;
  }
  return null;
}
