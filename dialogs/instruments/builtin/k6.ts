import type { InstrumentInput, InstrumentOptionInput } from '../instrumentSchema.js';

// "None" rather than "None of the time": the longest item with a re-ask must fit two SMS segments.
// Never "all" on its own, so "all good" is not read as "All of the time".
const options: InstrumentOptionInput[] = [
  { id: 'none', label: 'None', code: 0, key: 1, synonyms: ['none of the time', 'never', 'not at all', 'not once', 'at no time', 'no time'] },
  {
    id: 'a_little',
    label: 'A little',
    code: 1,
    key: 2,
    synonyms: ['a little of the time', 'a bit', 'a little bit', 'little', 'rarely', 'hardly', 'hardly ever', 'not often', 'not much', 'once or twice'],
  },
  {
    id: 'some',
    label: 'Some',
    code: 2,
    key: 3,
    synonyms: ['some of the time', 'sometimes', 'some times', 'occasionally', 'now and then', 'now and again', 'from time to time'],
  },
  { id: 'most', label: 'Most', code: 3, key: 4, synonyms: ['most of the time', 'mostly', 'often', 'a lot', 'lots', 'usually', 'very often', 'most days'] },
  {
    id: 'all',
    label: 'All of the time',
    code: 4,
    key: 5,
    synonyms: ['always', 'all the time', 'constantly', 'every day', 'all day every day'],
  },
];

// Feeling hopeless, depressed or worthless most or all of the time needs a person to follow it up.
const risk = ['most', 'all'];
const stem = 'During the past 30 days, about how often did you feel';

/** Kessler K6 psychological distress: total 0–24, no total unless all six are answered; ≥ 13 flagged. */
export const k6: InstrumentInput = {
  id: 'k6',
  version: '1',
  title: 'Kessler psychological distress scale (K6)',
  licence: 'Kessler et al. (2002, 2003), Harvard Medical School; free to use, cite the source.',
  recallPeriod: 'past 30 days',
  items: [
    { id: 'nervous', kind: 'choice', text: `${stem} nervous?`, options },
    { id: 'hopeless', kind: 'choice', text: `${stem} hopeless?`, options, riskAt: risk },
    { id: 'restless', kind: 'choice', text: `${stem} restless or fidgety?`, options },
    { id: 'depressed', kind: 'choice', text: `${stem} so depressed that nothing could cheer you up?`, options, riskAt: risk },
    { id: 'effort', kind: 'choice', text: `${stem} that everything was an effort?`, options },
    { id: 'worthless', kind: 'choice', text: `${stem} worthless?`, options, riskAt: risk },
  ],
  scoring: {
    method: 'sum',
    minAnswered: 'all',
    thresholds: [{ flag: 'probable serious psychological distress', atLeast: 13 }],
  },
};
