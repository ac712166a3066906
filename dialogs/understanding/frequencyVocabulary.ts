import type { ChoiceItem } from '../instruments/instrumentSchema.js';
import { answerTokens } from './answerTokens.js';

/**
 * How often, as positions on one line that every frequency scale divides up its own way:
 * 0 never, 1 rarely, 2 occasionally, 3 some of the time, 4 often, 5 always.
 */
type Level = 0 | 1 | 2 | 3 | 4 | 5;

/** A way of saying how often, and the positions it covers: two when it sits between them. */
type Said = [phrases: readonly string[], from: Level, to?: Level];

// Written as clients text them; normalised (and txt-speak folded) before use. A phrase covering two
// positions ("rarely if ever") is one answer on a scale that joins them (UCLA's "Hardly ever or
// never") and a re-ask on one that splits them (ONS's "Hardly ever" and "Never").
const SAID: readonly Said[] = [
  [
    [
      'never',
      'not ever',
      'never ever',
      'never at all',
      'at no time',
      'not once',
      'not even once',
      'none',
      'none at all',
      'none of the time',
      'not at all',
      'not at all really',
      'no never',
      'never really',
      'never not once',
      'not one bit',
      'not in the slightest',
      'not for a moment',
      'absolutely never',
      'absolutely not',
      'of course not',
      'certainly not',
      'not in the least',
      'by no means',
      'nothing like that',
      'never have',
      'never do',
      'never ever ever',
      'never once',
      'at no point',
      'not a single time',
      'no time at all',
    ],
    0,
  ],
  [
    [
      'rarely if ever',
      'hardly if ever',
      'seldom if ever',
      'hardly ever if at all',
      'rarely if at all',
      'almost never',
      'nearly never',
      'practically never',
      'virtually never',
      'next to never',
      'hardly ever or never',
      'never or hardly ever',
      'rarely or never',
      'never or rarely',
      'hardly or never',
      'hardly ever if ever',
      'almost not at all',
      // "Not really" to "How often…?" is never or next to it.
      'not really',
      'dont really',
      'do not really',
      'not really no',
      'no not really',
      'not particularly',
      'not very',
      'not that much really',
      'scarcely if ever',
    ],
    0,
    1,
  ],
  [
    [
      'hardly ever',
      'hardly',
      'rarely',
      'seldom',
      'barely',
      'barely ever',
      'rarely ever',
      'very rarely',
      'very seldom',
      'hardly at all',
      'once in a blue moon',
      'not much',
      'not very much',
      'not a lot',
      'not a great deal',
      'not that much',
      'not too much',
      'infrequently',
      'very occasionally',
      'hardly ever really',
      'only rarely',
      'once or twice',
      'not so much',
      'a tiny bit',
      'a wee bit',
      'very little',
      'hardly any',
      'few and far between',
      'barely at all',
      'scarcely',
      'scarcely ever',
      'not frequently',
      'only a handful of times',
      'a handful of times',
      // The adjective for the adverb: "rare", "it's rare".
      'rare',
      'very rare',
      'rare really',
      'on rare occasions',
      'rare occasions',
      'only on rare occasions',
      // Double negatives and second-language forms: "hardly never", "not so much often", "little time".
      'hardly never',
      'barely never',
      'not so much often',
      'not much often',
      'not very much often',
      'little time',
      'a little time',
      'rare time',
      'rare times',
    ],
    1,
  ],
  [
    [
      'occasionally',
      'now and then',
      'now and again',
      'every now and then',
      'every now and again',
      'once in a while',
      'every once in a while',
      'from time to time',
      'every so often',
      'the odd time',
      'odd time',
      'the odd day',
      'the odd occasion',
      'on occasion',
      'at odd times',
      'here and there',
      'once in a while maybe',
      'sporadically',
      'intermittently',
      'periodically',
      'a few times',
      'on the odd occasion',
      'odd occasions',
      'few times',
      'odd times',
      'on occasions',
      'the occasional day',
      'not regularly',
      'occasional',
      'the odd wee time',
      'odd wee time',
      'few time',
      'a few time',
      'some few times',
    ],
    2,
  ],
  // "Not very often" is Hardly ever or Occasionally where a scale has both (ONS), and a re-ask there.
  [['not often', 'not very often', 'not that often', 'not so often', 'not too often', 'not all that often', 'not many times', 'not many time'], 1, 2],
  [['on and off', 'off and on', 'on off', 'comes and goes', 'it comes and goes'], 2, 3],
  // "Quite a bit" is more than "a bit", and less sure than "a lot".
  [['quite a bit', 'a fair bit', 'a good bit', 'a fair amount', 'a good amount', 'quite a few times', 'more than sometimes', 'a reasonable amount'], 3, 4],
  [
    [
      'some of the time',
      'sometimes',
      'some times',
      'sometime',
      'some',
      'at times',
      'some days',
      'part of the time',
      'some of the time yes',
      'sometimes yes',
      'some of the days',
      'some time',
      'some time yes',
    ],
    3,
  ],
  [
    [
      'often',
      'a lot',
      'lots',
      'very often',
      'frequently',
      'quite often',
      'quite a lot',
      'a great deal',
      'most of the time',
      'mostly',
      'most days',
      'usually',
      'regularly',
      'much of the time',
      'a lot of the time',
      'more often than not',
      'loads',
      'far too often',
      'too often',
      'all too often',
      'many times',
      'many time',
      'more often than not really',
      'most of the time yes',
      'often yes',
      'very frequently',
      'most days really',
      'lots of the time',
      'fairly often',
      'pretty often',
      'reasonably often',
      'quite frequently',
      'fairly frequently',
      'most evenings',
      'most nights',
      'most weekends',
      'most mornings',
      'the majority of the time',
      'majority of the time',
      'a good deal',
      'a good deal of the time',
      'a great deal of the time',
      'tons',
      'heaps',
      'lots and lots',
      'loads and loads',
      'many a time',
      'plenty',
      'too much',
      'very much',
      'many many times',
      'most of the day',
      'much of the day',
      'a good part of the time',
      'the bulk of the time',
      'routinely',
      'most weeks',
      'oft times',
      // Second-language and recall-period forms: "most time", "most of the month".
      'most time',
      'most times',
      'most of the days',
      'most of the month',
      'most of the week',
      'frequent',
      'very frequent',
    ],
    4,
  ],
  [
    [
      'almost always',
      'nearly always',
      'pretty much always',
      'just about always',
      'virtually always',
      'practically always',
      'almost all the time',
      'nearly all the time',
      'pretty much all the time',
      'almost all of the time',
      'nearly all of the time',
      'almost every day',
      'nearly every day',
      'pretty much every day',
      'most of the time if not all',
      'often or always',
      'always or often',
      'every evening',
      'every night',
      'every single night',
      'each night',
      'every morning',
      'each evening',
    ],
    4,
    5,
  ],
  [
    [
      'always',
      'all the time',
      'all of the time',
      'constantly',
      'the whole time',
      'non stop',
      'every day',
      'every single day',
      'each day',
      'all day every day',
      'day in day out',
      'every minute',
      'every waking moment',
      'continually',
      'continuously',
      'all day',
      'always always',
      'every day without fail',
      'every single minute',
      'each and every day',
      'day and night',
      'night and day',
      'all day long',
      'every waking hour',
      'round the clock',
      'around the clock',
      'twenty four seven',
      'daily',
      'every day of the week',
      'every time',
      'all times',
      'at all times',
      'perpetually',
      'permanently',
      'forever',
      'nonstop',
      'non stop',
      'all the while',
      'all the times',
      'all month',
      'all month long',
      'the whole month',
      'the whole time',
      'every day this month',
      'all week',
      'the whole week',
      'constant',
      'constant really',
    ],
    5,
  ],
];

