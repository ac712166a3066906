import type { InstrumentInput } from '../instrumentSchema.js';

const BETWEEN_GOOD_AND_FAIR = ['fine', 'ok', 'okay', 'alright', 'all right', 'not bad'];

/** GSS harmonised self-rated health (not the licensed SF-12/SF-36 "Excellent…Poor" item): a category. */
export const gssHealth: InstrumentInput = {
  id: 'gss-health',
  version: '1',
  title: 'Self-rated health (GSS harmonised)',
  licence: 'Government Statistical Service harmonised standard; Open Government Licence.',
  recallPeriod: null,
  items: [
    {
      id: 'general',
      kind: 'choice',
      text: 'How is your health in general?',
      options: [
        { id: 'very_good', label: 'Very good', code: 1, key: 1, synonyms: ['excellent', 'great', 'very well', 'brilliant', 'fantastic'] },
        // "Fine", "OK", "alright" and "not bad" are said of Good and of Fair alike: listed under both, they are re-asked.
        { id: 'good', label: 'Good', code: 2, key: 2, synonyms: ['well', 'tidy', ...BETWEEN_GOOD_AND_FAIR] },
        { id: 'fair', label: 'Fair', code: 3, key: 3, synonyms: ['so so', 'average', 'middling', 'up and down', ...BETWEEN_GOOD_AND_FAIR] },
        { id: 'bad', label: 'Bad', code: 4, key: 4, synonyms: ['poor', 'unwell', 'not good', 'not well', 'not great'] },
        { id: 'very_bad', label: 'Very bad', code: 5, key: 5, synonyms: ['very poor', 'awful', 'terrible', 'dreadful', 'very unwell'] },
      ],
    },
  ],
  scoring: { method: 'none' },
};
