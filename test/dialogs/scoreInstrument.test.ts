import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { instrumentSchema } from '../../dialogs/instruments/instrumentSchema.js';
import { scoreInstrument } from '../../dialogs/instruments/scoreInstrument.js';

const ucla = builtinInstruments.get('ucla3')!;
const values = (a: number | null, b: number | null, c: number | null) => [
  { itemId: 'lack_companionship', value: a },
  { itemId: 'left_out', value: b },
  { itemId: 'isolated', value: c },
];

describe('scoreInstrument', () => {
  describe('UCLA-3 (sum 3–9, 6–9 read as lonely, no total unless all three answered)', () => {
    const cases: Array<[[number, number, number], number, string]> = [
      [[1, 1, 1], 3, 'not lonely'],
      [[1, 2, 2], 5, 'not lonely'],
      [[2, 2, 2], 6, 'lonely'],
      [[3, 2, 3], 8, 'lonely'],
      [[3, 3, 3], 9, 'lonely'],
    ];
    for (const [[a, b, c], score, band] of cases) {
      it(`${a}+${b}+${c} scores ${score} (${band})`, () => {
        expect(scoreInstrument(ucla, values(a, b, c))).to.deep.equal({ score, complete: true, band });
      });
    }
    it('gives no total when any item is missing', () => {
      expect(scoreInstrument(ucla, values(3, null, 3))).to.deep.equal({ score: null, complete: false, band: null });
      expect(scoreInstrument(ucla, values(3, 3, 3).slice(0, 2))).to.deep.equal({ score: null, complete: false, band: null });
    });
    it('ignores values of items from other instruments', () => {
      expect(scoreInstrument(ucla, [...values(1, 1, 1), { itemId: 'lonely', value: 5 }])).to.include({ score: 3 });
    });
  });

  it('reports the ONS direct question item by item, with no total', () => {
    expect(scoreInstrument(builtinInstruments.get('ons-loneliness')!, [{ itemId: 'lonely', value: 1 }])).to.equal(null);
  });

  it('scores a mean when an instrument allows a partial set', () => {
    const partial = instrumentSchema.parse({
      id: 'example', version: '1', title: 'Example', licence: 'test', recallPeriod: null,
      items: ['a', 'b', 'c', 'd'].map((id) => ({ id, kind: 'scale', text: id, min: 0, max: 10 })),
      scoring: { method: 'mean', minAnswered: 3 },
    });
    expect(scoreInstrument(partial, [{ itemId: 'a', value: 4 }, { itemId: 'b', value: 6 }, { itemId: 'c', value: 8 }])).to.deep.equal({ score: 6, complete: false, band: null });
    expect(scoreInstrument(partial, [{ itemId: 'a', value: 4 }, { itemId: 'b', value: 6 }])).to.include({ score: null });
  });
});
