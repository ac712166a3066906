import { Culture, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { LRUCache } from 'lru-cache';
import type { ChoiceItem, InstrumentItem, ScaleItem } from '../instruments/instrumentSchema.js';
import { FILLER_WORDS, normalizeReply, words } from './normalizeReply.js';

/** What a reply to one item meant. `unclear` is never a guess: the dialog re-asks. */
export type Interpretation =
  | { kind: 'answer'; value: number; optionId: string | null }
  | { kind: 'unclear'; reason: 'no_match' | 'ambiguous' | 'out_of_range' | 'negated' | 'free_text' };

/** A reply as it arrives: typed text, or a card button's submitted value. */
export interface Reply {
  text?: string | undefined;
  value?: unknown;
}

// A phrase inside a longer message counts only if little else was said: "um some of the time I
// guess" is an answer; "I never go out since my hip went" is something to pass on, not "never".
const MAX_EXTRA_WORDS = 3;
const NEGATIONS = new Set(['not', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'aint', 'nt']);

/** Understand a reply to `item`, from a button press or from free text. */
export function interpretReply(item: InstrumentItem, reply: Reply): Interpretation {
  const pressed = fromButton(item, reply.value);
  if (pressed) return pressed;
  const text = normalizeReply(reply.text ?? '');
  if (text === '') return { kind: 'unclear', reason: 'no_match' };
  return item.kind === 'choice' ? interpretChoice(item, text) : interpretScale(item, text);
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

function interpretChoice(item: ChoiceItem, text: string): Interpretation {
  const found = new Set<string>();
  const phrases = findPhrases(item, text);
  if (phrases.negated) return { kind: 'unclear', reason: 'negated' };
  if (phrases.extraWords > MAX_EXTRA_WORDS) return { kind: 'unclear', reason: 'free_text' };
  phrases.optionIds.forEach((id) => found.add(id));
  const numbers = standaloneNumbers(text);
  for (const n of numbers) {
    const option = item.options.find((o) => o.key === n);
    if (!option) return { kind: 'unclear', reason: numbers.length > 1 ? 'ambiguous' : 'out_of_range' };
    found.add(option.id);
  }
  if (found.size > 1) return { kind: 'unclear', reason: 'ambiguous' };
  const [optionId] = found;
  const option = item.options.find((o) => o.id === optionId);
  return option ? { kind: 'answer', value: option.code, optionId: option.id } : { kind: 'unclear', reason: 'no_match' };
}

function interpretScale(item: ScaleItem, text: string): Interpretation {
  const numbers = standaloneNumbers(text);
  if (numbers.length === 0) {
    return { kind: 'unclear', reason: words(text).length > MAX_EXTRA_WORDS ? 'free_text' : 'no_match' };
  }
  if (new Set(numbers).size > 1) return { kind: 'unclear', reason: 'ambiguous' };
  const [n] = numbers as [number];
  if (!Number.isInteger(n) || n < item.min || n > item.max) return { kind: 'unclear', reason: 'out_of_range' };
  return { kind: 'answer', value: n, optionId: null };
}

/**
 * Option labels and synonyms found as whole words, longest first so "hardly ever or never" is one
 * phrase, not "never". Also counts the other words said, and whether a phrase was negated
 * ("not often" is an answer only where it is itself a synonym).
 */
function findPhrases(item: ChoiceItem, text: string) {
  const candidates = item.options
    .flatMap((o) => [o.label, ...o.synonyms].map((p) => ({ optionId: o.id, phrase: normalizeReply(p) })))
    .filter((c) => c.phrase !== '')
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const tokens = words(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const optionIds = new Set<string>();
  let negated = false;
  for (const { optionId, phrase } of candidates) {
    const target = words(phrase);
    for (let i = 0; i + target.length <= tokens.length; i++) {
      const span = tokens.slice(i, i + target.length);
      if (span.some((_, k) => used[i + k]) || span.join(' ') !== phrase) continue;
      for (let k = 0; k < target.length; k++) used[i + k] = true;
      optionIds.add(optionId);
      if (i > 0 && NEGATIONS.has(tokens[i - 1]!)) negated = true;
    }
  }
  const extraWords = tokens.filter((t, i) => !used[i] && !FILLER_WORDS.has(t) && !/^\d+$/.test(t)).length;
  return { optionIds: [...optionIds], negated, extraWords };
}

/**
 * Numbers in a reply that is essentially just a number ("3", "three!!", "about 7", "7/10"). A number
 * inside a sentence ("no one calls", "2 kids visit") is not an answer.
 */
function standaloneNumbers(text: string): readonly number[] {
  let numbers = recognized.get(text);
  if (!numbers) {
    numbers = Object.freeze(recognizeStandaloneNumbers(text));
    recognized.set(text, numbers);
  }
  return numbers;
}

// Recognition is pure and the slowest step of understanding a reply, and clients send the same few
// replies ("2", "often") again and again: remember recent ones.
const recognized = new LRUCache<string, readonly number[]>({ max: 5000 });

function recognizeStandaloneNumbers(text: string): number[] {
  const results = recognizeNumber(text, Culture.English);
  if (results.length === 0) return [];
  let rest = text;
  for (const r of [...results].sort((a, b) => b.start - a.start)) {
    rest = rest.slice(0, r.start) + ' ' + rest.slice(r.end + 1);
  }
  const extra = words(rest.replace(/\s+/g, ' ').trim()).filter((w) => !FILLER_WORDS.has(w) && w !== 'or' && w !== 'and');
  if (extra.length > 0) return [];
  return results.map((r) => Number((r.resolution as { value?: string } | undefined)?.value)).filter((n) => Number.isFinite(n));
}
