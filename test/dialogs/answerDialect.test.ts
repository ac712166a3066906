import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, happiness, anxiety, health, groups } = items;

describe('interpretReply', () => {
  describe('a word of address or dialect around an answer leaves the answer standing', () => {
    table(ucla, [
      ['sometimes hen', 2],
      ['whiles', 2],
      ['aye whiles', 2],
      ['aw the time', 3],
      ['often bach', 3],
      ['never cariad', 1],
      ['sometimes pet', 2],
      ['bare often', 3],
      ['sometimes fam', 2],
      ['often innit', 3],
      ['hardly ever duck', 1],
      ['nae', 1],
    ]);
    table(ons, [
      ['aw the time hen', 1],
      ['whiles, aye', 2],
      ['often pet', 1],
      ['nah never fam', 5],
      ['now and then me duck', 3],
      ['allus', 1],
    ]);
    table(ons4, [
      ['7 out of 10 bach', 7],
      ['nowt', 0],
      ['nought', 0],
      ['about a 6 innit', 6],
      ['8 pet', 8],
    ]);
    table(happiness, [['8 cariad', 8]]);
    table(anxiety, [['nowt really', 0]]);
    table(health, [
      ['good innit', 2],
      ['tidy', 2],
      ['champion pet', 1],
      ['feeling champion ta', 1],
      ['not too clever at the mo', 4],
      ['me legs are not too clever', 4],
    ]);
    table(groups, [
      ['nowt', 0],
      ["I don't go to owt", 0],
      ['not owt', 0],
      ['none fam', 0],
    ]);
    table(ons, [
      ['nae really', '?'],
      ['nae', 5],
      ['nae, hen', 5],
    ]);
  });

  describe('"allow it" declines the question', () => {
    table(ucla, [
      ['allow it', 'skip'],
      ['nah allow it fam', 'skip'],
    ]);
  });

  describe('text-speak and emoji beside an answer', () => {
    table(ucla, [
      ['sumtimes', 2],
      ['oftn', 3],
      ['nvr', 1],
      ['lonely 2nite', '?'],
      ['often 😢', 3],
      ['😢 often', 3],
    ]);
    table(ons, [
      ['nvr', 5],
      ['nevr 😊', 5],
      ['sumtyms', 2],
      ['hardly eva', 4],
      ['sumtimes 2nite', 2],
    ]);
    table(ons4, [
      ['7 4 sure', 7],
      ['6 👍', 6],
      ['8 4 real', 8],
    ]);
    table(health, [['good 👍', 2]]);
  });

  describe('English as a second language', () => {
    table(ons4, [
      ['I give 6 from 10', 6],
      ['6 from 10', 6],
      ['seven from ten', 7],
      ['from 1 to 10, 7', 7],
    ]);
    table(ucla, [['some of time', 2]]);
    table(k6, [['little of time', 1]]);
  });

  describe('named activities are counted', () => {
    table(groups, [
      ['Church and bingo', 2],
      ['just the U3A', 1],
      ['church, bingo and the choir', 3],
      ['the choir', 1],
      ['bowls & the knit and natter group', 2],
      ['only the walking group', 1],
      ['the church', 1],
      ['church and my sister', '?'],
      ['bingo sometimes', '?'],
      ['church but not often', '?'],
      ['a couple', '?'],
      ['a few', '?'],
      ['lots', '?'],
      ['several', '?'],
      ['church and that', '?'],
      ['bingo etc', '?'],
      ['church and stuff', '?'],
      ['just the gym really', 1],
      ['choir, u3a', 2],
    ]);
  });

  describe('a plain no to a count is none', () => {
    table(groups, [
      ['no', 0],
      ['nope', 0],
      ['no none', 0],
      ['no not really', '?'],
    ]);
    table(ons4, [['no', '?']]);
    table(health, [['no', '?']]);
  });
});
