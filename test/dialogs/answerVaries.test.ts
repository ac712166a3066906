import { expect } from 'chai';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { readVariation } from '../../dialogs/understanding/readVariation.js';
import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, health, groups } = items;

describe('interpretReply', () => {
  describe('a reply that says its answer varies or depends is re-asked, never averaged', () => {
    table(ucla, [
      ['depends on the day', '?'],
      ['it varies', '?'],
      ['up and down', '?'],
      ['it changes during the day', '?'],
      ['some days good some days bad', '?'],
      ['sometimes more, sometimes less', '?'],
      ['more often than I\u2019d like', '?'],
      ['fine in the morning but lonely at night', '?'],
      ['sometimes, it depends on the day', '?ambiguous'],
      ['Often. It varies though', '?ambiguous'],
      ['a lot less than before', '?'],
    ]);
    table(ons, [
      ['it depends', '?'],
      ['varies a lot', '?'],
      ['some days are better than others', '?'],
      ['every day is different', '?'],
      ['it changes all day', '?'],
      ['mixed', '?'],
      ['good days and bad days', '?'],
      ['sometimes more than others', '?'],
      ['it depends, mostly hardly ever', '?'],
    ]);
    table(k6, [
      ["depends what's happening", '?'],
      ['all over the place', '?'],
      ['hit and miss', '?'],
      ['it fluctuates', '?'],
      ['some days yes some days no', '?'],
    ]);
    table(health, [
      ['up and down', '?ambiguous'],
      ['ups and downs', '?'],
      ['it varies', '?'],
      ['good days and bad days', '?'],
      ['some days good some days not', '?'],
      ['depends on the day', '?'],
      ['changes day to day', '?'],
      ['better some days than others', '?'],
      ['swings and roundabouts', '?'],
      ['up and down but mostly good', '?'],
    ]);
    table(ons4, [
      ['depends on the day', '?'],
      ['varies between 4 and 8', '?'],
      ['some days 3 some days 8', '?'],
      ['7 on a good day', '?'],
      ['anywhere from 3 to 7', '?'],
      ['it changes, 5 in the morning 8 at night', '?'],
    ]);
    table(groups, [
      ['depends on the week', '?'],
      ['it varies, 2 or 3', '?'],
    ]);
    table(ucla, [
      ['always changing', '?'],
      ['yo-yo', '?'],
    ]);
    table(health, [
      ['good days, bad days', '?'],
      ['a rollercoaster', '?'],
    ]);
  });

  describe('how often, said of a rating or of health, says it varies', () => {
    table(health, [
      ['good, sometimes bad', '?'],
      ['fair at times', '?'],
      ['fine most of the time', '?'],
      ['generally good', 2],
      ['mostly good', 2],
    ]);
    table(ons4, [
      ['5 some days', '?'],
      ['about 5, some days lower', '?'],
      ['7 now and then', '?'],
    ]);
  });

  describe('both, or neither, is re-asked', () => {
    table(ucla, [
      ['yes and no', '?'],
      ['a bit of both', '?'],
      ["it's never the same", '?'],
      ['no change', '?'],
      ['yes, no, I don\u2019t know', '?'],
    ]);
    table(ons, [
      ['yes and no', '?'],
      ['hot and cold', '?'],
    ]);
    table(k6, [
      ['yes and no', '?'],
      ['a bit of both', '?'],
      ['from none to some', '?'],
      ['none to a little', '?ambiguous'],
    ]);
    table(health, [
      ['not great, not terrible', '?ambiguous'],
      ['not great, not bad', '?'],
      ['neither good nor bad', 3],
      ['a bit of both', '?'],
    ]);
  });

  describe('an answer for part of the day is re-asked, where the question is not how often', () => {
    table(health, [
      ['bad in the mornings, better later', '?'],
      ['afternoons are fine', '?'],
      ['mornings are bad', '?'],
      ['good in the morning, bad at night', '?'],
    ]);
    table(ons4, [
      ['5 in the evenings', '?'],
      ['8 in the morning, 4 by the evening', '?'],
      ['8, had a lovely evening', 8],
    ]);
    table(ucla, [
      ['sometimes in the evenings', 2],
      ['weekends mostly', '?'],
      ['lonely at weekends mostly', '?'],
      ['mornings mostly', '?'],
    ]);
  });

  describe('how often someone is well is not how often they feel what is asked', () => {
    table(ucla, [
      ["most days I'm fine", '?'],
      ['mostly fine', '?'],
      ['always busy', '?'],
      ["never, I'm fine", 1],
      ['hardly ever, I keep busy', 1],
      ['a good deal', 3],
    ]);
    table(k6, [
      ["most days I'm ok", '?'],
      ['OK, most of the time', 3],
    ]);
    table(ons, [
      ["no, I'm fine", 5],
      ["often, but I'm used to it", 1],
    ]);
  });

  describe('a conclusion after it is the answer', () => {
    table(ucla, [
      ['it varies but overall sometimes', 2],
      ["depends, but I'd say often", 3],
      ['up and down, on the whole hardly ever', 1],
    ]);
    table(ons4, [['it varies, but on average a 6', 6]]);
    it('keeps the whole reply as the remark', () => {
      expect(interpretReply(ucla, { text: 'it varies but overall sometimes' })).to.include({
        kind: 'answer',
        value: 2,
        remark: 'it varies but overall sometimes',
      });
    });
  });

  describe('what once was is not the answer; what is now is', () => {
    table(ons, [
      ['I used to be lonely all the time', '?'],
      ['I used to be lonely all the time but now hardly ever', 4],
    ]);
    table(groups, [
      ['I used to go to 4 but now 2', 2],
      ['2 - I used to go to more', 2],
      ['used to go to 3, none now', 0],
    ]);
  });

  describe('a reply between two options is re-asked', () => {
    table(ucla, [
      ['between sometimes and often', '?ambiguous'],
      ['in between', '?'],
      ['sometimes-often', '?ambiguous'],
    ]);
    table(health, [
      ['between good and fair', '?ambiguous'],
      ['somewhere between fair and good', '?ambiguous'],
      ['fair to good', '?ambiguous'],
    ]);
    table(k6, [
      ['a little to some', '?ambiguous'],
      ['half the time', '?'],
    ]);
    table(ons4, [
      ['somewhere in the middle', '?'],
      ['6.5', '?out_of_range'],
      ['6 and a half', '?'],
      ['7ish maybe 8', '?'],
      ['50/50', '?'],
    ]);
  });

  describe('a story that mentions change, in a sentence of its own, is not about the answer', () => {
    table(ucla, [['Sometimes. My life has been very different since my wife died in the spring', 2]]);
  });
});

describe('readVariation', () => {
  it('finds the last saying that the answer varies, and a conclusion after it', () => {
    expect(readVariation('it varies, but overall sometimes', true)).to.deep.equal({ at: 3, concludesAt: 23 });
    expect(readVariation('depends on the day', true)).to.deep.equal({ at: 0, concludesAt: null });
    expect(readVariation('sometimes', true)).to.equal(null);
  });
  it('finds an answer for part of the day only where the question is not how often', () => {
    expect(readVariation('5 in the evenings', false)).to.deep.equal({ at: 2, concludesAt: null });
    expect(readVariation('sometimes in the evenings', true)).to.equal(null);
  });
});
