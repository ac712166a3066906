import type { InstrumentItem } from '../instruments/instrumentSchema.js';
import { answerTokens } from './answerTokens.js';
import { frequencyTargets } from './frequencyVocabulary.js';
import { OPTION_VARIANTS } from './optionVariants.js';
import {
  CONNECTORS,
  CONTRAST_WORDS,
  FILLER_WORDS,
  HEDGES,
  IDIOMS,
  NEGATIONS,
  NEGATIVE_WORDS,
  NO_WORDS,
  NUMBER_FILLERS,
  SOFTENERS,
  WEAK_PHRASES,
} from './replyWords.js';

/** A phrase that names an answer: an option id for a choice item, a value for a scale. */
export interface ItemPhrase {
  words: readonly string[];
  /**
   * More than one target: the phrase names two answers ("hardly ever or never" where those are two
   * options). None: a saying that names no answer ("same as always"), whose words are just words.
   */
  targets: ReadonlyArray<string | number>;
  /**
   * `short`: answers only when nothing else is said ("some", not "some kids visit"). `filler`: a
   * word that is usually filler ("well" for "Good"), which answers only when nothing else is named.
   */
  weak: 'short' | 'filler' | null;
  /** Says "none" or "never", so a leading "no" agrees with it. */
  negative: boolean;
  /** Toned down ("almost always"): where it falls between two options it is re-asked as negated. */
  softened: boolean;
  /** A saying of doubt ("not sure", "hard to say"): it names no answer, and adds nothing to one. */
  hedge: boolean;
}

/** What is known about an item's answers, compiled once per item. */
export interface ItemVocabulary {
  /** Longest first, so "hardly ever or never" is one phrase and not "never". */
  phrases: readonly ItemPhrase[];
  /** Words of the question itself: echoing them ("I feel left out sometimes") adds nothing. */
  echo: ReadonlySet<string>;
  /** Every word a reply to this item is expected to use: anything else may be a misspelling. */
  known: ReadonlySet<string>;
  /** Words of its answers (not filler) of four letters or more, which a slip may be aimed at ("ocassionally", "nevr"). */
  longWords: readonly string[];
  /** Words that are each an answer on their own ("never", "sometimes"), not only part of one ("ever"), and what each answers. */
  answerWords: ReadonlyMap<string, string>;
  /** What a plain "no" or "nope" answers: "never" or "none" on a how-often question, 0 to "how many…?"; else null. */
  saysNo: string | number | null;
  /** Every option is a frequency label (UCLA-3, ONS loneliness, K6). */
  frequency: boolean;
  /** The things the question names in the plural, and each one: "groups", "group", "activities", "activity". */
  countsOf: ReadonlySet<string>;
  /** Options rate a quality, some of them "very" so ("Very good" … "Very bad"). */
  quality: boolean;
  /** Answer words whose "very" is another answer ("good", "bad", "poor"): a word before one may change which. */
  graded: ReadonlySet<string>;
  /** The scale value labelled "not at all" (ONS4's 0), which "not satisfied at all" also answers; else null. */
  notAtAll: number | null;
}

const NUMBER_WORDS = answerTokens(
  'zero nought one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen ' +
    'seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen',
);

// Said for "none" to a count ("How many groups…?"), which has no label of its own for 0.
const ZERO_PHRASES = ['none', 'nil', 'nothing', 'not any', 'none at all', 'none yet', 'not one', 'not even one', 'not a single one'];

// Other words for a scale's end labels, said alone: "totally" or "fully" for "completely", "nil"
// for "not at all". Not "none": "how anxious…?" "none" may be none of the scale, and is re-asked.
const END_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['not at all', ['not in the slightest', 'not one bit', 'nil']],
  ['completely', ['totally', 'fully', 'entirely', 'totally completely']],
]);

const compiled = new WeakMap<InstrumentItem, ItemVocabulary>();

/** The phrases and words that answer `item`, from its labels, synonyms and the common variants. */
export function itemVocabulary(item: InstrumentItem): ItemVocabulary {
  let vocabulary = compiled.get(item);
  if (!vocabulary) {
    vocabulary = compile(item);
    compiled.set(item, vocabulary);
  }
  return vocabulary;
}

