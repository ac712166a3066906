import { expect } from 'chai';
import { csvCell, csvLine } from '../../bot/care/reports/csv.js';

describe('csvCell', () => {
  const cases: Array<[Parameters<typeof csvCell>[0], string]> = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 7700', "'+44 7700"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['a=b', 'a=b'],
    [-2, '-2'],
    [0.5, '0.5'],
    [Number.NaN, ''],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
    ['', ''],
  ];
  for (const [value, expected] of cases) {
    it(`writes ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
      expect(csvCell(value)).to.equal(expected);
    });
  }
});

describe('csvLine', () => {
  it('joins cells with commas and ends the record with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).to.equal('a,1,,"b,c"\r\n');
  });
});
