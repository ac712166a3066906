import { expect } from 'chai';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { replyClauses } from '../../dialogs/understanding/replySentences.js';
import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, happiness, anxiety, health, groups } = items;

describe('interpretReply', () => {
  describe('a long, chatty reply that still gives one clear answer', () => {
    table(ucla, [
      ["Well to be honest with you I'd say sometimes, mostly in the evenings when it gets dark", 2],
      ['I feel lonely most of the time because my husband died last year and the kids live far away', 3],
      ["Often, especially in the evenings when it's quiet", 3],
    ]);
    table(ons, [
      ["Oh I don't know, I suppose occasionally, when my daughter is away on holiday", 3],
      ['Sometimes, mainly at weekends when the kids are away', 2],
      ['hardly ever these days now that I have my dog and go to the cafe', 4],
      ['Never really, I keep myself busy with the garden and the church', 5],
    ]);
    table(k6, [
      ["Hmm some of the time, it's been a tough month with the move and everything", 2],
      ["Most of the time if I'm honest, since the operation everything feels like hard work", 3],
    ]);
    table(ons4, [
      ['Honestly I\u2019d give my life about a 7 at the moment, things have been better since I joined the group', 7],
      ["Not bad really, I'd say a 6, could be better but could be worse", 6],
      ['7, not bad', 7],
      ['5, same as last time', 5],
    ]);
    table(happiness, [["It was my birthday yesterday so pretty happy, I'd say 9", 9]]);
    table(anxiety, [['I was quite worried about my hospital appointment so probably a 7', 7]]);
    table(health, [
      ["It's good really, can't complain for my age, the knees play up but otherwise good", 2],
      ["Fair I would say, I've had a few falls this year and my chest isn't great", 3],
      ["Well I've got diabetes and a bad hip but I manage, I'd say fair", 3],
      ['terrible knees but otherwise good', 2],
    ]);
    table(groups, [['I go to two, the knit and natter on Tuesdays and the walking group on Fridays', 2]]);
  });

  describe('a chatty reply whose answer is not clear is re-asked', () => {
    table(ucla, [
      ['I never go out since my hip went', '?free_text'],
      ['Often, especially since my wife died in the spring', '?free_text'],
      ['sometimes, but my kids visit often', '?'],
      ['sometimes. I see my kids often', '?'],
      ['good days and bad days', '?'],
    ]);
    table(ons, [['Only when my son doesnt ring on a Sunday', '?free_text']]);
    table(k6, [['I have felt worthless since I lost my job at the factory', '?free_text']]);
    table(health, [
      ['good but my knees are bad', '?contradictory'],
      ['poor sleep though', '?'],
    ]);
  });

  describe('a hedge beside an answer leaves it standing; alone it answers nothing', () => {
    table(ons, [['not sure, maybe occasionally', 3]]);
    table(ucla, [
      ['dunno, sometimes', 2],
      ["I don't know, often?", 3],
      ['sometimes I guess, hard to say', 2],
      ['kind of sometimes', 2],
      ['sort of often', 3],
      ['idk maybe sometimes', 2],
      ['to be fair, often', 3],
      ['not sure', '?no_match'],
      ["I don't know", '?no_match'],
      ['hard to say', '?'],
    ]);
    table(ons4, [
      ["3 I'm not sure", 3],
      ['hard to say, maybe a 5', 5],
      ['6 give or take', 6],
      ["7 if I'm honest", 7],
      ['at a guess 6', 6],
      ['I reckon 7', 7],
      ['possibly 6', 6],
      ['perhaps 6 or 7', '?ambiguous'],
    ]);
    table(k6, [['more or less all the time', 4]]);
  });

  it('keeps what was said beside an answer given in a clause of its own, as written', () => {
    expect(interpretReply(ons4, { text: '7, not bad' })).to.include({ kind: 'answer', value: 7, remark: 'not bad' });
    expect(interpretReply(happiness, { text: '3, yesterday was a bad day' })).to.include({ kind: 'answer', value: 3 });
  });
});

describe('replyClauses', () => {
  it('cuts a sentence at commas, colons and words that start another clause', () => {
    expect(replyClauses('Sometimes, lonely when it gets dark').map((c) => c.text)).to.deep.equal(['Sometimes', 'lonely', 'when it gets dark']);
    expect(replyClauses('3 things: choir and bowls').map((c) => c.text)).to.deep.equal(['3 things', 'choir and bowls']);
    expect(replyClauses('choir and bowls so 2').map((c) => c.text)).to.deep.equal(['choir and bowls', 'so 2']);
  });
  it('keeps what "especially" binds to the answer in one clause, and numbers whole', () => {
    expect(replyClauses('Often, especially since my wife died').map((c) => c.text)).to.deep.equal(['Often, especially since my wife died']);
    expect(replyClauses('1,000 or 7:30').map((c) => c.text)).to.deep.equal(['1,000 or 7:30']);
  });
});
