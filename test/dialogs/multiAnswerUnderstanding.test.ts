import { expect } from 'chai';
import { splitMultiAnswer } from '../../dialogs/understanding/splitMultiAnswer.js';

describe('splitMultiAnswer', () => {
  const cases: Array<[string, number, number[] | null]> = [
    ['2 3 1', 3, [2, 3, 1]],
    ['2,3,1', 3, [2, 3, 1]],
    ['2, 3, 1', 3, [2, 3, 1]],
    ['2 - 3 - 1', 3, [2, 3, 1]],
    ['2-3-1', 3, [2, 3, 1]],
    ['2/3/1', 3, [2, 3, 1]],
    ['2.3.1', 3, [2, 3, 1]],
    ['2. 3. 1.', 3, [2, 3, 1]],
    ['two three one', 3, [2, 3, 1]],
    ['2, 3 and 1', 3, [2, 3, 1]],
    ['1 1 1', 3, [1, 1, 1]],
    ['7 8', 2, [7, 8]],
    ['  2 3 1 thanks x', 3, [2, 3, 1]],
    ['10 0', 2, [10, 0]],
    ['4 3 11', 3, [4, 3, 11]],
    // Not that many plain answers: each item is then asked on its own.
    ['2 3', 3, null],
    ['2 3 1 2', 3, null],
    ['231', 3, null],
    ['2 or 3 1', 3, null],
    ['6.5 7', 2, null],
    ['-2 3', 2, null],
    ['often 2 1', 3, null],
    ['2 3 maybe 1', 3, null],
    ['', 3, null],
    ['1 to 3', 2, null],
  ];
  for (const [text, count, expected] of cases) {
    it(`reads ${JSON.stringify(text)} for ${count} items as ${expected ? expected.join(', ') : 'not a list of answers'}`, () => {
      expect(splitMultiAnswer(text, count)).to.deep.equal(expected);
    });
  }
});
