import type { InstrumentInput } from '../../dialogs/instruments/instrumentSchema.js';

// Instruments a programme might add in its own file. Shaped like SWEMWBS (seven items scored 1-5,
// raw total 7-35 converted to a metric score) but with invented wording and an invented table:
// the real ones are licensed and are not shipped, even in tests.

const agreement = ['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time'].map((label, i) => ({
  id: `o${i + 1}`,
  label,
  code: i + 1,
  key: i + 1,
}));

/** Invented, increasing and not linear, so a lookup cannot pass for arithmetic. */
export const fixtureMetric = (raw: number): number => Math.round((7 + (raw - 7) * 1.1 + ((raw - 21) / 7) ** 3 * 0.25) * 100) / 100;

/** A programme's own licensed seven-item instrument: two items reverse-coded, a conversion table, bands and a threshold. */
export const wellbeingSeven = {
  id: 'wellbeing-7',
  version: '2',
  title: 'Seven-item wellbeing scale (test fixture)',
  licence: 'Registered by the programme with the copyright holder (test fixture).',
  recallPeriod: 'last two weeks',
  intro: 'Here are some statements about feelings and thoughts. Pick the answer closest to the last two weeks.',
  items: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
    id: `s${n}`,
    kind: 'choice' as const,
    text: `Fixture statement ${n}`,
    options: agreement,
    ...(n === 2 || n === 5 ? { reverse: true } : {}),
  })),
  scoring: {
    method: 'sum' as const,
    minAnswered: 'all' as const,
    conversion: Array.from({ length: 29 }, (_, i) => ({ raw: 7 + i, score: fixtureMetric(7 + i) })),
    bands: [
      { label: 'low', min: 5, max: 19.99 },
      { label: 'average', min: 20, max: 29.99 },
      { label: 'high', min: 30, max: 39.8 },
    ],
    thresholds: [{ flag: 'low wellbeing', atMost: 17 }],
  },
} satisfies InstrumentInput;

/** Seven 0-10 items scored as a mean, allowing one gap (6 of 7 answered). */
export const meanSixOfSeven = {
  id: 'mean-six-of-seven',
  version: '1',
  title: 'Mean of seven, one may be missing (test fixture)',
  licence: 'test fixture',
  recallPeriod: null,
  items: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `m${n}`, kind: 'scale' as const, text: `Fixture item ${n}`, min: 0, max: 10 })),
  scoring: {
    method: 'mean' as const,
    minAnswered: 6,
    bands: [
      { label: 'low', min: 0, max: 3.99 },
      { label: 'middle', min: 4, max: 6.99 },
      { label: 'high', min: 7, max: 10 },
    ],
  },
} satisfies InstrumentInput;
