import type { ChoiceItem, InstrumentItem } from '../instruments/instrumentSchema.js';
import { answerTokens } from './answerTokens.js';
import { countNamedActivities } from './countNamedActivities.js';
import { itemVocabulary, type ItemVocabulary } from './itemVocabulary.js';
import { readSentence, type Named, type SentenceReading } from './readSentence.js';
import { repairAlone, repairPhrases, repairWord, splitRunTogether } from './repairWord.js';
import { readVariation } from './readVariation.js';
import { replyClauses, replySentences, type ReplySentence } from './replySentences.js';
import { CONTRAST_WORDS, CORRECTION_MARKERS, CORRECTION_PHRASES, FILLER_WORDS, NEGATIONS, NO_WORDS, SOFTENERS } from './replyWords.js';

/** Why a reply is not an answer. The dialog re-asks, showing the valid answers. */
export type UnclearReason =
  | 'no_match' // nothing that answers this item ("purple", "not sure")
  | 'ambiguous' // two answers offered ("6 or 7", "sometimes or often"), a phrase between two ("on and off" on ONS), or it varies ("depends on the day")
  | 'contradictory' // two answers set against each other ("often but never")
  | 'out_of_range' // a number not on offer ("11" on 0–10, "4" where the options are 1–3)
  | 'negated' // an answer turned round or toned down ("not all the time", "no, often", "almost never" on K6)
  | 'free_text'; // a remark, not an answer: the link worker should see it

/**
 * What a reply to one item meant. `unclear` is never a guess: the dialog re-asks. An answer
 * followed (or preceded) by sentences of something else carries them as `remark`, exactly as
 * written ("Sometimes. My hip has been bad" → 2, remark "My hip has been bad").
 */
export type Interpretation = { kind: 'answer'; value: number; optionId: string | null; remark?: string } | { kind: 'unclear'; reason: UnclearReason };

/** A reply as it arrives: typed text, or a card button's submitted value. */
export interface Reply {
  text?: string | undefined;
  value?: unknown;
}

// A phrase inside a sentence counts only if little else was said: "um some of the time I guess" is
// an answer; "I never go out since my hip went" is something to pass on, not "never".
const MAX_EXTRA_WORDS = 3;

/** Understand a reply to `item`, from a button press or from free text (SMS and web chat alike). */
export function interpretReply(item: InstrumentItem, reply: Reply): Interpretation {
  const pressed = fromButton(item, reply.value);
  if (pressed) return pressed;
  const vocabulary = itemVocabulary(item);
  const text = reply.text ?? '';
  const meaning = named(item, vocabulary, text) ?? readReply(item, vocabulary, text);
  const varies = readVariation(text, vocabulary.frequency);
  if (!varies || !aboutTheAnswer(item, vocabulary, text, varies.at)) return meaning;
  // "It varies, but overall sometimes": the conclusion is the answer, and the whole reply its remark.
  const concluded = varies.concludesAt === null ? null : readReply(item, vocabulary, text.slice(varies.concludesAt));
  if (concluded?.kind === 'answer') return { ...concluded, remark: text.trim() };
  return meaning.kind === 'answer' ? unclear('ambiguous') : meaning;
}

/** To "How many groups…?", activities named and nothing else are counted ("Church and bingo" is 2). */
function named(item: InstrumentItem, vocabulary: ItemVocabulary, text: string): Interpretation | null {
  if (item.kind !== 'scale' || !vocabulary.countsOf.has('group')) return null;
  const count = countNamedActivities(text);
  return count === null || count > item.max ? null : { kind: 'answer', value: count, optionId: null };
}

/**
 * Whether a saying that the answer varies is about the answer: it is in a sentence that names or
 * mentions one, or in a short sentence of its own ("Sometimes. It varies."). In a longer story
 * ("My life is very different since…") it is about something else.
 */
function aboutTheAnswer(item: InstrumentItem, vocabulary: ItemVocabulary, text: string, at: number): boolean {
  const sentence = replySentences(text).find((s) => s.start <= at && at < s.end);
  if (!sentence) return false;
  const tokens = mended(sentence.text, vocabulary);
  return tokens.length <= SHORT_SENTENCE || readSentence(item, vocabulary, tokens).spans.length > 0;
}

const SHORT_SENTENCE = 8;

/** A piece of a reply as answer words, each slip mended. */
function mended(text: string, vocabulary: ItemVocabulary): string[] {
  // Phrases first: "evry day" is "every day", though "evry" alone is as near "very".
  const tokens = splitRunTogether(answerTokens(text), vocabulary);
  const words = repairPhrases(tokens, vocabulary).map((t) => repairWord(t, vocabulary));
  return repairAlone(words, vocabulary, (t) => FILLER_WORDS.has(t) || vocabulary.echo.has(t));
}

