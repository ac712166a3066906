import type { InstrumentInput } from '../instrumentSchema.js';

/** The ONS direct loneliness question: reported as a category (headline: % often/always). */
export const onsLoneliness: InstrumentInput = {
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
        { id: 'hardly_ever', label: 'Hardly ever', code: 4, key: 4, synonyms: ['hardly', 'rarely', 'seldom', 'not much', 'almost never'] },
        { id: 'never', label: 'Never', code: 5, key: 5, synonyms: ['not at all', 'not ever', 'never ever'] },
      ],
    },
  ],
  scoring: { method: 'none' },
};
