import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, anxiety, happiness, health, groups } = items;

// A wrong code is worse than a re-ask: each of these is asked again, never guessed.
describe('interpretReply', () => {
  describe('re-asks a yes or an emoji to a how-often question', () => {
    table(ucla, [
      ['yes', '?'],
      ['yeah', '?'],
      ['aye', '?'],
      ['🤷', '?'],
      ['😞', '?'],
      ['👍', '?'],
    ]);
    table(ons, [
      ['yes', '?'],
      ['aye', '?'],
      ['yep 👍', '?'],
    ]);
    table(k6, [['yeah', '?']]);
    table(ons4, [
      ['👍', '?'],
      ['😞', '?'],
    ]);
    table(health, [
      ['👍', '?'],
      ['🤷‍♀️', '?'],
    ]);
  });

  describe('re-asks half an answer', () => {
    table(ons4, [
      ['5 or 6', '?'],
      ['2-3', '?'],
      ['3 4', '?'],
      ['between 1 and 2', '?'],
      ['5/6', '?'],
      ['5 to 6', '?'],
      ['six seven', '?'],
    ]);
    table(groups, [
      ['2-3', '?'],
      ['3 4', '?'],
      ['between 1 and 2', '?'],
      ['one or two', '?'],
      ['three or four', '?'],
    ]);
    table(health, [
      ['2-3', '?'],
      ['3 or 4', '?'],
    ]);
  });

  describe('re-asks a vague amount or a word with no number', () => {
    table(groups, [
      ['a couple', '?'],
      ['a few', '?'],
      ['lots', '?'],
      ['loads', '?'],
      ['some', '?'],
      ['a couple of groups', '?'],
      ['quite a few', '?'],
    ]);
    table(ons4, [
      ['middling', '?'],
      ['very', '?'],
      ['a bit', '?'],
      ['quite', '?'],
      ['fairly', '?'],
      ['so so', '?'],
      ['not very', '?'],
    ]);
    table(anxiety, [
      ['a bit', '?'],
      ['very', '?'],
    ]);
    table(happiness, [
      ['very', '?'],
      ['quite happy', '?'],
    ]);
  });

  describe('re-asks a health word that sits between two options', () => {
    table(health, [
      ['not bad', '?'],
      ['fine', '?'],
      ['ok', '?'],
      ['okay', '?'],
      ['alright', '?'],
      ['all right', '?'],
      ['fine thanks', '?'],
      ['not bad ta', '?'],
      ["I'm alright", '?'],
      ['OK I suppose', '?'],
      ['fine, good', 2],
      ['OK, fair', 3],
      ['not bad, 2', 2],
    ]);
  });

  describe('re-asks "not very often" where it falls between Hardly ever and Occasionally', () => {
    table(ons, [
      ['not very often', '?'],
      ['not that often', '?'],
      ['not often', '?'],
      ['not too often', '?'],
      ['hardly ever', 4],
      ['rarely', 4],
    ]);
    table(ucla, [
      ['not very often', 1],
      ['not often', 1],
    ]);
    table(k6, [['not very often', 1]]);
  });

  describe('re-asks a number not on offer', () => {
    table(ons4, [
      ['11 out of 10', '?'],
      ['11/10', '?'],
      ['12', '?'],
      ['100%', '?'],
    ]);
    table(health, [
      ['12', '?'],
      ['6', '?'],
      ['0', '?'],
    ]);
    table(ucla, [['12', '?']]);
    table(groups, [
      ['35', '?'],
      ['100', '?'],
    ]);
  });

  describe('re-asks a score out of something else, or below zero', () => {
    table(health, [
      ['5 out of 5', '?'],
      ['4/5', '?'],
      ['1 out of 5', '?'],
    ]);
    table(happiness, [
      ['minus 2', '?'],
      ['-2', '?'],
    ]);
    table(ons4, [['7 out of 10', 7]]);
  });

  describe('re-asks a word that names no activity, or only describes one', () => {
    table(groups, [
      ['groups', '?'],
      ['club', '?'],
      ['clubs and groups', '?'],
      ['social', '?'],
      ['tea and coffee', '?'],
      ['the pub', '?'],
      ['my daughter', '?'],
      ['church on sundays', '?'],
      ['bingo when I can', '?'],
      ['I used to go to church and bingo', '?'],
      ['church and bingo but not now', '?'],
      ['the lunch club', 1],
      ['coffee morning and the choir', 2],
      ['knit and natter', 1],
    ]);
  });

  describe('"nowt" is nought only said alone', () => {
    table(ons4, [
      ['nowt to complain about', '?'],
      ['nowt pet', 0],
    ]);
    table(health, [['nowt wrong with me', '?']]);
  });

  describe('re-asks a question back', () => {
    table(ucla, [
      ['why do you need to know?', '?'],
      ['whats this for', '?'],
    ]);
    table(ons4, [
      ['why?', '?'],
      ['what do you mean?', '?'],
      ['is 10 the best?', '?'],
      ['whats a 10', '?'],
      ['what a week, 3', 3],
      ['7?', 7],
    ]);
    table(groups, [
      ['what counts as a group?', '?'],
      ['does church count?', '?'],
    ]);
  });
});
