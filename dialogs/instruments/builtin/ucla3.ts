import type { InstrumentInput, InstrumentOptionInput } from '../instrumentSchema.js';

const options: InstrumentOptionInput[] = [
  {
    id: 'hardly_ever_or_never',
    label: 'Hardly ever or never',
    code: 1,
    key: 1,
    synonyms: ['hardly ever', 'hardly', 'never', 'rarely', 'seldom', 'not often', 'not much', 'not at all', 'almost never'],
  },
  {
    id: 'some_of_the_time',
    label: 'Some of the time',
    code: 2,
    key: 2,
    synonyms: ['sometimes', 'some times', 'some', 'occasionally', 'now and then', 'now and again', 'from time to time', 'a bit', 'a little'],
  },
  {
    id: 'often',
    label: 'Often',
    code: 3,
    key: 3,
    synonyms: ['a lot', 'lots', 'all the time', 'always', 'most of the time', 'very often', 'constantly', 'mostly'],
  },
];

/** UCLA 3-item loneliness scale (Hughes et al. 2004): total 3–9, 6–9 commonly read as lonely. */
export const ucla3: InstrumentInput = {
  id: 'ucla3',
  version: '1',
  title: 'UCLA 3-item loneliness scale',
  licence: 'Hughes et al. (2004); free to use, UK national indicator of loneliness.',
  recallPeriod: null,
  intro: 'The next questions are about how you feel about different parts of your life.',
  items: [
    { id: 'lack_companionship', kind: 'choice', text: 'How often do you feel that you lack companionship?', options },
    { id: 'left_out', kind: 'choice', text: 'How often do you feel left out?', options },
    { id: 'isolated', kind: 'choice', text: 'How often do you feel isolated from others?', options },
  ],
  scoring: {
    method: 'sum',
    minAnswered: 'all',
    // A convention, not a clinical cut-off.
    bands: [
      { label: 'not lonely', min: 3, max: 5 },
      { label: 'lonely', min: 6, max: 9 },
    ],
  },
};
