import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { instrumentSchema, type Instrument } from '../../dialogs/instruments/instrumentSchema.js';
import { scoreInstrument, type ItemValue } from '../../dialogs/instruments/scoreInstrument.js';
import { fixtureMetric, meanSixOfSeven, wellbeingSeven } from './instrumentFixtures.js';

const builtin = (id: string) => builtinInstruments.get(id)!;
/** Values for an instrument's items in order; null: skipped or not understood. */
const answers = (instrument: Instrument, values: ReadonlyArray<number | null>): ItemValue[] =>
  instrument.items.map((item, i) => ({ itemId: item.id, value: values[i] ?? null }));

const K6_FLAG = 'probable serious psychological distress';

describe('scoreInstrument', () => {
  describe('UCLA-3 (sum 3–9, 6–9 read as lonely, no total unless all three answered)', () => {
    const ucla = builtin('ucla3');
    const cases: Array<[[number, number, number], number, string]> = [
      [[1, 1, 1], 3, 'not lonely'],
      [[1, 1, 2], 4, 'not lonely'],
      [[1, 2, 2], 5, 'not lonely'],
      [[2, 2, 2], 6, 'lonely'],
      [[3, 2, 2], 7, 'lonely'],
      [[3, 2, 3], 8, 'lonely'],
      [[3, 3, 3], 9, 'lonely'],
    ];
    for (const [values, score, band] of cases) {
      it(`${values.join('+')} scores ${score} (${band})`, () => {
        expect(scoreInstrument(ucla, answers(ucla, values))).to.deep.equal({ score, complete: true, band, flags: [] });
      });
    }

    it('gives no total when any item is missing', () => {
      const none = { score: null, complete: false, band: null, flags: [] };
      expect(scoreInstrument(ucla, answers(ucla, [3, null, 3]))).to.deep.equal(none);
      expect(scoreInstrument(ucla, answers(ucla, [3, 3, 3]).slice(0, 2))).to.deep.equal(none);
      expect(scoreInstrument(ucla, [])).to.deep.equal(none);
    });

    it('ignores values of items from other instruments', () => {
      expect(scoreInstrument(ucla, [...answers(ucla, [1, 1, 1]), { itemId: 'lonely', value: 5 }])).to.include({ score: 3 });
    });

    it('counts a value the item cannot take as not answered, never as part of a total', () => {
      expect(scoreInstrument(ucla, answers(ucla, [3, 3, 4]))).to.include({ score: null, complete: false });
      expect(scoreInstrument(ucla, answers(ucla, [3, 3, 2.5]))).to.include({ score: null, complete: false });
    });
  });

  describe('K6 (sum 0–24 of six items, complete only, 13 or more flagged)', () => {
    const k6 = builtin('k6');
    /** Six answers (0–4 each) that add up to `total`. */
    const totalling = (total: number) => [0, 1, 2, 3, 4, 5].map((i) => Math.max(0, Math.min(4, total - 4 * i)));

    const boundaries: Array<[number[], number, string[]]> = [
      [[0, 0, 0, 0, 0, 0], 0, []],
      [[2, 2, 2, 2, 2, 2], 12, []],
      [[3, 2, 2, 2, 2, 2], 13, [K6_FLAG]],
      [[4, 4, 4, 4, 4, 4], 24, [K6_FLAG]],
    ];
    for (const [values, score, flags] of boundaries) {
      it(`${values.join('+')} scores ${score}${flags.length ? ', flagged' : ', not flagged'}`, () => {
        expect(scoreInstrument(k6, answers(k6, values))).to.deep.equal({ score, complete: true, band: null, flags });
      });
    }

    it('flags every total from 13 to 24 and none from 0 to 12', () => {
      for (let total = 0; total <= 24; total++) {
        const values = totalling(total);
        expect(
          values.reduce((a, b) => a + b),
          'fixture',
        ).to.equal(total);
        expect(scoreInstrument(k6, answers(k6, values)), `total ${total}`).to.deep.equal({
          score: total,
          complete: true,
          band: null,
          flags: total >= 13 ? [K6_FLAG] : [],
        });
      }
    });

    it('gives no total, and raises no flag, with one item skipped however high the rest', () => {
      for (let skipped = 0; skipped < 6; skipped++) {
        const values: Array<number | null> = [4, 4, 4, 4, 4, 4];
        values[skipped] = null;
        expect(scoreInstrument(k6, answers(k6, values)), `item ${skipped} skipped`).to.deep.equal({ score: null, complete: false, band: null, flags: [] });
      }
    });
  });

  describe('ONS4 (four items, each with its ONS band; no total)', () => {
    const ons4 = builtin('ons4');
    const positive: Array<[number, string]> = [
      [0, 'low'],
      [4, 'low'],
      [5, 'medium'],
      [6, 'medium'],
      [7, 'high'],
      [8, 'high'],
      [9, 'very high'],
      [10, 'very high'],
    ];
    const anxiety: Array<[number, string]> = [
      [0, 'very low'],
      [1, 'very low'],
      [2, 'low'],
      [3, 'low'],
      [4, 'medium'],
      [5, 'medium'],
      [6, 'high'],
      [10, 'high'],
    ];
    const table: Array<[string, Array<[number, string]>]> = [
      ['life_satisfaction', positive],
      ['worthwhile', positive],
      ['happiness', positive],
      ['anxiety', anxiety],
    ];
    for (const [itemId, rows] of table) {
      for (const [value, band] of rows) {
        it(`bands ${itemId} ${value} as ${band}`, () => {
          const values = ons4.items.map((item) => ({ itemId: item.id, value: item.id === itemId ? value : 5 }));
          const scored = scoreInstrument(ons4, values)!;
          expect(scored).to.deep.include({ score: null, complete: true, band: null, flags: [] });
          expect(scored.itemBands![itemId]).to.equal(band);
        });
      }
    }

    it('bands each answered item and leaves the rest unbanded', () => {
      expect(scoreInstrument(ons4, answers(ons4, [8, null, 10, 1]))).to.deep.equal({
        score: null,
        complete: false,
        band: null,
        flags: [],
        itemBands: { life_satisfaction: 'high', worthwhile: null, happiness: 'very high', anxiety: 'very low' },
      });
    });
  });

  it('reports single questions (ONS loneliness, health, groups, the week-8 items) item by item, with no score', () => {
    const single: Array<[string, number]> = [
      ['ons-loneliness', 1],
      ['gss-health', 3],
      ['groups', 2],
      ['link-worker-relationship', 4],
      ['group-belonging', 5],
    ];
    for (const [id, value] of single) {
      const instrument = builtin(id);
      expect(scoreInstrument(instrument, answers(instrument, [value])), id).to.equal(null);
    }
  });

  describe("a programme's own instrument: two items reverse-coded, raw 7–35 converted by its table", () => {
    const instrument = instrumentSchema.parse(wellbeingSeven);
    /** Answers whose scored values (after reversing items 2 and 5) are `scored`. */
    const answering = (scored: number[]) => scored.map((v, i) => (i === 1 || i === 4 ? 6 - v : v));

    const cases: Array<[number[], number, string, string[]]> = [
      [[1, 1, 1, 1, 1, 1, 1], 7, 'low', ['low wellbeing']],
      [[3, 2, 2, 2, 3, 2, 2], 16, 'low', ['low wellbeing']],
      [[3, 2, 3, 2, 3, 2, 2], 17, 'low', []],
      [[3, 3, 3, 2, 3, 2, 2], 18, 'low', []],
      [[3, 3, 3, 3, 3, 2, 2], 19, 'average', []],
      [[4, 4, 4, 4, 4, 4, 3], 27, 'average', []],
      [[4, 4, 4, 4, 4, 4, 4], 28, 'high', []],
      [[5, 5, 5, 5, 5, 5, 5], 35, 'high', []],
    ];
    for (const [scored, raw, band, flags] of cases) {
      it(`converts raw ${raw} to ${fixtureMetric(raw)} (${band}${flags.length ? ', flagged' : ''})`, () => {
        expect(scoreInstrument(instrument, answers(instrument, answering(scored)))).to.deep.equal({
          score: fixtureMetric(raw),
          rawScore: raw,
          complete: true,
          band,
          flags,
        });
      });
    }

    it('reverses a reverse-coded item as max + min − value before adding it up', () => {
      // Items 2 and 5 answered 1 count as 5 each: 5 × 1 + 2 × 5.
      expect(scoreInstrument(instrument, answers(instrument, [1, 1, 1, 1, 1, 1, 1]))).to.include({ rawScore: 15 });
      expect(scoreInstrument(instrument, answers(instrument, [5, 5, 5, 5, 5, 5, 5]))).to.include({ rawScore: 27 });
      expect(scoreInstrument(instrument, answers(instrument, [1, 5, 1, 1, 5, 1, 1]))).to.include({ rawScore: 7 });
    });

    it('converts nothing when an item is missing', () => {
      expect(scoreInstrument(instrument, answers(instrument, [5, 5, 5, null, 5, 5, 5]))).to.deep.equal({
        score: null,
        rawScore: null,
        complete: false,
        band: null,
        flags: [],
      });
    });
  });

  describe('a mean that allows one of seven items to be missing', () => {
    const instrument = instrumentSchema.parse(meanSixOfSeven);
    const cases: Array<[string, Array<number | null>, number | null, boolean, string | null]> = [
      ['all seven', [4, 4, 4, 4, 4, 4, 3], 3.86, true, 'low'],
      ['all seven, exactly 4', [4, 4, 4, 4, 4, 4, 4], 4, true, 'middle'],
      ['six of seven, rounded to two places', [3, 3, 3, 3, 4, 4, null], 3.33, false, 'low'],
      ['six of seven', [7, 7, 7, 7, 7, 6, null], 6.83, false, 'middle'],
      ['six of seven, exactly 7', [null, 7, 7, 7, 7, 7, 7], 7, false, 'high'],
      ['five of seven: no score', [10, 10, 10, 10, 10, null, null], null, false, null],
      ['none', [null, null, null, null, null, null, null], null, false, null],
    ];
    for (const [what, values, score, complete, band] of cases) {
      it(`${what}: ${score ?? 'no score'}`, () => {
        expect(scoreInstrument(instrument, answers(instrument, values))).to.deep.equal({ score, complete, band, flags: [] });
      });
    }
  });
});
