import { expect } from 'chai';
import { recognizeCommand, type Command } from '../../dialogs/understanding/recognizeCommand.js';

describe('recognizeCommand', () => {
  const cases: Array<[string, Command | null]> = [
    ['skip', 'skip'],
    ['Pass', 'skip'],
    ['skip please', 'skip'],
    ['rather not say', 'skip'],
    ['later', 'later'],
    ['Not now', 'later'],
    ['ask me later', 'later'],
    ['another time', 'later'],
    ['busy', 'later'],
    ["I'm busy", 'later'],
    ["can't talk now", 'later'],
    ['sorry, busy atm', 'later'],
    ['not a good time', 'later'],
    ['maybe later x', 'later'],
    ['Later!', 'later'],
    ['stop', 'stop'],
    ['help', 'help'],
    ['?', 'help'],
    ['menu', 'menu'],
    ['check in', 'checkIn'],
    // A sentence is not a command: the client is talking.
    ['skip the walk', null],
    ['later I went to the shops', null],
    ['busy week with the grandchildren', null],
    ['sorry', null],
    ['now and then', null],
    ['not at all', null],
    ['3', null],
    ['hi', null],
  ];
  for (const [text, expected] of cases) {
    it(`takes ${JSON.stringify(text)} as ${expected ?? 'no command'}`, () => {
      expect(recognizeCommand(text)).to.equal(expected);
    });
  }

  describe('declining to answer, however it is put, skips the question', () => {
    const declines = [
      // Not wanting to answer, say, share or talk about it.
      "I'd rather not answer that",
      'rather not say thanks',
      'Rather not tbh',
      'prefer not',
      "I'd prefer not to answer this one",
      'I would prefer not to say',
      "I would rather not if that's ok",
      "I'd really rather not say if you don't mind",
      "I don't want to answer that",
      'I dont want to answer this',
      'dont wanna say',
      "I don't want to",
      'I do not wish to answer',
      "I don't wish to answer that question",
      "I don't want to talk about it",
      'I dont really want to talk about that',
      'not something I want to talk about',
      "Not something I'd like to share",
      "I'd rather not share that",
      "I'd rather not go into it",
      "I'd rather not discuss it",
      "I'm not going to answer that",
      "I won't answer that",
      'not answering that one sorry',
      'not telling',
      'not telling you',
      'not saying',
      'not prepared to answer that',
      'I refuse to answer',
      'I decline to answer',
      'decline',
      'no answer',
      // Keeping it private.
      "I'd rather keep that to myself",
      "I'd prefer to keep that to myself",
      "that's private",
      'private',
      'That\u2019s private thank you',
      "it's personal",
      'thats a bit personal',
      'too personal',
      'mind your own business',
      'mind your own',
      'Mind ur own!',
      'none of your business',
      'none of ur business',
      "that's my business",
      'No comment.',
      'no comment',
      // Not comfortable.
      "I'm not comfortable answering that",
      "I'm not comfortable with that question",
      'not comfortable sharing that',
      'not comfortable answering that',
      // Leave it, don't ask, pass, move on, with other words around.
      'leave that one',
      'Leave that one please',
      'leave that one out please',
      'can we leave this one',
      'leave it blank',
      "I'll give that one a miss",
      "don't ask",
      'dont ask me that',
      "don't ask lol",
      "please don't ask me that",
      "I'll pass",
      'pass on that one thanks',
      'Ill pass on that thanks',
      "I'm going to pass on this question",
      "I'm gonna pass on this one",
      'pass on this question if thats ok',
      'pass for now',
      'skip that one',
      'can we skip this please',
      'can we skip that one',
      'next question please',
      'next one please',
      'go to the next question',
      'can we move on',
      "let's move on",
      "no, I'd rather not say",
      "sorry I don't want to answer this one",
    ];
    for (const text of declines) {
      it(`skips on ${JSON.stringify(text)}`, () => {
        expect(recognizeCommand(text)).to.equal('skip');
      });
    }
  });

  describe('a reply that only contains "not", or refuses something else, is no decline', () => {
    const answers = [
      "I'd rather not go out",
      "I'd rather be alone",
      'not comfortable around people',
      "I don't want to go out",
      "I don't want to be ill",
      "I don't talk to anyone",
      "I don't know what to say",
      "I don't mind answering",
      "I don't mind",
      'happy to answer, sometimes',
      'I feel not comfortable in my body',
      'next week I have an operation',
      'next time',
      'I passed on the choir',
      'not telling anyone how lonely I am',
      "sometimes, but I'd rather not say more",
      '1, rather not say more',
      'one, rather not say',
      'no comment on that but 2',
      'private person, never lonely',
      'not at all',
      'not often',
      'not good',
      'none',
      'no',
      'not really',
      'I passed my driving test',
    ];
    for (const text of answers) {
      it(`leaves ${JSON.stringify(text)} to be understood as a reply`, () => {
        expect(recognizeCommand(text)).to.equal(null);
      });
    }
  });
});
