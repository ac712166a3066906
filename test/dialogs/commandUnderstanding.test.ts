import { expect } from 'chai';
import { recognizeCommand, type Command } from '../../dialogs/understanding/recognizeCommand.js';

describe('recognizeCommand', () => {
  const cases: Array<[string, Command | null]> = [
    ['skip', 'skip'], ['Pass', 'skip'], ['skip please', 'skip'], ['rather not say', 'skip'],
    ['later', 'later'], ['Not now', 'later'], ['ask me later', 'later'], ['another time', 'later'], ['busy', 'later'],
    ["I'm busy", 'later'], ["can't talk now", 'later'], ['sorry, busy atm', 'later'], ['not a good time', 'later'],
    ['maybe later x', 'later'], ['Later!', 'later'],
    ['stop', 'stop'], ['help', 'help'], ['?', 'help'], ['menu', 'menu'], ['check in', 'checkIn'],
    // A sentence is not a command: the client is talking.
    ['skip the walk', null], ['later I went to the shops', null], ['busy week with the grandchildren', null], ['sorry', null],
    ['now and then', null], ['not at all', null], ['3', null], ['hi', null],
  ];
  for (const [text, expected] of cases) {
    it(`takes ${JSON.stringify(text)} as ${expected ?? 'no command'}`, () => {
      expect(recognizeCommand(text)).to.equal(expected);
    });
  }
});
