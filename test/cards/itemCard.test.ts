import { expect } from 'chai';
import { itemCard, type ItemCardValue } from '../../cards/itemCard.js';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';

interface Card {
  body: Array<{ text: string }>;
  actions: Array<{ title: string; data: ItemCardValue }>;
}

const item = (instrumentId: string, itemId: string) => builtinInstruments.get(instrumentId)!.items.find((i) => i.id === itemId)!;
const card = (instrumentId: string, itemId: string) => itemCard(item(instrumentId, itemId)).content as Card;

describe('itemCard', () => {
  it('offers one button per option, numbered as the client would type it, submitting its coded value', () => {
    const { actions } = card('k6', 'nervous');
    expect(actions.map((a) => [a.title, a.data.value])).to.deep.equal([
      ['1 None', 0],
      ['2 A little', 1],
      ['3 Some', 2],
      ['4 Most', 3],
      ['5 All of the time', 4],
    ]);
  });

  it('offers 0 to 10 as buttons, with what the ends mean', () => {
    const { actions, body } = card('ons4', 'life_satisfaction');
    expect(actions.map((a) => a.title)).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(body.at(-1)!.text).to.match(/^0 = .*, 10 = .*\. Choose one, or type your answer\.$/);
  });

  it('asks for a typed number on a wide scale instead of a wall of 31 buttons', () => {
    const { actions, body } = card('groups', 'count');
    expect(actions).to.deep.equal([]);
    expect(body.at(-1)!.text).to.equal('Type a number from 0 to 30.');
  });
});
