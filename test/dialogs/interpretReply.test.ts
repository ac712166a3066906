import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { itemSchema, type InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';

const ucla = builtinInstruments.get('ucla3')!.items[0]!;
const ons = builtinInstruments.get('ons-loneliness')!.items[0]!;
const scale: InstrumentItem = {
  id: 'happy',
  kind: 'scale',
  text: 'Overall, how happy did you feel yesterday?',
  min: 0,
  max: 10,
  minLabel: 'not at all',
  maxLabel: 'completely',
};

/** [reply, expected coded value, or the reason it must be re-asked]. */
type Case = [string, number | `unclear:${string}`];

function check(item: InstrumentItem, cases: Case[]) {
  for (const [reply, expected] of cases) {
    it(`"${reply}" → ${expected}`, () => {
      const meaning = interpretReply(item, { text: reply });
      if (typeof expected === 'number') {
        expect(meaning).to.include({ kind: 'answer', value: expected });
      } else {
        expect(meaning).to.deep.equal({ kind: 'unclear', reason: expected.slice('unclear:'.length) });
      }
    });
  }
}

describe('interpretReply', () => {
  describe('UCLA-3 item (1 hardly ever or never, 2 some of the time, 3 often)', () => {
    check(ucla, [
      ['hardly ever', 1],
      ['Hardly ever or never', 1],
      ['never', 1],
      ['rarely', 1],
      ['not often', 1],
      ['NOT MUCH', 1],
      ['1', 1],
      ['one', 1],
      ['2', 2],
      ['two', 2],
      ['3', 3],
      ['three', 3],
      ['3!!', 3],
      ['  3  ', 3],
      ["I'd say 2", 2],
      ['Some of the time', 2],
      ['sometimes', 2],
      ['some of the time tbh', 2],
      ['um some of the time I guess', 2],
      ['now and then', 2],
      ['often', 3],
      ['Often tbh', 3],
      ['a lot', 3],
      ['all the time', 3],
      ['always 😢', 3],
      ['Often/always', 3],
      ['oftennn', 3],
      ['ocasionally', 2],
      ['same as always', 'unclear:no_match'],
      ['almost always', 3],
      ['2 or 3', 'unclear:ambiguous'],
      ['often or sometimes', 'unclear:ambiguous'],
      ['often but never', 'unclear:contradictory'],
      ['4', 'unclear:out_of_range'],
      ['0', 'unclear:out_of_range'],
      ['11', 'unclear:out_of_range'],
      ['not all the time', 'unclear:negated'],
      ["don't often", 'unclear:negated'],
      ['no one ever calls me', 'unclear:free_text'],
      ['I never go out since my hip went', 'unclear:free_text'],
      ['purple', 'unclear:no_match'],
      ['', 'unclear:no_match'],
      ['?!', 'unclear:no_match'],
      ['yes', 'unclear:no_match'],
    ]);
  });

  describe('ONS loneliness (1 often/always … 5 never)', () => {
    check(ons, [
      ['Often/always', 1],
      ['often', 1],
      ['always', 1],
      ['all the time', 1],
      ['1', 1],
      ['Some of the time', 2],
      ['sometimes', 2],
      ['2', 2],
      ['Occasionally', 3],
      ['now and again', 3],
      ['once in a while', 3],
      ['three', 3],
      ['Hardly ever', 4],
      ['rarely', 4],
      ['4', 4],
      ['four', 4],
      ['Never', 5],
      ['not at all', 5],
      ['5', 5],
      ['five!', 5],
      ['6', 'unclear:out_of_range'],
      ['Hardly ever or never', 'unclear:ambiguous'],
      ['4 or 5', 'unclear:ambiguous'],
    ]);
  });

  describe('0–10 scale (0 = not at all, 10 = completely)', () => {
    check(scale, [
      ['7', 7],
      ['seven', 7],
      ['about 7', 7],
      ['7/10', 7],
      ['7 out of 10', 7],
      ['0', 0],
      ['10', 10],
      ['ten', 10],
      ['11', 'unclear:out_of_range'],
      ['-1', 'unclear:out_of_range'],
      ['6.5', 'unclear:out_of_range'],
      ['6 or 7', 'unclear:ambiguous'],
      ['7, no 8', 8],
      ['pretty good', 'unclear:no_match'],
      ['none', 'unclear:no_match'],
      ['seven-ish', 7],
      ['7ish', 7],
      ['10/10', 10],
      ['seven out of ten', 7],
      ['not at all', 0],
      ['completely', 10],
      ['not at all lonely', 'unclear:no_match'],
    ]);
  });

  describe('an item whose numbers shown are not its codes (K6: 1–5 shown for codes 0–4)', () => {
    const k6Like = itemSchema.parse({
      id: 'nervous',
      kind: 'choice',
      text: 'During the past 30 days, about how often did you feel nervous?',
      options: ['None', 'A little', 'Some', 'Most', 'All of the time'].map((label, code) => ({ id: `o${code}`, label, code, key: code + 1 })),
    });
    check(k6Like, [
      ['1', 0],
      ['5', 4],
      ['none of the time', 0],
      ['a little bit', 1],
      ['some of the time', 2],
      ['most of the time', 3],
      ['all the time', 4],
      ['3 some', 2],
      ['0', 'unclear:out_of_range'],
      ['6', 'unclear:out_of_range'],
      ['2 some', 'unclear:ambiguous'],
      ['all good', 'unclear:no_match'],
      ['almost never', 'unclear:negated'],
    ]);
  });

  describe('a count (0–30, no labels)', () => {
    const count: InstrumentItem = { id: 'count', kind: 'scale', text: 'How many groups do you take part in at the moment?', min: 0, max: 30 };
    check(count, [
      ['none', 0],
      ['none at the moment', 0],
      ['just the one', 1],
      ['3 groups', 3],
      ['I go to 2', 2],
      ['twenty one', 21],
      ['2 100', 'unclear:ambiguous'],
      ['31', 'unclear:out_of_range'],
      ['10+', 'unclear:no_match'],
      ['3 a week', 'unclear:no_match'],
    ]);
  });

  describe('card buttons', () => {
    it('takes a press on this item’s card as its coded value', () => {
      expect(interpretReply(ucla, { value: { itemId: ucla.id, value: 2 } })).to.deep.equal({ kind: 'answer', value: 2, optionId: 'some_of_the_time' });
    });
    it('ignores a press that carries no valid code for this item', () => {
      expect(interpretReply(ucla, { value: { itemId: ucla.id, value: 9 } })).to.deep.equal({ kind: 'unclear', reason: 'no_match' });
      expect(interpretReply(ucla, { value: { itemId: 'other', value: 2 } })).to.deep.equal({ kind: 'unclear', reason: 'no_match' });
    });
  });
});
