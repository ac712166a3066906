import { expect } from 'chai';
import { formatIssues } from '../../bot/platform/formatIssues.js';
import { instrumentSchema } from '../../dialogs/instruments/instrumentSchema.js';
import { meanSixOfSeven, wellbeingSeven } from './instrumentFixtures.js';

/** Every problem with an instrument, one line each with its path. */
function problemsOf(input: unknown): string[] {
  const result = instrumentSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error.issues, 'instrument');
}

type Fixture = typeof wellbeingSeven;
const withScoring = (scoring: Partial<Fixture['scoring']> | Record<string, unknown>) => ({
  ...wellbeingSeven,
  scoring: { ...wellbeingSeven.scoring, ...scoring },
});
const table = wellbeingSeven.scoring.conversion;
const scale010 = { kind: 'scale', text: 'Fixture', min: 0, max: 10 } as const;
const oneScale = (item: Record<string, unknown>) => ({ ...meanSixOfSeven, items: [{ id: 'a', ...scale010, ...item }], scoring: { method: 'none' } });
const oneChoice = (item: Record<string, unknown>) => ({ ...wellbeingSeven, items: [{ ...wellbeingSeven.items[0]!, ...item }], scoring: { method: 'none' } });
const [o1, o2] = wellbeingSeven.items[0]!.options;