function readReply(item: InstrumentItem, vocabulary: ItemVocabulary, text: string): Interpretation {
  const read = (pieces: ReplySentence[]) => pieces.map((source) => ({ source, tokens: mended(source.text, vocabulary) })).filter((s) => s.tokens.length > 0);
  const sentences = read(replySentences(text));
  if (sentences.length === 0) return unclear('no_match');
  const meaning = interpretSentences(item, vocabulary, text, sentences);
  if (meaning.kind === 'answer' || !(READ_BY_CLAUSE.has(meaning.reason) || meaning.reason === 'contradictory' || meaning.reason === 'ambiguous'))
    return meaning;
  // A long or chatty sentence may still hold one clear answer in a clause of its own: "Sometimes,
  // mostly when the nights draw in", "3, yesterday was a bad day", "7, not bad".
  const clauses = read(replyClauses(text));
  const concluded = conclusion(item, vocabulary, text, clauses);
  if (concluded) return concluded;
  const byClause = clauses.length === sentences.length || !READ_BY_CLAUSE.has(meaning.reason) ? meaning : interpretSentences(item, vocabulary, text, clauses);
  if (byClause.kind === 'answer') return byClause;
  return (meaning.reason === 'free_text' && leadingAnswer(item, vocabulary, text, sentences)) || meaning;
}

// Words that may follow an answer said first and close it, before news typed on without a stop:
// "not too often love the grandkids were round", "7 today had a nice walk". Not "I": "sometimes I
// go to bingo" says how often they go.
const CLOSES_AN_ANSWER: ReadonlySet<string> = new Set(
  'love luv hun pet hen mate dear duck tbh tbf ngl honestly really lol haha x xx though tho thanks ta cheers innit today tonight yesterday lately atm now'.split(
    ' ',
  ),
);

/**
 * "Id say a 7 today had a nice walk", "not too often love the grandkids were round": an answer said
 * first (after filler only) in a sentence that runs on into news, with a word that closes it, and
 * nothing in the rest of the reply that could answer. The answer, with the whole reply as its remark.
 */
function leadingAnswer(item: InstrumentItem, vocabulary: ItemVocabulary, text: string, sentences: Sentence[]): Interpretation | null {
  const [first] = sentences;
  if (!first) return null;
  const { tokens } = first;
  const span = readSentence(item, vocabulary, tokens).spans.sort((a, b) => a.from - b.from)[0];
  if (!span || !tokens.slice(0, span.from).every((t) => FILLER_WORDS.has(t) || vocabulary.echo.has(t))) return null;
  let end = span.to;
  while (end + 1 < tokens.length && CLOSES_AN_ANSWER.has(tokens[end + 1]!)) end++;
  if (end === span.to || end + 1 >= tokens.length) return null;
  const rest = [tokens.slice(end + 1), ...sentences.slice(1).map((s) => s.tokens)];
  if (rest.some((r) => readSentence(item, vocabulary, r).spans.length > 0)) return null;
  const said = tokens.slice(0, end + 1);
  const source = { text: said.join(' '), start: 0, end: said.join(' ').length };
  const meaning = interpretSentences(item, vocabulary, source.text, [{ source, tokens: said }]);
  return meaning.kind === 'answer' ? { kind: 'answer', value: meaning.value, optionId: meaning.optionId, remark: text.trim() } : null;
}

// A last clause that sums up what went before: "so 2", "which makes 3", "so that's 1 now".
const CONCLUSION = /^(?:so|which makes|that makes|making|in total|all told|altogether)\b/iu;

/**
 * "Went to 3 but stopped 1 so 2", "2 groups and the choir, which makes 3": the sum said last is
 * the answer, whatever the numbers before it, when it reads as an answer on its own.
 */
function conclusion(item: InstrumentItem, vocabulary: ItemVocabulary, text: string, clauses: Sentence[]): Interpretation | null {
  const last = clauses.at(-1)!;
  // "5 or so maybe 6" is not a sum.
  if (clauses.length < 2 || !CONCLUSION.test(last.source.text) || /\bor\W*$/iu.test(text.slice(0, last.source.start))) return null;
  const said = interpretSentences(item, vocabulary, last.source.text, [{ ...last, source: { ...last.source, start: 0, end: last.source.text.length } }]);
  return said.kind === 'answer' ? { ...said, remark: text.trim() } : null;
}

const RANGE_WORDS: ReadonlySet<string> = new Set(['to', 'or', 'between', 'either', 'maybe', 'perhaps', 'possibly', 'somewhere']);

