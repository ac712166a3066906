import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, anxiety, happiness, health, groups } = items;

describe('interpretReply', () => {
  describe('more ways of saying how often', () => {
    table(ucla, [
      ['very often indeed', 3],
      ['many time', 3],
      ['bare times', 3],
      ['pretty much constantly', 3],
      ['not a lot', 1],
      ['a fair bit', '?'],
    ]);
    table(ons, [
      ['few and far between', 4],
      ['nuff times innit', 1],
      ['the odd day here and there', 3],
      ['once in a while I suppose', 3],
      ['very occasionally', 4],
    ]);
    table(k6, [
      ['some of the days', 2],
      ['hardly any of the time', 1],
      ['a good bit of the time', '?'],
      ['quite a lot of the time', 3],
    ]);
  });

  describe('txt-speak and misspellings', () => {
    table(ucla, [
      ['smtms', 2],
      ['hrdly evr', 1],
      ['offten', 3],
      ['alwayz', 3],
      ['2 much', 3],
      ['2 many times', 3],
      ['2 often', '?'],
    ]);
    table(ons, [
      ['occ', 3],
      ['ocassionaly', 3],
      ['hardley ever', 4],
      ['rarley', 4],
      ['sumetimes', 2],
      ['all d time', 1],
    ]);
    table(k6, [
      ['non of the time', 0],
      ['a littel', 1],
      ['most of teh time', 3],
    ]);
    table(health, [
      ['excelent', 1],
      ['terible', 5],
      ['very gud', 1],
      ['middlin', 3],
      ['fair to middlin', 3],
    ]);
    table(ons4, [
      ['sevan', 7],
      ['eigt', 8],
      ['aboot 6', 6],
    ]);
  });

  describe('a number among a few words of its own', () => {
    table(ons4, [
      ["it's a 7 from me", 7],
      ['6 i guess at the mo', 6],
      ['id give it 7 out of 10', 7],
      ['probably about a 6 today', 6],
      ['6 - could be better', 6],
    ]);
    table(k6, [
      ['5 sadly', 4],
      ['3 thankfully', 2],
    ]);
    table(anxiety, [
      ['anxiety 3 or so', 3],
      ['about 8 to be honest', 8],
    ]);
    table(happiness, [['yesterday 7, was lovely', 7]]);
    table(groups, [
      ['2 groups at the minute', 2],
      ['just the 2', 2],
      ['3 - choir, bowls and the u3a', 3],
      ['a couple, choir and bingo', '?'],
    ]);
  });

  describe('chatty replies around a clear answer', () => {
    table(ons, [['Hardly ever thank goodness, I have my dog', 4]]);
    table(health, [
      ['good thanks for asking, just my knees', 2],
      ['champion thanks', 1],
      ['not too clever pet', 4],
    ]);
    table(ons4, [['I would give it a 7 as things are going ok', 7]]);
    table(groups, [['just the one at the moment, the choir', 1]]);
  });

  describe('an option by its label, as shown', () => {
    table(ucla, [
      ['Some of the time.', 2],
      ['2. Some of the time', 2],
      ['(2) some of the time', 2],
    ]);
    table(ons, [
      ['Often / always', 1],
      ['4 - hardly ever', 4],
      ['Occasionally.', 3],
    ]);
    table(k6, [
      ['All of the time!', 4],
      ['A little of the time', 1],
    ]);
    table(health, [
      ['3 Fair', 3],
      ['Good.', 2],
      ['Very bad', 5],
    ]);
  });
});
