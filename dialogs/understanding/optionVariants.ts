/**
 * How people say the labels of common response scales, so that every instrument using a label
 * understands the same replies without repeating the list in its own synonyms. An option takes
 * the phrases listed for its label; the instrument's own labels and synonyms win any clash, and a
 * phrase that would name two options of one item names neither.
 *
 * Written as the client would text them; they are normalised (and txt-speak folded) before use.
 * Only phrases that mean that option and nothing else ("great" for "Very good" would be a guess at
 * the degree); an instrument may decide more in its own synonyms.
 */
const never = ['never', 'not ever', 'never ever', 'at no time', 'not once', 'never at all'];
const hardlyEver = [
  'hardly ever',
  'hardly',
  'rarely',
  'seldom',
  'almost never',
  'nearly never',
  'not often',
  'not very often',
  'not that often',
  'not much',
  'very rarely',
  'very seldom',
  'barely',
  'barely ever',
  'rarely ever',
  'hardly at all',
  'once in a blue moon',
];
const someOfTheTime = ['some of the time', 'sometimes', 'some times', 'sometime', 'some', 'at times', 'some days', 'part of the time'];
const occasionally = [
  'occasionally',
  'now and then',
  'now and again',
  'every now and then',
  'every now and again',
  'once in a while',
  'from time to time',
  'every so often',
  'the odd time',
  'odd time',
];
const often = ['often', 'a lot', 'lots', 'very often', 'frequently', 'quite often', 'quite a lot', 'a great deal'];
const always = ['always', 'all the time', 'all of the time', 'constantly', 'the whole time', 'non stop'];

/** Phrases for every option whose label is one of `labels` (compared as normalised words). */
export interface OptionVariants {
  labels: readonly string[];
  phrases: readonly string[];
}

export const OPTION_VARIANTS: readonly OptionVariants[] = [
  // Frequency (ONS, UCLA-3).
  { labels: ['never'], phrases: never },
  { labels: ['hardly ever'], phrases: hardlyEver },
  {
    labels: ['hardly ever or never'],
    phrases: ['never or hardly ever', 'rarely or never', 'hardly or never', 'not at all', ...hardlyEver, ...never],
  },
  { labels: ['some of the time', 'sometimes'], phrases: someOfTheTime },
  { labels: ['occasionally'], phrases: occasionally },
  { labels: ['often'], phrases: often },
  { labels: ['often/always', 'often or always'], phrases: ['always or often', ...often, ...always] },
  { labels: ['always', 'all of the time', 'all the time'], phrases: always },
  // Kessler K6 ("None of the time" … "All of the time"), whichever way the label is written.
  { labels: ['none', 'none of the time'], phrases: ['none of the time', 'none', 'not at all', 'at no time', 'never', 'not once', 'none at all'] },
  {
    labels: ['a little', 'a little of the time'],
    phrases: [
      'a little of the time',
      'little of the time',
      'a little',
      'little',
      'a little bit',
      'a bit',
      'bit',
      'a bit of the time',
      'a little bit of the time',
      'little bit of the time',
      'little bit',
    ],
  },
  { labels: ['some', 'some of the time'], phrases: someOfTheTime },
  { labels: ['most', 'most of the time'], phrases: ['most of the time', 'most', 'mostly', 'a lot of the time', 'much of the time', 'most days'] },
  // Never "all" alone: "all good" is not "All of the time".
  { labels: ['all', 'all of the time'], phrases: always },
  // Self-rated health.
  // A word that makes it more ("extremely good") is the "very" option; one that tones it down
  // ("fairly good") is the plain one.
  {
    labels: ['very good'],
    phrases: [
      'v good',
      'really good',
      'very well',
      'really well',
      'excellent',
      'extremely good',
      'exceptionally good',
      'incredibly good',
      'very very good',
      'really really good',
      'extremely well',
      'super',
      'superb',
      'perfect',
      'top notch',
      'tip top',
      'couldnt be better',
      'never been better',
      'fighting fit',
      'fit as a fiddle',
      'very healthy',
      'amazing',
      'wonderful',
      'champion',
      'mint',
      'dead good',
      'proper good',
      'spot on',
      'in fine fettle',
    ],
  },
  {
    labels: ['good'],
    phrases: ['pretty good', 'quite good', 'fairly good', 'reasonably good', 'relatively good', 'rather good', 'good enough', 'decent', 'healthy', 'grand'],
  },
  {
    labels: ['fair'],
    phrases: [
      'so so',
      'middling',
      'average',
      'fair to middling',
      'mediocre',
      'moderate',
      'reasonable',
      'pretty average',
      'about average',
      'neither good nor bad',
      'neither good or bad',
      'not good not bad',
    ],
  },
  {
    labels: ['bad'],
    phrases: [
      'poor',
      'pretty bad',
      'quite bad',
      'fairly bad',
      'rather bad',
      'pretty poor',
      'quite poor',
      'fairly poor',
      'rather poor',
      'poorly',
      'rough',
      'rubbish',
      'under the weather',
      'not so clever',
      'not too clever',
      'rotten',
      'lousy',
      'crap',
      'pants',
    ],
  },
  {
    labels: ['very bad'],
    phrases: [
      'very poor',
      'really bad',
      'really poor',
      'terrible',
      'awful',
      'dreadful',
      'extremely bad',
      'extremely poor',
      'incredibly bad',
      'very very bad',
      'really really bad',
      'horrendous',
      'horrible',
      'appalling',
      'atrocious',
      'very poorly',
      'really poorly',
      'couldnt be worse',
      'proper poorly',
      'dead bad',
      'shocking',
      'dire',
      'abysmal',
      'diabolical',
    ],
  },
  // Agreement.
  {
    labels: ['strongly disagree'],
    phrases: [
      'disagree strongly',
      'totally disagree',
      'completely disagree',
      'strongly dont agree',
      'definitely disagree',
      'very much disagree',
      'disagree completely',
      'disagree totally',
      'absolutely disagree',
    ],
  },
  { labels: ['disagree'], phrases: ['i disagree', 'dont agree', 'do not agree', 'not agree', 'disagreed'] },
  {
    labels: ['neither agree nor disagree', 'neither agree or disagree', 'neither', 'neutral'],
    phrases: ['neither agree or disagree', 'neither', 'neutral', 'in between', 'in the middle', 'neither nor', 'agree nor disagree'],
  },
  { labels: ['agree'], phrases: ['i agree', 'agreed', 'agree with that'] },
  {
    labels: ['strongly agree'],
    phrases: [
      'agree strongly',
      'totally agree',
      'completely agree',
      'fully agree',
      'definitely agree',
      'absolutely agree',
      'very much agree',
      'agree completely',
      'agree totally',
    ],
  },
];
