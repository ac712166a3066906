import { items, table } from './answerTable.js';

const { ucla, k6, ons4, happiness, anxiety, health, groups } = items;

describe('interpretReply', () => {
  describe('a number beside a few other words is the answer', () => {
    table(ons4, [
      ["I'd give it a 7", 7],
      ['a solid 7', 7],
      ['solid 8', 8],
      ['a good 7', 7],
      ['a strong 8', 8],
      ['score of 7', 7],
      ['put me down for a 6', 6],
      ["I'll go with 7", 7],
      ['call it 6', 6],
      ['maybe a 4 today', 4],
      ['definitely a 9', 9],
      ["Life's a 6 right now", 6],
      ['happiness 8', 8],
      ['satisfaction wise 7', 7],
      ['7 mostly', 7],
      ['7 cheers', 7],
      ['7 defo', 7],
      ['7 innit', 7],
      ['my life is a 7', 7],
      ["I'd rate my life 7", 7],
      ['a solid seven', 7],
      ['a big fat zero', 0],
      ['sevenish', 7],
      ['seven I would say', 7],
      ['7 score', 7],
    ]);
    table(anxiety, [
      ['anxiety was about a 2', 2],
      ['2, slightly anxious', 2],
      ['I was a 9 yesterday, terrible day', 9],
    ]);
    table(happiness, [
      ['yesterday was a 3', 3],
      ['8 - saw the grandkids', 8],
      ['I was happy, maybe 8', 8],
      ['3, yesterday was a bad day', 3],
    ]);
    table(ucla, [
      ["I'd say a 2", 2],
      ['number 2', 2],
      ['option 3', 3],
      ['2 I suppose', 2],
    ]);
    table(k6, [
      ["I'll go for 3", 2],
      ['4 most of the time', 3],
    ]);
    table(health, [
      ["I'd say 3, fair", 3],
      ['a 2 I think', 2],
      ['number 4 please', 4],
      ["mine's a 2", 2],
    ]);
  });

  describe('the scale itself, said in passing, is not an answer', () => {
    table(ons4, [
      ["on a scale of 0 to 10 I'd say 6", 6],
      ['between 0 and 10, 7', 7],
      ['0 to 10', '?'],
      ['0-10, 4', 4],
    ]);
    table(health, [['from 1 to 5, a 2', 2]]);
  });

  describe('a number that counts, dates or times something else is not the answer', () => {
    table(ons4, [
      ["I'm 7 years sober", '?'],
      ['5 pints last night', '?'],
      ['I walk 5 miles', '?'],
      ['one of those days', '?'],
      ['two of my friends came', '?'],
      ['up at 5', '?'],
      ['awake since 4', '?'],
      ["it's 2 in the morning", '?'],
      ['3 of us went', '?'],
      ['not 7', '?'],
      ['7 today but 5 usually', '?'],
      ['6 and a half', '?'],
      ['fifty fifty', '?'],
      ['7/8', '?'],
    ]);
  });

  describe('an option by its place in the list', () => {
    table(k6, [
      ['the 3rd one', 2],
      ['first option', 0],
    ]);
    table(health, [
      ['second option', 2],
      ['the fifth one', 5],
    ]);
    table(ucla, [
      ['the first one', 1],
      ['the 2nd answer', 2],
    ]);
  });

  describe('a bound is not a number', () => {
    table(ons4, [
      ['over 5', '?'],
      ['less than 5', '?'],
      ['6 and a bit', '?'],
      ['just under 7', '?'],
      ["I'd say 6", 6],
    ]);
    table(groups, [
      ['more than 3', '?'],
      ['at least 2', '?'],
      ['up to 4', '?'],
      ['I go to 2', 2],
    ]);
  });

  describe('a count of groups, by any name', () => {
    table(groups, [
      ['I go to 2 groups', 2],
      ['2, the choir and the walking group', 2],
      ['I do 3 things: choir, art and bowls', 3],
      ['about 3 activities', 3],
      ['just 2 at the moment', 2],
      ['only the one group', 1],
      ['just a single one', 1],
      ['2 regular ones', 2],
      ["I'm in 4 groups", 4],
      ['take part in 3', 3],
      ['I belong to 2 clubs', 2],
      ['1 group', 1],
      ['one group', 1],
      ['3 classes', 3],
      ['a dozen', 12],
      ['nil', 0],
      ['2 - choir and bowls', 2],
      ['Two. Choir and the lunch club', 2],
      ['I used to go to 4 but now 2', 2],
      ["Well there's the choir on Mondays and the lunch club, so that's 2", 2],
      ['choir on monday and bowls on thursday so 2', 2],
      ['I do the walking group and the knitting circle which makes 2', 2],
      ['3 but only 1 regularly', '?'],
      ['2 groups and 3 clubs', '?ambiguous'],
      ['a couple', '?'],
      ['I go to 3 groups a week', '?'],
    ]);
  });
});
