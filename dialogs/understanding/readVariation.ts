/** Where a reply says that its answer varies or has changed, and where it concludes after that. */
export interface Variation {
  /** Index in the reply of the last saying that it varies ("depends on the day", "used to"). */
  at: number;
  /** Index just after a conclusion that follows it ("…but overall", "…, I'd say", "…but now"), or null. */
  concludesAt: number | null;
}

const WORD = String.raw`[\s-]+`;
const words = (...alternatives: string[]) => alternatives.map((a) => a.replace(/ /g, WORD)).join('|');

// Sayings that an answer varies, depends, or falls between days: a reply that says one is re-asked,
// not averaged ("some days good, some days bad", "7 on a good day", "up and down").
const VARIES = new RegExp(
  String.raw`\b(?:${words(
    'varies',
    'vary',
    'varied',
    'varying',
    'variable',
    'depends',
    'depending',
    'dependent on',
    'fluctuates?',
    'fluctuating',
    'changeable',
    'unpredictable',
    'inconsistent',
    'mixed',
    'a mixture',
    'up and down',
    'ups and downs',
    'hit and miss',
    'hit or miss',
    'swings and roundabouts',
    'all over the place',
    'day to day',
    'day by day',
    'week to week',
    'week by week',
    'from day to day',
    'on a good day',
    'on a bad day',
    'on good days',
    'on bad days',
    'good days and bad days',
    'bad days and good days',
    'good and bad days',
    'than others',
    'other days',
    'other times',
    '(?:every|each) (?:day|week|time) (?:is )?different',
    'different (?:every|each|from) (?:day|week|time)',
    '(?:it|that|this|mood|feelings?) (?:changes|keeps changing|can change)',
    'changes? (?:all|during|throughout|through|from|every|each|by) ',
    'some days .*\\bsome days',
    'sometimes .*\\bsometimes',
    '(?:more|less) (?:often|frequently) than(?! not)',
    '(?:a lot|lots|much|far|way|a bit|a little|slightly) (?:less|more)\\b(?! or less)',
    '(?:less|more) than (?:before|usual|normal|it was|i did|i used to|last|it used to)',
    'yes and no',
    'yes or no',
    'yes but no',
    'yes\\W+no\\b',
    '(?:a )?bit of both',
    '(?<!(?:them|us|you|we|they)[\\s-]+)both(?![\\s-]+of)',
    'a mix',
    'mix of',
    'a combination',
    'never the same',
    'no two days',
    'hot and cold',
    'patchy',
    'in waves',
    'erratic',
    'all sorts',
    'changing',
    'changes a lot',
    'roller ?coaster',
    'yo ?yo',
    'see ?saw',
    'touch and go',
    'not consistent',
    'good days?,? (?:and |or |some )?bad days?',
    'bad days?,? (?:and |or |some )?good days?',
  )})`,
  'giu',
);

// An answer for part of the day or part of the time ("bad in the mornings", "5 some days") is not
// one for the whole; on a how-often question these say when or how often, and the answer stands.
const PART_OF_DAY = new RegExp(
  String.raw`\b(?:${words(
    '(?:in|during|by|through|of) the (?:mornings?|afternoons?|evenings?|night|day)',
    'at night',
    'first thing',
    'later on',
    'later in the day',
    'as the day goes on',
    '(?:mornings|afternoons|evenings|nights|days) (?:are|were|is)',
    '(?:some|most) (?:mornings|evenings|nights)',
    // Said of a rating or a state of health, how often says it varies: "good, sometimes bad", "5 some days".
    'sometimes',
    'at times',
    'some days',
    'some of the time',
    'on and off',
    'off and on',
    'now and then',
    'now and again',
    'occasionally',
    'from time to time',
  )})\b`,
  'giu',
);

// A conclusion after it: what follows is the answer ("it varies, but overall sometimes", "used to
// be often but now hardly ever").
const CONCLUDES = new RegExp(
  String.raw`\b(?:${words(
    'overall',
    'on the whole',
    'on balance',
    'in general',
    'generally',
    'all in all',
    'on average',
    "i'?d say",
    'i would say',
    'if i had to (?:say|pick|choose|guess)',
    'now',
    'nowadays',
    'these days',
    'at the moment',
    'currently',
    'lately',
  )})\b[\s,:.-]*`,
  'giu',
);

/**
 * The last saying in `text` that its answer varies or has changed (or, where the question is not
 * how often, holds for part of the day), and any conclusion after it; null if none.
 */
export function readVariation(text: string, howOften: boolean): Variation | null {
  const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  let at = -1;
  for (const pattern of howOften ? [VARIES] : [VARIES, PART_OF_DAY]) for (const match of lower.matchAll(pattern)) at = Math.max(at, match.index);
  if (at < 0) return null;
  let concludesAt: number | null = null;
  for (const match of lower.matchAll(CONCLUDES)) {
    if (match.index > at) {
      concludesAt = match.index + match[0].length;
      break;
    }
  }
  return { at, concludesAt };
}
