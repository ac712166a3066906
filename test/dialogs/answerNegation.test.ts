import { expect } from 'chai';
import { agrees, items, table, understood, type Expected } from './answerTable.js';

const { ucla, ons, k6, ons4, happiness, anxiety, health, groups } = items;

describe('interpretReply', () => {
  describe('"no" and its variants to a how-often question', () => {
    // [reply, UCLA-3 (1 hardly ever or never), ONS (5 never), K6 (0 none)]
    const rows: Array<[string, Expected, Expected, Expected]> = [
      ['no', 1, 5, 0],
      ['No.', 1, 5, 0],
      ['nope', 1, 5, 0],
      ['nah', 1, 5, 0],
      ['naw', 1, 5, 0],
      ['nooo', 1, 5, 0],
      ['no x', 1, 5, 0],
      ['no, never', 1, 5, 0],
      ['nope not at all', 1, 5, 0],
      ['nah never', 1, 5, 0],
      ['no I don\u2019t', 1, 5, 0],
      ["I don't", 1, 5, 0],
      ['no, hardly ever', 1, 4, 1],
      ['n', 1, 5, 0],
      ['N', 1, 5, 0],
      ['absolutely not', 1, 5, 0],
      ['of course not', 1, 5, 0],
      ['certainly not', 1, 5, 0],
      ['not in the least', 1, 5, 0],
      ['never have', 1, 5, 0],
      ['No, I have my family', 1, 5, 0],
      // "Not really" is never or next to it: one answer on UCLA, between two on ONS and K6.
      ['not really', 1, '?ambiguous', '?ambiguous'],
      ['no not really', 1, '?', '?'],
      ['nah not really', 1, '?', '?'],
      ["I don't really", 1, '?', '?'],
      ['not particularly', 1, '?', '?'],
    ];
    for (const [reply, onUcla, onOns, onK6] of rows) {
      it(`reads ${JSON.stringify(reply)} as UCLA ${onUcla}, ONS ${onOns}, K6 ${onK6}`, () => {
        const got = [understood(ucla, reply), understood(ons, reply), understood(k6, reply)];
        expect(agrees(got[0]!, onUcla) && agrees(got[1]!, onOns) && agrees(got[2]!, onK6), `got ${got.join(', ')}`).to.equal(true);
      });
    }
  });

  describe('the question itself denied, on a how-often question, is never', () => {
    table(ons, [
      ["I'm not lonely", 5],
      ['not lonely', 5],
      ['not lonely at all', 5],
      ["I don't feel lonely", 5],
      ['no, not lonely', 5],
      ['I do not feel lonely', 5],
      ["don't ever feel lonely", 5],
      ['nt often', '?'],
    ]);
    table(ucla, [
      ["don't feel left out", 1],
      ['I dont feel left out', 1],
      ['not left out at all', 1],
      ['no i dont', 1],
    ]);
    table(k6, [
      ['not hopeless at all', 0],
      ['not hopeless', 0],
      ["I haven't felt hopeless", 0],
      ['no, never hopeless', 0],
    ]);
  });

  describe('a denial of now, of part, or of something else is re-asked', () => {
    table(ons, [
      ['not lonely now', '?'],
      ['not lonely now, but I was', '?'],
      ['not always', '?negated'],
      ['not sure', '?no_match'],
      ["I don't know", '?no_match'],
      ['not lonely but isolated', 5],
      ['not as lonely as I was', '?'],
      ["I don't think so", '?'],
    ]);
    table(ucla, [
      ['not all the time', '?negated'],
      ["don't often", '?negated'],
      ['no, often', '?negated'],
      ['not me', '?'],
    ]);
  });

  describe('"not … at all" on a 0–10 scale whose 0 is "not at all"', () => {
    table(ons4, [
      ['not satisfied at all', 0],
      ['not at all', 0],
      ['not very satisfied', '?'],
      ['not satisfied', '?'],
    ]);
    table(happiness, [
      ['not happy at all', 0],
      ['not at all happy', 0],
      ['not at all lonely', '?no_match'],
    ]);
    table(anxiety, [
      ['not anxious at all', 0],
      ['not at all anxious', 0],
    ]);
    table(ons4, [
      ['no', '?'],
      ['nope', '?'],
    ]);
  });

  describe('none of what a count counts is 0', () => {
    table(groups, [
      ["I don't go to any", 0],
      ['not any', 0],
      ['no groups', 0],
      ['none really', 0],
      ["I'm not in any groups", 0],
      ['not one', 0],
      ['not even one', 0],
      ["I don't do any groups at the moment", 0],
      ["don't take part in any", 0],
      ['no activities', 0],
      ['not in a group', 0],
      ['none, my legs are too bad', 0],
      ['not many', '?'],
      ['no', 0],
      ["I don't go", 0],
      ['not any, but I would like to', 0],
      ['no 2', '?'],
    ]);
  });

  describe('negated answer words keep their own meaning on self-rated health', () => {
    table(health, [
      ['not good', 4],
      ['not great', 4],
      ['not well', 4],
      ['not too bad', '?negated'],
      ['not very good', '?negated'],
      ['no', '?'],
    ]);
  });
});