describe('instrumentSchema', () => {
  it("accepts a programme's own instrument with reverse-coded items, a conversion table, bands and a threshold", () => {
    expect(problemsOf(wellbeingSeven)).to.deep.equal([]);
    expect(problemsOf(meanSixOfSeven)).to.deep.equal([]);
  });

  // [what is wrong, the instrument, every problem reported]
  const cases: Array<[string, unknown, string[]]> = [
    [
      'a conversion table with a gap',
      withScoring({ conversion: table.filter((row) => row.raw !== 20 && row.raw !== 21) }),
      ['instrument.scoring.conversion: no row for raw total 20 and 21 (raw totals run 7–35; each needs a row)'],
    ],
    [
      'a raw total converted twice',
      withScoring({ conversion: [...table, { raw: 8, score: 9 }] }),
      ['instrument.scoring.conversion[29].raw: raw total 8 is already converted by conversion[1]'],
    ],
    [
      'a raw total that cannot occur',
      withScoring({ conversion: [{ raw: 6, score: 4 }, ...table] }),
      ['instrument.scoring.conversion[0].raw: raw total 6 cannot occur (raw totals run 7–35)'],
    ],
    [
      'a conversion table for a mean',
      withScoring({ method: 'mean' }),
      ['instrument.scoring.conversion: a conversion table converts a raw total: use method "sum"'],
    ],
    [
      'bands with a gap between them',
      withScoring({
        bands: [
          { label: 'low', min: 5, max: 19.99 },
          { label: 'high', min: 25, max: 39.8 },
        ],
      }),
      ['instrument.scoring.bands: no band holds score 20.19, 21.3, 22.4, 23.5 and 24.61 (scores run 5–39.8)'],
    ],
    [
      'overlapping bands',
      withScoring({
        bands: [
          { label: 'low', min: 5, max: 20 },
          { label: 'average', min: 19, max: 29.99 },
          { label: 'high', min: 30, max: 39.8 },
        ],
      }),
      ['instrument.scoring.bands[1]: overlaps band "low" (5–20)'],
    ],
    [
      'bands beyond the possible scores',
      withScoring({
        bands: [
          { label: 'low', min: 0, max: 19.99 },
          { label: 'average', min: 20, max: 29.99 },
          { label: 'high', min: 30, max: 40 },
        ],
      }),
      [
        'instrument.scoring.bands[0].min: below the lowest possible score (scores run 5–39.8)',
        'instrument.scoring.bands[2].max: above the highest possible score (scores run 5–39.8)',
      ],
    ],
    [
      'a band no score can fall in, and one upside down',
      withScoring({
        bands: [
          { label: 'low', min: 5, max: 29.99 },
          { label: 'odd', min: 30.1, max: 30.2 },
          { label: 'high', min: 39.8, max: 30 },
        ],
      }),
      [
        'instrument.scoring.bands[1]: no possible score falls in it (scores run 5–39.8)',
        'instrument.scoring.bands[2].max: expected max at or above min',
        'instrument.scoring.bands: no band holds score 30.35, 31.57, 32.83, 34.13, 35.47 and 3 more (scores run 5–39.8)',
      ],
    ],
    [
      'thresholds that never or always flag, or have no cut-off',
      withScoring({
        thresholds: [{ flag: 'never', atMost: 4.99 }, { flag: 'always', atLeast: 5 }, { flag: 'backwards', atLeast: 20, atMost: 10 }, { flag: 'nothing' }],
      }),
      [
        'instrument.scoring.thresholds[3]: give atLeast, atMost or both',
        'instrument.scoring.thresholds[0]: no possible score raises "never" (scores run 5–39.8)',
        'instrument.scoring.thresholds[1]: every possible score raises "always" (scores run 5–39.8)',
        'instrument.scoring.thresholds[2].atMost: expected atMost at or above atLeast',
      ],
    ],
    [
      'more items needed than there are',
      { ...meanSixOfSeven, scoring: { ...meanSixOfSeven.scoring, minAnswered: 8 } },
      ['instrument.scoring.minAnswered: the instrument has only 7 items'],
    ],
    [
      'a sum from some of the items',
      withScoring({ minAnswered: 6, conversion: undefined }),
      ['instrument.scoring.minAnswered: a sum of some of the items cannot be compared with a sum of all of them: use "all", or method "mean"'],
    ],
    [
      'mean bands that miss the means a partial set gives',
      { ...meanSixOfSeven, scoring: { ...meanSixOfSeven.scoring, bands: [{ label: 'low', min: 0, max: 3.8 }, ...meanSixOfSeven.scoring.bands.slice(1)] } },
      ['instrument.scoring.bands: no band holds score 3.83 and 3.86 (scores run 0–10)'],
    ],
    [
      'item bands with a gap and an overlap (ONS4-like)',
      oneScale({
        bands: [
          { label: 'low', min: 0, max: 4 },
          { label: 'mid', min: 4, max: 6 },
          { label: 'high', min: 8, max: 10 },
        ],
      }),
      ['instrument.items[0].bands[1]: overlaps band "low" (0–4)', 'instrument.items[0].bands: no band holds answer 7 (answers run 0–10)'],
    ],
    [
      'item bands beyond the scale',
      oneScale({ bands: [{ label: 'all', min: 0, max: 11 }] }),
      ['instrument.items[0].bands[0].max: above the highest possible answer (answers run 0–10)'],
    ],
    ['a scale that runs backwards', oneScale({ min: 10, max: 0 }), ['instrument.items[0].max: expected max above min']],
    ['a scale too wide to answer by text', oneScale({ min: 0, max: 1000 }), ['instrument.items[0].max: expected a scale of at most 101 points (0 to 100)']],
    [
      'bands on more possible scores than can be checked',
      {
        ...meanSixOfSeven,
        items: Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, ...scale010, max: 100 })),
        scoring: { method: 'mean', minAnswered: 20, bands: [{ label: 'all', min: 0, max: 100 }] },
      },
      ['instrument.scoring: too many possible scores to check its bands and conversion table: use fewer or narrower items'],
    ],
    [
      'a risk answer that is not an option',
      oneChoice({ riskAt: ['o5', 'often'] }),
      ['instrument.items[0].riskAt[1]: no option "often"; options: o1, o2, o3, o4, o5'],
    ],
    [
      'options sharing an id, a key or a code',
      oneChoice({ options: [o1, { ...o2, id: 'o1', key: 1, code: 1 }] }),
      [
        'instrument.items[0].options[1].id: id "o1" is already used by option "o1"',
        'instrument.items[0].options[1].key: key 1 is already used by option "o1"',
        'instrument.items[0].options[1].code: code 1 is already used by option "o1"',
      ],
    ],
    [
      'a code that is not a whole number',
      oneChoice({ options: [o1, { ...o2, code: 1.5 }] }),
      ['instrument.items[0].options[1].code: expected a whole number: codes are what is stored and added up'],
    ],
    [
      'two items with one id',
      { ...meanSixOfSeven, items: [meanSixOfSeven.items[0], ...meanSixOfSeven.items.slice(0, 6)] },
      ['instrument.items[1].id: duplicate item id "m1" (also items[0])'],
    ],
  ];
  for (const [what, instrument, problems] of cases) {
    it(`names the path of ${what}`, () => {
      expect(problemsOf(instrument)).to.deep.equal(problems);
    });
  }
});
