import type { Band, InstrumentInput } from '../instrumentSchema.js';

// The ONS thresholds for reporting each measure; anxiety runs the other way (higher is worse).
const bands: Band[] = [
  { label: 'low', min: 0, max: 4 },
  { label: 'medium', min: 5, max: 6 },
  { label: 'high', min: 7, max: 8 },
  { label: 'very high', min: 9, max: 10 },
];
const anxietyBands: Band[] = [
  { label: 'very low', min: 0, max: 1 },
  { label: 'low', min: 2, max: 3 },
  { label: 'medium', min: 4, max: 5 },
  { label: 'high', min: 6, max: 10 },
];
const scale = { kind: 'scale', min: 0, max: 10, minLabel: 'not at all', maxLabel: 'completely' } as const;

/** ONS4 personal wellbeing: four separate 0–10 questions, each reported with its ONS band; no total. */
export const ons4: InstrumentInput = {
  id: 'ons4',
  version: '1',
  title: 'ONS4 personal wellbeing',
  licence: 'Office for National Statistics personal well-being questions; Open Government Licence.',
  recallPeriod: null,
  intro: 'There are no right or wrong answers.',
  items: [
    { id: 'life_satisfaction', ...scale, text: 'Overall, how satisfied are you with your life nowadays?', bands },
    { id: 'worthwhile', ...scale, text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?', bands },
    { id: 'happiness', ...scale, text: 'Overall, how happy did you feel yesterday?', recallPeriod: 'yesterday', bands },
    {
      id: 'anxiety',
      ...scale,
      text: 'Overall, how anxious did you feel yesterday?',
      minLabel: 'not at all anxious',
      maxLabel: 'completely anxious',
      recallPeriod: 'yesterday',
      bands: anxietyBands,
    },
  ],
  scoring: { method: 'none' },
};
