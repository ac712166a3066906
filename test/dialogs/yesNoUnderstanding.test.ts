import { expect } from 'chai';
import { interpretYesNo, type YesNo } from '../../dialogs/understanding/interpretYesNo.js';

describe('interpretYesNo', () => {
  const cases: Array<[string, YesNo]> = [
    ['yes', 'yes'],
    ['Y', 'yes'],
    ['yep', 'yes'],
    ['Yeah!', 'yes'],
    ['yes please', 'yes'],
    ['ok', 'yes'],
    ['Okay', 'yes'],
    ['yup', 'yes'],
    ['aye', 'yes'],
    ['sure', 'yes'],
    ['of course', 'yes'],
    ['I did', 'yes'],
    ['yes I went on Tuesday', 'yes'],
    ['yess', 'yes'],
    ['\u{1F44D}', 'yes'],
    ['yes \u{1F60A}', 'yes'],
    ['yeah it was lovely', 'yes'],
    ['no', 'no'],
    ['N', 'no'],
    ['nope', 'no'],
    ['nah', 'no'],
    ['not really', 'no'],
    ['no thanks', 'no'],
    ['No thank you.', 'no'],
    ["I didn't", 'no'],
    ['didnt go', 'no'],
    ['not this time', 'no'],
    ['no I was poorly', 'no'],
    ['\u{1F44E}', 'no'],
    ['no not really', 'no'],
    ['maybe', 'unclear'],
    ['not sure', 'unclear'],
    ['yes and no', 'unclear'],
    ['yes but no', 'unclear'],
    ['sort of', 'unclear'],
    ['yes not really', 'unclear'],
    ['kind of', 'unclear'],
    ['', 'unclear'],
    ['purple', 'unclear'],
    ['\u{1F44D}\u{1F44E}', 'unclear'],
    ['no \u{1F44D}', 'unclear'],
    ['3', 'unclear'],
    ['I went to the doctor instead', 'unclear'],
  ];
  for (const [text, expected] of cases) {
    it(`takes ${JSON.stringify(text)} as ${expected}`, () => {
      expect(interpretYesNo(text)).to.equal(expected);
    });
  }
});
