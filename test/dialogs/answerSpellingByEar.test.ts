import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import wordListPath from 'word-list';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { itemVocabulary } from '../../dialogs/understanding/itemVocabulary.js';
import { repairWord, SOUND_ALIKE, soundKey } from '../../dialogs/understanding/repairWord.js';
import { builtinItem, items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, health, groups } = items;
const isolated = builtinItem('ucla3', 'isolated');
const restless = builtinItem('k6', 'restless');

describe('interpretReply: answers spelt by ear, run together, or said around misspelt words', () => {
  describe('answer words spelt as they sound', () => {
    table(ucla, [
      ['sumtims', 2],
      ['somtymes', 2],
      ['sumtimez', 2],
      ['orlways', 3],
      ['allwayz', 3],
      ['oftern', 3],
    ]);
    table(ons, [
      ['okashunly', 3],
      ['ocashunaly', 3],
      ['hardlee ever', 4],
      ['hardlee evva', 4],
      ['nevah', 5],
      ['nevva', 5],
      ['neva eva', 5],
    ]);
    table(k6, [
      ['mosta the time', 3],
      ['nun of the time', 0],
      ['nun', 0],
    ]);
    table(health, [
      ['terribul', 5],
      ['prity good', 2],
      ['not grate', 4],
    ]);
  });

  describe('a real word that sounds like an answer is not it, said in a sentence or alone', () => {
    table(ucla, [
      ['allows', '?'],
      ['nova', '?'],
      ['yellows', '?'],
    ]);
    table(ons4, [
      ['won', '?'],
      ['too', '?'],
      ['grate', '?'],
    ]);
    table(groups, [
      ['too', '?'],
      ['for', '?'],
    ]);
    table(health, [['fare', '?']]);
  });

  describe('a word sounding like a number, said alone or as a score', () => {
    table(ons4, [
      ['ate', 8],
      ["i'd say ate", 8],
      ['i wud say ate', 8],
      ['too/10', 2],
      ['won out of ten', 1],
      ['free outta 10', 3],
      ['6 outa 10', 6],
    ]);
    table(ucla, [['ate', '?']]);
    table(groups, [['i ate at the club', '?']]);
  });

  describe('run together without spaces', () => {
    table(ons4, [
      ['notatall', 0],
      ['not atall', 0],
    ]);
    table(k6, [
      ['mostofthetime', 3],
      ['noneofthetime', 0],
    ]);
    table(ons, [
      ['nowandthen', 3],
      ['everyone', '?'],
    ]);
  });

  describe("the question's own words and words of doubt, misspelt around the answer", () => {
    table(ons, [
      ['i feel lonley sumtimes', 2],
      ['lonly sometimes', 2],
      ['realy offen', 1],
      ['i fink sometimes', 2],
      ['reely often', 1],
      ['lovely sometimes', '?'],
    ]);
    table(isolated, [['isolatid offen', 3]]);
    table(restless, [['restles a lot', 3]]);
    table(groups, [
      ['i go to 2 grups', 2],
      ['nun realy', 0],
      ['jus the one', 1],
    ]);
  });
});

describe('interpretReply: dialect, second-language English and chat around an answer', () => {
  describe('dialect words of degree', () => {
    table(ucla, [
      ['wicked often', 3],
      ['pure often', 3],
      ['awfy often', 3],
      ['reyt often', 3],
    ]);
    table(health, [
      ['proper bad', 5],
      ['right bad', 5],
      ['real bad', 5],
      ['reet good', 1],
      ['dead poorly', 5],
      ['proper rough', 4],
      ['incredibly poor', '?'],
    ]);
  });

  describe('dialect and second-language frequency phrases', () => {
    table(k6, [
      ['a wee bit o the time', 1],
      ['little time', 1],
    ]);
    table(ons, [
      ['hardly never', 4],
      ['ivry day', 1],
      ['ofttimes', 1],
      ['few time', 3],
      ['not many time', '?ambiguous'],
    ]);
    table(ucla, [
      ['not so much often', 1],
      ['few time', 2],
      ['not many time', 1],
    ]);
  });

  describe('denials in few words', () => {
    table(ons, [
      ['nope not me', 5],
      ['not me', '?'],
      ['I am not lonely person', 5],
    ]);
    table(groups, [
      ['no have friends group', 0],
      ['not in any walking groups', 0],
    ]);
  });

  describe('an answer said first, then news typed on without a stop', () => {
    table(ons4, [
      ['id say a 7 today had a nice walk with the dog', 7],
      ['a 6 tbh my knee is bad', 6],
      ['6 love my knee is bad', 6],
      ['7 today had a nice walk then 2 hours with my son', 7],
      ['7 today my son is 6 tomorrow', '?'],
    ]);
    table(ucla, [
      ['not too often love the grandkids were round yesterday', 1],
      ['often tbh the nights are long', 3],
      ['sometimes i go to bingo with my sister', '?'],
      ['never i go out with friends', '?'],
    ]);
    table(health, [['good thanks the doctor says my blood pressure is bad', '?']]);
  });

  describe('a "mostly" that says when', () => {
    table(ons, [["I'd say occasionally, mostly sundays when nobody rings", 3]]);
  });
});

describe('repairWord, by ear', () => {
  it('never reads a real English word as an answer word it sounds like, on any built-in item', () => {
    const keys = new Set([...SOUND_ALIKE].map(soundKey));
    const words = readFileSync(wordListPath, 'utf8')
      .split('\n')
      .filter((w) => /^[a-z]+$/.test(w) && keys.has(soundKey(w)) && !SOUND_ALIKE.has(w));
    expect(words.length).to.be.greaterThan(20);
    const vocabularies = [...builtinInstruments.values()].flatMap((i) => i.items).map((i) => itemVocabulary(i));
    const read = vocabularies.flatMap((v) => words.filter((w) => !v.known.has(w) && repairWord(w, v) !== w).map((w) => `${w} → ${repairWord(w, v)}`));
    expect(read, 'add to REAL_WORDS_SOUNDING_LIKE_ANSWERS').to.deep.equal([]);
  });

  it('hears the same word in the ways it is spelt by ear', () => {
    expect(['sumtims', 'somtymes', 'sometimes'].map(soundKey)).to.deep.equal(Array(3).fill(soundKey('sometimes')));
    expect(['nevah', 'neva', 'nevver'].map(soundKey)).to.deep.equal(Array(3).fill(soundKey('never')));
    expect(soundKey('really')).to.not.equal(soundKey('rarely'));
  });
});
