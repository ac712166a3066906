import type { ChoiceItem, InstrumentItem } from '../instruments/instrumentSchema.js';
import { answerTokens } from './answerTokens.js';
import { itemVocabulary, type ItemPhrase, type ItemVocabulary } from './itemVocabulary.js';
import { numberMentions } from './numberMentions.js';
import { CONNECTORS, CONTRAST_WORDS, FILLER_WORDS, NEGATIONS, NO_WORDS, NUMBER_FILLERS, SOFTENERS } from './replyWords.js';
import { repairWord } from './repairWord.js';

/** Why a reply is not an answer. The dialog re-asks, showing the valid answers. */
export type UnclearReason =
  | 'no_match' // nothing that answers this item ("purple", "not sure")
  | 'ambiguous' // two answers offered ("6 or 7", "sometimes or often")
  | 'contradictory' // one answer taken back for another ("never, well often")
  | 'out_of_range' // a number not on offer ("11" on 0–10, "4" where the options are 1–3)
  | 'negated' // an answer turned round or toned down ("not all the time", "no, often", "almost always")
  | 'free_text'; // a remark, not an answer: the link worker should see it

/** What a reply to one item meant. `unclear` is never a guess: the dialog re-asks. */
export type Interpretation =
  | { kind: 'answer'; value: number; optionId: string | null }
  | { kind: 'unclear'; reason: UnclearReason };

/** A reply as it arrives: typed text, or a card button's submitted value. */
export interface Reply {
  text?: string | undefined;
  value?: unknown;
}

// A phrase inside a longer message counts only if little else was said: "um some of the time I
// guess" is an answer; "I never go out since my hip went" is something to pass on, not "never".
const MAX_EXTRA_WORDS = 3;

/** Understand a reply to `item`, from a button press or from free text (SMS and web chat alike). */
export function interpretReply(item: InstrumentItem, reply: Reply): Interpretation {
  const pressed = fromButton(item, reply.value);
  if (pressed) return pressed;
  const vocabulary = itemVocabulary(item);
  const tokens = answerTokens(reply.text ?? '').map((t) => repairWord(t, vocabulary));
  if (tokens.length === 0) return unclear('no_match');
  return interpretWords(item, vocabulary, tokens);
}

function fromButton(item: InstrumentItem, value: unknown): Interpretation | undefined {
  if (!value || typeof value !== 'object' || (value as { itemId?: unknown }).itemId !== item.id) return undefined;
  const pressed = (value as { value?: unknown }).value;
  if (typeof pressed !== 'number') return undefined;
  if (item.kind === 'scale') {
    return Number.isInteger(pressed) && pressed >= item.min && pressed <= item.max
      ? { kind: 'answer', value: pressed, optionId: null }
      : undefined;
  }
  const option = item.options.find((o) => o.code === pressed);
  return option && { kind: 'answer', value: option.code, optionId: option.id };
}

/** An answer named in a reply: an option id or scale value, or a number that is not on offer. */
type Named = { target: string | number; phrase: ItemPhrase | null } | { outOfRange: number };

function interpretWords(item: InstrumentItem, vocabulary: ItemVocabulary, tokens: readonly string[]): Interpretation {
  const used = new Array<boolean>(tokens.length).fill(false);
  const numbers = numberMentions(tokens);
  for (const n of numbers) for (let i = n.from; i <= n.to; i++) used[i] = true;
  const found = findPhrases(vocabulary.phrases, tokens, used);
  const phrases = found.filter((p) => p.targets.length > 0);
  const idiomWords = found.reduce((sum, p) => sum + (p.targets.length === 0 ? p.words.length : 0), 0);

  const saysNothing = (t: string) =>
    FILLER_WORDS.has(t) || vocabulary.echo.has(t) || CONNECTORS.has(t) || (CONTRAST_WORDS.has(t) && !NO_WORDS.has(t));
  const rest = tokens.filter((_, i) => !used[i]);
  // A number answers only when nothing else is said ("I'd say 2", "about 7"): "2 kids visit" does not.
  const numbersAnswer = idiomWords === 0 && rest.every((t) => saysNothing(t) || NUMBER_FILLERS.has(t) || NO_WORDS.has(t));
  const numberWords = numbersAnswer ? 0 : numbers.reduce((sum, n) => sum + n.to - n.from + 1, 0);
  const extraWords = rest.filter((t) => !saysNothing(t)).length + numberWords + idiomWords;
  if (extraWords > MAX_EXTRA_WORDS) return unclear('free_text');

  const named: Named[] = [
    ...(numbersAnswer ? numbers.map((n) => fromNumber(item, n.value)) : []),
    ...phrases.filter((p) => p.weak !== 'filler' && (p.weak !== 'short' || extraWords === 0)).flatMap(targetsOf),
  ];
  // "Well" is "Good" only said alone: "well, not bad" is "not bad".
  if (named.length === 0 && extraWords === 0) named.push(...phrases.filter((p) => p.weak === 'filler').flatMap(targetsOf));
  if (named.length === 0) return unclear('no_match');

  const distinct = new Set(named.map((n) => ('outOfRange' in n ? `out:${n.outOfRange}` : `in:${n.target}`)));
  if (distinct.size > 1) return unclear(rest.some((t) => CONTRAST_WORDS.has(t)) ? 'contradictory' : 'ambiguous');
  const [only] = named as [Named];
  if ('outOfRange' in only) return unclear('out_of_range');
  if (rest.some((t) => NEGATIONS.has(t) || SOFTENERS.has(t))) return unclear('negated');
  // "No, never" agrees; "no, often" may be answering something else.
  if (rest.some((t) => NO_WORDS.has(t)) && !named.every((n) => 'target' in n && n.phrase?.negative)) return unclear('negated');
  return answer(item, only.target);
}

function targetsOf(phrase: ItemPhrase): Named[] {
  return phrase.targets.map((target) => ({ target, phrase }));
}

function fromNumber(item: InstrumentItem, n: number): Named {
  if (item.kind === 'scale') {
    return Number.isInteger(n) && n >= item.min && n <= item.max ? { target: n, phrase: null } : { outOfRange: n };
  }
  // The number shown beside an option, which need not be its code (K6 shows 1–5 for codes 0–4).
  const option = item.options.find((o) => o.key === n);
  return option ? { target: option.id, phrase: null } : { outOfRange: n };
}

/** Whole-word phrases among the words not yet used, longest first; marks the words they use. */
function findPhrases(phrases: readonly ItemPhrase[], tokens: readonly string[], used: boolean[]): ItemPhrase[] {
  const found: ItemPhrase[] = [];
  for (const phrase of phrases) {
    const { words } = phrase;
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((w, k) => !used[i + k] && tokens[i + k] === w)) continue;
      for (let k = 0; k < words.length; k++) used[i + k] = true;
      found.push(phrase);
    }
  }
  return found;
}

function answer(item: InstrumentItem, target: string | number): Interpretation {
  if (item.kind === 'scale') return { kind: 'answer', value: target as number, optionId: null };
  const option = (item as ChoiceItem).options.find((o) => o.id === target)!;
  return { kind: 'answer', value: option.code, optionId: option.id };
}

function unclear(reason: UnclearReason): Interpretation {
  return { kind: 'unclear', reason };
}
