import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, health, groups } = items;

describe('interpretReply', () => {
  describe('a correction within a reply: the last answer stated counts', () => {
    table(ons4, [
      ['6 or should I say 7', 7],
      ['7 - changed my mind, 6', 6],
      ['5 scratch that 6', 6],
      ['4 - actually no, 5', 5],
      ['7... on second thoughts 6', 6],
      ['2? no 3', 3],
      ['4, sorry meant 5', 5],
      ['Said 3 by mistake, it\u2019s 4', 4],
      ['ignore that, 4', 4],
      ['3 - on reflection, 2', 2],
      ['6 oops I meant 7', 7],
      ['6 typo 7', 7],
      ['6, hold on, 7', 7],
      ['5 let me change that to 6', 6],
      ['5. Change that to 6', 6],
      ['7 sorry I meant to type 8', 8],
      ['8 (I mean 7)', 7],
      ['6 6', 6],
      ['6 sorry 6', 6],
    ]);
    table(ucla, [
      ['often - hang on, more like sometimes', 2],
      ['1 - correction: 2', 2],
      ['sometimes, or rather often', 3],
      ['sometimes... hmm no, often', 3],
      ['often. no wait. sometimes', 2],
      ['2 no 3 no 2', 2],
      ['often rather than sometimes', '?'],
    ]);
    table(health, [
      ['good - no, fair really', 3],
      ['fair, actually good', 2],
      ['bad, no sorry very bad', 5],
    ]);
    table(groups, [
      ['3, no hang on, 4', 4],
      ['2 - I forgot the choir, so 3', 3],
      ['2, oh and the choir, 3', 3],
    ]);
    table(k6, [['most of the time, well some of the time', 2]]);
    table(ons, [['never, I mean hardly ever', 4]]);
  });

  describe('an answer denied beside another: the other counts', () => {
    table(ons4, [
      ['not 7, 6', 6],
      ['7 not 6', 7],
      ['not 7, more like 6', 6],
      ['I meant 8 not 7', 8],
      ['not 7', '?negated'],
      ['7, not 7', '?contradictory'],
    ]);
    table(ucla, [
      ['often not always', 3],
      ['not always, sometimes', 2],
      ['not never, but rarely', 1],
      ['not all the time', '?negated'],
      ['not always', '?negated'],
    ]);
    table(ons, [['often not always', 1]]);
    table(k6, [
      ['often not always', 3],
      ['some, not most', 2],
    ]);
  });
});