const READ_BY_CLAUSE: ReadonlySet<UnclearReason> = new Set(['free_text', 'no_match', 'negated']);

function fromButton(item: InstrumentItem, value: unknown): Interpretation | undefined {
  if (!value || typeof value !== 'object' || (value as { itemId?: unknown }).itemId !== item.id) return undefined;
  const pressed = (value as { value?: unknown }).value;
  if (typeof pressed !== 'number') return undefined;
  if (item.kind === 'scale') {
    return Number.isInteger(pressed) && pressed >= item.min && pressed <= item.max ? { kind: 'answer', value: pressed, optionId: null } : undefined;
  }
  const option = item.options.find((o) => o.code === pressed);
  return option && { kind: 'answer', value: option.code, optionId: option.id };
}

interface Sentence {
  source: ReplySentence;
  tokens: string[];
}

interface Read extends Sentence {
  reading: SentenceReading;
  /** Words before a correction were taken back: this sentence is neither answer nor remark. */
  corrected: boolean;
}

function interpretSentences(item: InstrumentItem, vocabulary: ItemVocabulary, text: string, sentences: Sentence[]): Interpretation {
  const read = correct(item, vocabulary, sentences);
  const answers = read.filter(
    (s) =>
      !s.corrected &&
      !asksBack(text, s.source) &&
      s.reading.extra <= MAX_EXTRA_WORDS &&
      (s.reading.named.length > 0 || s.reading.mentioned.length > 0 || s.reading.denied.length > 0),
  );
  // "Fine, good" is Good; "OK to good" or "fine or good" offers a range, and is re-asked.
  const offersRange = answers.some((s) => s.reading.rest.some((t) => RANGE_WORDS.has(t)));
  const named = offersRange ? answers.flatMap((s) => s.reading.named) : narrowed(answers.flatMap((s) => s.reading.named));
  const denied = answers.flatMap((s) => s.reading.denied);
  if (named.length === 0 && denied.length > 0) return unclear('negated');
  // "Sometimes, maybe more", "7 or more", "closer to 7": a bound is not an answer, nor is a clause of it.
  if (named.length === 0 && answers.some((s) => s.reading.bounded)) return unclear('ambiguous');
  if (named.length === 0) return unclear(read.some((s) => s.reading.extra > MAX_EXTRA_WORDS) ? 'free_text' : 'no_match');
  const rest = answers.flatMap((s) => s.reading.rest);

  const distinct = new Set(named.map(nameKey));
  const mentioned = answers.flatMap((s) => s.reading.mentioned);
  const [only] = named as [Named];
  const conflict = distinct.size > 1 || mentioned.some((m) => !('target' in only) || m !== only.target);
  // "Not great, not terrible" sits between two.
  if (!conflict && denied.length > 0 && named.some((n) => 'target' in n && n.phrase?.words[0] === 'not')) return unclear('ambiguous');
  if (conflict) {
    // One toned-down phrase between two options ("almost never" on K6): re-asked as negated.
    if (mentioned.length === 0 && named.every((n) => 'target' in n && n.phrase === (only as { phrase: unknown }).phrase && n.phrase?.softened)) {
      return unclear('negated');
    }
    return unclear(rest.some((t) => CONTRAST_WORDS.has(t) && !NO_WORDS.has(t)) ? 'contradictory' : 'ambiguous');
  }
  if ('outOfRange' in only) return unclear('out_of_range');
  // "Often, not often" takes back what it says; "often, not always" on UCLA (one option for both) does not.
  const saying = (n: Named) => ('phrase' in n && n.phrase ? n.phrase.words.join(' ') : nameKey(n));
  if (denied.some((d) => named.some((n) => saying(n) === saying(d)))) return unclear('contradictory');
  if (rest.some((t) => NEGATIONS.has(t) || SOFTENERS.has(t))) return unclear('negated');
  // "No, never" agrees; "no, often" may be answering something else.
  const agreesWithNo = (n: Named) => 'target' in n && (n.phrase?.negative || n.target === vocabulary.saysNo);
  if (rest.some((t) => NO_WORDS.has(t)) && !named.every(agreesWithNo)) return unclear('negated');
  return answer(item, only.target, remarkOf(text, read, answers));
}

