import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, health, groups } = items;

describe('interpretReply', () => {
  describe('misspelt answer words, one slip or (in a long one) two', () => {
    table(ucla, [
      ['someitmes', 2],
      ['sometmes', 2],
      ['somtims', 2],
      ['smetimes', 2],
      ['offten', 3],
      ['allways', 3],
      ['neverr', 1],
      ['hardley evr', 1],
      ['some of teh time', 2],
      ['som of the time', 2],
      ['sum of da time', 2],
      ['evry day', 3],
      ['nearly evry day', 3],
    ]);
    table(ons, [
      ['ocassionally', 3],
      ['occasionaly', 3],
      ['occassionally', 3],
      ['occationally', 3],
      ['occasinaly', 3],
      ['ocasinally', 3],
      ['hardlly ever', 4],
      ['nver', 5],
      ['neveer', 5],
      ['alwayes', 1],
      ['freqently', 1],
      ['frequantly', 1],
      ['constently', 1],
      ['rarly', 4],
      ['hardy ever', 4],
    ]);
    table(k6, [
      ['a littel', 1],
      ['a litle bit', 1],
      ['non of the time', 0],
      ['most of the tim', 3],
      ['al of the time', 4],
      ['mostley', 3],
      ['contantly', 4],
    ]);
    table(health, [
      ['very goood', 1],
      ['goood', 2],
      ['fiar', 3],
      ['baad', 4],
      ['bda', 4],
      ['very bda', 5],
      ['exellent', 1],
      ['excelent', 1],
      ['terible', 5],
      ['aweful', 5],
      ['awfull', 5],
      ['poore', 4],
      ['prety good', 2],
      ['verry good', 1],
      ['vey good', 1],
      ['vry good', 1],
      ['very god', 1],
      ['avrage', 3],
    ]);
  });

  describe('misspelt number words', () => {
    table(ons4, [
      ['sevn', 7],
      ['siz', 6],
      ['eigt', 8],
      ['fivw', 5],
      ['seveb', 7],
      ['foour', 4],
      ['tenn', 10],
      ['eihgt', 8],
      ['nin', 9],
    ]);
    table(groups, [
      ['twoo', 2],
      ['fourr', 4],
      ['non', 0],
    ]);
  });

  describe('a real word is never mended into an answer, nor a slip into a negation', () => {
    table(ons4, [
      ['fine', '?'],
      ['tow', '?'],
      ['won', '?'],
    ]);
    table(groups, [
      ['too', '?'],
      ['thee', '?'],
      ['for', '?'],
    ]);
    table(ucla, [
      ['frequency', '?'],
      ['occasions', '?'],
      ['a lit', '?'],
      ['nit often', '?'],
      ['care', '?'],
      ['race', '?'],
    ]);
    table(k6, [['a lit', '?']]);
  });

  describe('txt-speak and emoji', () => {
    table(ucla, [
      ['sumtimes x', 2],
      ['sometimes \u{1F614}', 2],
      ['nvr \u{1F642}', 1],
      ['often :(', 3],
      ['often :-(', 3],
      ['2 \u{1F44D}', 2],
      ['nt often', 1],
      ['\u{1F44D}', '?'],
    ]);
    table(health, [
      ['gr8', 1],
      ['v gd', 1],
      ['gud thx', 2],
      ['bad tbh', 4],
    ]);
    table(ons4, [
      ['\u{1F51F}', 10],
      ['7\uFE0F\u20E3', 7],
      ['prob 6', 6],
      ['6 deffo', 6],
      ['7 innit', 7],
    ]);
  });

  describe('dialect and everyday words', () => {
    table(ons, [
      ['allus', 1],
      ['niver', 5],
      ['mebbe sometimes', 2],
      ['no feeling lonely', 5],
      ['I am not feel lonely', 5],
    ]);
    table(ucla, [
      ['aye sometimes', 2],
      ['oft', 3],
      ['many times', 3],
      ['every time', 3],
      ['now and again like', 2],
      ['the odd time', 2],
    ]);
    table(health, [
      ['champion', 1],
      ['dead good', 1],
      ['in fine fettle', 1],
      ['grand', 2],
      ['under the weather', 4],
      ['not so clever', 4],
      ['rotten', 4],
      ['proper poorly', 5],
      ['shocking', 5],
      ['well, good', 2],
      ['fair, well, good', 2],
    ]);
  });

  describe('words of degree on self-rated health (1 very good … 5 very bad)', () => {
    table(health, [
      ['excellent', 1],
      ['extremely good', 1],
      ['superb', 1],
      ['never been better', 1],
      ['fighting fit', 1],
      ['very well', 1],
      ['great', 1],
      ['good', 2],
      ['fairly good', 2],
      ['quite good', 2],
      ['reasonably good', 2],
      ['decent', 2],
      ['fine', '?'],
      ['fair', 3],
      ['so-so', 3],
      ['average', 3],
      ['middling', 3],
      ['mediocre', 3],
      ['not bad', '?'],
      ['poor', 4],
      ['rather poor', 4],
      ['pretty poor', 4],
      ['poorly', 4],
      ['not great', 4],
      ['rubbish', 4],
      ['very poor', 5],
      ['extremely bad', 5],
      ['terrible', 5],
      ['awful', 5],
      ['horrendous', 5],
      ['couldnt be worse', 5],
      // A word of degree this item does not know may make it the "very" option: re-asked, never guessed.
      ['incredibly poor', '?'],
      ['seriously good', '?'],
      ['otherwise good', 2],
      ['my health is good', 2],
    ]);
  });
});
