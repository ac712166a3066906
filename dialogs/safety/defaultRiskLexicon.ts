import { defaultSpellings } from './defaultSpellings.js';
import { figuresOfSpeech } from './figuresOfSpeech.js';
import { realWordsNearRiskWords } from './realWordsNearRiskWords.js';
import type { RiskLexicon } from './riskLexicon.js';
import { routinePhrases } from './routinePhrases.js';
import { sameDayPhrases } from './sameDayPhrases.js';
import { urgentPhrases } from './urgentPhrases.js';

/** The built-in lexicon: English as texted in the UK and Australia. Programmes add to it (extendLexicon). */
export const defaultRiskLexicon: RiskLexicon = Object.freeze({
  phrases: Object.freeze([...urgentPhrases, ...sameDayPhrases, ...routinePhrases]),
  figuresOfSpeech: Object.freeze(figuresOfSpeech),
  spellings: Object.freeze({ ...defaultSpellings }),
  fuzzyWords: Object.freeze([
    'suicide',
    'suicidal',
    'myself',
    'overdose',
    'overdosed',
    'paracetamol',
    'hopeless',
    'worthless',
    'eviction',
    'homeless',
    'depressed',
  ]),
  notMisspellings: Object.freeze([
    'overdue',
    'overdone',
    'overdoes',
    'overdo',
    'overcome',
    'overcame',
    'overrode',
    'overtone',
    'deprived',
    'hopeful',
    'hapless',
    'repressed',
    'meditation',
    'himself',
    'herself',
    'itself',
    'yourself',
    'ourselves',
    'elected',
    'ejected',
    'anyone',
    'anybody',
    ...realWordsNearRiskWords,
  ]),
});