// "Is 10 the best?", "why do you need to know?": a question back answers nothing, whatever it names.
const QUESTION_WORD = /^(?:why|what|whats|what's|how|who|which|when|where|is|are|does|do|can|could|should|would|will|did)\b/iu;
// Asking, even with no question mark: "whats a 10", "why do you ask" (but "what a week, 3" answers).
const ASKING = /^(?:why|whats|what's|what (?!a\b|an\b)|who)\b/iu;

function asksBack(text: string, sentence: ReplySentence): boolean {
  if (ASKING.test(sentence.text)) return true;
  return QUESTION_WORD.test(sentence.text) && /^[\s\p{Emoji_Presentation}]*\?/u.test(text.slice(sentence.end));
}

/**
 * A phrase that names two answers ("fine" on health: Good or Fair) with one of them said plainly
 * beside it ("fine, good", "not bad, 2") is that one.
 */
function narrowed(named: Named[]): Named[] {
  const between = (n: Named) => 'target' in n && n.phrase !== null && n.phrase.targets.length > 1;
  const plain = new Set(named.filter((n) => !between(n)).map(nameKey));
  if (plain.size !== 1 || plain.size === new Set(named.map(nameKey)).size) return named;
  const [only] = plain;
  const within = named
    .filter(between)
    .every((n) => (n as { phrase: { targets: ReadonlyArray<string | number> } }).phrase.targets.some((t) => `in:${t}` === only));
  return within ? named.filter((n) => !between(n)) : named;
}

/**
 * The sentences, read after the last correction ("2, no actually 3", "often... well, sometimes"):
 * a correction marker with an answer before it and another after it takes back everything before it.
 */
function correct(item: InstrumentItem, vocabulary: ItemVocabulary, sentences: Sentence[]): Read[] {
  const readings = sentences.map((s) => readSentence(item, vocabulary, s.tokens));
  const answerAt = (si: number, ti: number, after: boolean) =>
    readings.some((r, i) => r.spans.some((span) => (after ? i > si || (i === si && span.from > ti) : i < si || (i === si && span.to < ti))));
  let cut: { sentence: number; token: number } | null = null;
  for (const [si, s] of sentences.entries()) {
    for (const ti of s.tokens.keys()) {
      const end = correctionEnds(s.tokens, ti);
      if (end >= 0 && answerAt(si, ti, false) && answerAt(si, end, true)) cut = { sentence: si, token: end };
    }
  }
  if (!cut) return sentences.map((s, i) => ({ ...s, reading: readings[i]!, corrected: false }));
  const { sentence: cutSentence, token: cutToken } = cut;
  return sentences.map((s, i) => {
    if (i < cutSentence) return { ...s, reading: readings[i]!, corrected: readings[i]!.spans.length > 0 };
    if (i > cutSentence) return { ...s, reading: readings[i]!, corrected: false };
    const tokens = s.tokens.slice(cutToken + 1);
    return { ...s, tokens, reading: readSentence(item, vocabulary, tokens), corrected: false };
  });
}

/** Where a correction starting at `at` ends ("no", "make that", "changed my mind"), or -1 if none starts there. */
function correctionEnds(tokens: readonly string[], at: number): number {
  const token = tokens[at]!;
  // "Often rather than sometimes" compares; "1 or rather 2" corrects.
  if (CORRECTION_MARKERS.has(token) && !(token === 'rather' && tokens[at + 1] === 'than')) return at;
  const phrase = CORRECTION_PHRASES.find((words) => words.every((w, k) => tokens[at + k] === w));
  return phrase ? at + phrase.length - 1 : -1;
}

/**
 * What was said besides the answer, exactly as sent: the sentences after the answer, or before it,
 * or (when the answer sits in the middle) the whole reply. Sentences of filler alone are nothing.
 */
function remarkOf(text: string, read: Read[], answers: Read[]): string | undefined {
  const remarks = read.filter((s) => !s.corrected && !answers.includes(s) && s.reading.extra > 0);
  if (remarks.length === 0) return undefined;
  const start = answers[0]!.source.start;
  const end = answers.at(-1)!.source.end;
  if (remarks.every((s) => s.source.start >= end))
    return text
      .slice(end)
      .replace(/^[\s.!?;,:\u2026\u2013\u2014-]+/u, '')
      .trimEnd();
  if (remarks.every((s) => s.source.end <= start))
    return text
      .slice(0, start)
      .replace(/[\s,;:\u2013\u2014-]+$/u, '')
      .trimStart();
  return text.trim();
}

function nameKey(n: Named): string {
  return 'outOfRange' in n ? `out:${n.outOfRange}` : `in:${n.target}`;
}

function answer(item: InstrumentItem, target: string | number, remark: string | undefined): Interpretation {
  const extra = remark ? { remark } : {};
  if (item.kind === 'scale') return { kind: 'answer', value: target as number, optionId: null, ...extra };
  const option = (item as ChoiceItem).options.find((o) => o.id === target)!;
  return { kind: 'answer', value: option.code, optionId: option.id, ...extra };
}

function unclear(reason: UnclearReason): Interpretation {
  return { kind: 'unclear', reason };
}