// The positions an option's own label covers; a position no option covers joins its neighbour
// towards the middle (UCLA "Often" also takes "always"; K6 "Some" also takes "occasionally").
const LABEL_LEVELS: ReadonlyMap<string, readonly Level[]> = new Map(
  (
    [
      [['never', 'none', 'none of the time', 'not at all'], [0]],
      [
        ['hardly ever or never', 'never or hardly ever'],
        [0, 1],
      ],
      [['hardly ever', 'rarely', 'a little', 'a little of the time'], [1]],
      [['occasionally'], [2]],
      [['some of the time', 'sometimes', 'some'], [3]],
      [['often', 'most', 'most of the time', 'usually'], [4]],
      [
        ['often always', 'often or always'],
        [4, 5],
      ],
      [['always', 'all', 'all of the time', 'all the time'], [5]],
    ] as const
  ).flatMap(([labels, levels]) => labels.map((label) => [key(label), levels] as const)),
);

const MIDDLE = 2.5;

const SAID_KEYS: ReadonlyArray<[keys: readonly string[], from: Level, to: Level]> = SAID.map(([list, from, to = from]) => [list.map(key), from, to]);

/** What the frequency vocabulary says about one item: each phrase's options (two: it sits between them). */
export interface FrequencyTargets {
  phrases: ReadonlyMap<string, readonly string[]>;
  /** The option meaning "never" or "none", which a plain "no" answers on a how-often question. */
  never: string | null;
}

/**
 * Frequency phrases mapped onto `item`'s own options, when every option is a frequency label
 * (UCLA-3, ONS loneliness, K6); null for any other item. The same phrase may land on different
 * options on different scales, or between two options of one scale.
 */
export function frequencyTargets(item: ChoiceItem): FrequencyTargets | null {
  const owner = new Map<Level, string>();
  for (const option of item.options) {
    const levels = LABEL_LEVELS.get(key(option.label));
    if (!levels) return null;
    for (const level of levels) owner.set(level, option.id);
  }
  const optionAt = (level: Level): string | undefined => {
    for (let at: number = level; at >= 0 && at <= 5; at += at < MIDDLE ? 1 : -1) {
      const id = owner.get(at as Level);
      if (id) return id;
    }
    return undefined;
  };
  const phrases = new Map<string, readonly string[]>();
  for (const [keys, from, to] of SAID_KEYS) {
    // A phrase spanning positions answers only the options that own them, if any do: "not often" on
    // UCLA (whose "Some of the time" takes "occasionally") is its "Hardly ever or never" alone.
    const levels = Array.from({ length: to - from + 1 }, (_, k) => (from + k) as Level);
    const owned = levels.filter((level) => owner.has(level));
    const ids = new Set<string>();
    for (const level of owned.length > 0 && owned.length < levels.length ? owned : levels) {
      const id = optionAt(level);
      if (id) ids.add(id);
    }
    for (const phrase of keys) phrases.set(phrase, [...ids]);
  }
  const howOften = /\bhow often\b/i.test(item.text);
  return { phrases, never: howOften ? (owner.get(0) ?? null) : null };
}

function key(phrase: string): string {
  return answerTokens(phrase.replace(/\//g, ' ')).join(' ');
}