function compile(item: InstrumentItem): ItemVocabulary {
  const echo = new Set(answerTokens(item.text).filter((w) => !NEGATIONS.has(w) && !NO_WORDS.has(w) && !/\d/.test(w)));
  // "1 group" and "no activity" echo the question as much as "groups" and "activities" do.
  const countsOf = new Set([...echo].filter((w) => w.length > 4 && /[^s]s$/.test(w) && !FILLER_WORDS.has(w)).flatMap((w) => [w, singular(w)]));
  for (const w of countsOf) echo.add(w);
  // A scale's end labels answer only said alone: "not at all lonely" does not answer "how happy…?".
  const anchors = new Set<string>();
  const frequency = item.kind === 'choice' ? frequencyTargets(item) : null;
  const targets = item.kind === 'choice' ? choiceTargets(item, frequency?.phrases) : scaleTargets(item, echo, anchors);
  for (const idiom of IDIOMS) if (!targets.has(key(idiom))) targets.set(key(idiom), new Set());
  const hedges = new Set(HEDGES.map(key).filter((k) => !targets.has(k)));
  for (const hedge of hedges) targets.set(hedge, new Set());
  const phrases = [...targets].map(([phraseKey, set]) => {
    const words = phraseKey.split(' ');
    return {
      words,
      targets: [...set],
      weak: words.every((w) => FILLER_WORDS.has(w))
        ? ('filler' as const)
        : anchors.has(phraseKey) || (words.length === 1 && WEAK_PHRASES.has(words[0]!))
          ? ('short' as const)
          : null,
      negative: words.some((w) => NEGATIVE_WORDS.has(w)),
      softened: words.some((w) => SOFTENERS.has(w)) || words.join(' ').startsWith('pretty much'),
      hedge: hedges.has(phraseKey),
    };
  });
  phrases.sort((a, b) => b.words.length - a.words.length);
  const phraseWords = new Set(phrases.flatMap((p) => p.words));
  const known = new Set([
    ...phraseWords,
    ...echo,
    ...NUMBER_WORDS,
    ...FILLER_WORDS,
    ...NEGATIONS,
    ...NO_WORDS,
    ...CONNECTORS,
    ...CONTRAST_WORDS,
    ...NUMBER_FILLERS,
    ...SOFTENERS,
  ]);
  const longWords = [...new Set(phrases.filter((p) => p.targets.length > 0).flatMap((p) => p.words))].filter((w) => w.length >= 4);
  const answerWords = new Map(phrases.filter((p) => p.targets.length > 0 && p.words.length === 1).map((p) => [p.words[0]!, p.targets.join(' ')]));
  return {
    phrases,
    echo,
    known,
    longWords,
    answerWords,
    saysNo: frequency?.never ?? (isCount(item, countsOf) ? 0 : null),
    frequency: !!frequency,
    countsOf,
    notAtAll: notAtAll(item, echo),
    quality: item.kind === 'choice' && item.options.some((o) => /^very\b/i.test(o.label)),
    graded: new Set([...answerWords].filter(([w, to]) => [null, to].every((t) => targetsOf(phrases, `very ${w}`) !== t)).map(([w]) => w)),
  };
}

/** "How many groups…?": a count from 0 with no labels, of things the question names. */
function isCount(item: InstrumentItem, countsOf: ReadonlySet<string>): boolean {
  return item.kind === 'scale' && item.min === 0 && !item.minLabel && countsOf.size > 0;
}

function targetsOf(phrases: readonly ItemPhrase[], words: string): string | null {
  const found = phrases.find((p) => p.words.join(' ') === words && p.targets.length > 0);
  return found ? found.targets.join(' ') : null;
}

function notAtAll(item: InstrumentItem, echo: ReadonlySet<string>): number | null {
  if (item.kind !== 'scale' || !item.minLabel) return null;
  return answerTokens(item.minLabel)
    .filter((w) => !echo.has(w))
    .join(' ') === 'not at all'
    ? item.min
    : null;
}

function singular(plural: string): string {
  return plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.slice(0, -1);
}

type Targets = Map<string, Set<string | number>>;

function choiceTargets(item: Extract<InstrumentItem, { kind: 'choice' }>, frequency?: ReadonlyMap<string, readonly string[]>): Targets {
  const own: Targets = new Map();
  for (const option of item.options) {
    for (const phrase of [option.label, ...option.synonyms]) addPhrase(own, phrase, option.id);
  }
  // Then how often, placed on this scale's own options (see frequencyVocabulary).
  const placed: Targets = new Map();
  for (const [phrase, ids] of frequency ?? []) for (const id of ids) addPhrase(placed, phrase, id);
  for (const [phrase, ids] of placed) if (!own.has(phrase)) own.set(phrase, ids);
  const variants: Targets = new Map();
  for (const option of item.options) {
    const label = key(option.label);
    for (const { labels, phrases } of OPTION_VARIANTS) {
      if (labels.some((l) => key(l) === label)) for (const phrase of phrases) addPhrase(variants, phrase, option.id);
    }
  }
  // The instrument's own words win: a variant never takes a phrase the instrument gave an option.
  for (const [phrase, ids] of variants) if (!own.has(phrase)) own.set(phrase, ids);
  return own;
}

function scaleTargets(item: Extract<InstrumentItem, { kind: 'scale' }>, echo: ReadonlySet<string>, anchors: Set<string>): Targets {
  const targets: Targets = new Map();
  for (const [label, value] of [
    [item.minLabel, item.min],
    [item.maxLabel, item.max],
  ] as const) {
    if (!label) continue;
    // "0 = not at all anxious" is also answered "not at all".
    const unechoed = answerTokens(label)
      .filter((w) => !echo.has(w))
      .join(' ');
    for (const phrase of [label, unechoed, ...(END_WORDS.get(unechoed) ?? [])]) {
      if (phrase === '') continue;
      addPhrase(targets, phrase, value);
      anchors.add(key(phrase));
    }
  }
  if (item.min === 0 && !item.minLabel) for (const phrase of ZERO_PHRASES) addPhrase(targets, phrase, 0);
  return targets;
}

function addPhrase(targets: Targets, phrase: string, target: string | number): void {
  const phraseKey = key(phrase);
  if (phraseKey === '' || /\d/.test(phraseKey)) return;
  // "some of time" for "some of the time": a dropped "the" is a slip, not another answer.
  for (const k of new Set([phraseKey, phraseKey.replace(/ the /g, ' ')])) {
    const set = targets.get(k) ?? new Set();
    set.add(target);
    targets.set(k, set);
  }
}

// Items share most phrases ("sometimes", "not at all"): normalise each once.
const keys = new Map<string, string>();

function key(phrase: string): string {
  let k = keys.get(phrase);
  if (k === undefined) {
    k = answerTokens(phrase).join(' ');
    keys.set(phrase, k);
  }
  return k;
}
