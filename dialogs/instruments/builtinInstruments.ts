import { instrumentSchema, type Instrument, type InstrumentInput, type InstrumentOptionInput } from './instrumentSchema.js';

// Validated wording: never reworded. See ../shared/PRODUCT.md for sources and scoring.

const uclaOptions: InstrumentOptionInput[] = [
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

const ucla3: InstrumentInput = {
  id: 'ucla3',
  version: '1',
  title: 'UCLA 3-item loneliness scale',
  licence: 'Hughes et al. (2004); free to use, UK national indicator of loneliness.',
  recallPeriod: null,
  intro: 'The next questions are about how you feel about different parts of your life.',
  items: [
    { id: 'lack_companionship', kind: 'choice', text: 'How often do you feel that you lack companionship?', options: uclaOptions },
    { id: 'left_out', kind: 'choice', text: 'How often do you feel left out?', options: uclaOptions },
    { id: 'isolated', kind: 'choice', text: 'How often do you feel isolated from others?', options: uclaOptions },
  ],
  scoring: {
    method: 'sum',
    minAnswered: 'all',
    bands: [
      { label: 'not lonely', min: 3, max: 5 },
      { label: 'lonely', min: 6, max: 9 },
    ],
  },
};

const onsLoneliness: InstrumentInput = {
  id: 'ons-loneliness',
  version: '1',
  title: 'ONS direct loneliness question',
  licence: 'Office for National Statistics; Open Government Licence.',
  recallPeriod: null,
  items: [
    {
      id: 'lonely',
      kind: 'choice',
      text: 'How often do you feel lonely?',
      options: [
        {
          id: 'often_always',
          label: 'Often/always',
          code: 1,
          key: 1,
          synonyms: ['often', 'always', 'often always', 'a lot', 'lots', 'all the time', 'most of the time', 'constantly', 'very often'],
        },
        { id: 'some_of_the_time', label: 'Some of the time', code: 2, key: 2, synonyms: ['sometimes', 'some times', 'some'] },
        {
          id: 'occasionally',
          label: 'Occasionally',
          code: 3,
          key: 3,
          synonyms: ['now and then', 'now and again', 'once in a while', 'from time to time', 'every now and then'],
        },
        { id: 'hardly_ever', label: 'Hardly ever', code: 4, key: 4, synonyms: ['hardly', 'rarely', 'seldom', 'not often', 'not much', 'almost never'] },
        { id: 'never', label: 'Never', code: 5, key: 5, synonyms: ['not at all', 'not ever', 'never ever'] },
      ],
    },
  ],
  scoring: { method: 'none' },
};

/** Instruments Linkwell ships, by id, validated once at load. */
export const builtinInstruments: ReadonlyMap<string, Instrument> = new Map(
  [ucla3, onsLoneliness].map((input) => {
    const instrument = instrumentSchema.parse(input);
    return [instrument.id, instrument] as const;
  }),
);
