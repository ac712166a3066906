import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import wordListPath from 'word-list';
import { compileLexicon } from '../../dialogs/safety/compileLexicon.js';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { squeeze } from '../../dialogs/safety/screeningWords.js';

// Words a spelling repair or a text-speak reading could wrongly bring into a message.
const RISK_WORDS = [
  'suicide',
  'suicidal',
  'overdose',
  'overdosed',
  'overdosing',
  'kill',
  'killing',
  'killed',
  'myself',
  'die',
  'dying',
  'dead',
  'self',
  'harm',
  'harming',
  'harmed',
  'hopeless',
  'worthless',
  'eviction',
  'homeless',
  'depressed',
  'paracetamol',
  'tablets',
  'medication',
  'hang',
  'cutting',
  'cut',
  'end',
].map(squeeze);
// Readings kept on purpose: text-speak that means the risk word ("od", "meds", "tabs", "unalive"),
// and slips too common to give up ("dei" for die, "harmin" for harming).
const MEANT = new Set(['od', 'meds', 'tabs', 'unalive', 'dei', 'harmin']);
// "suicides", "evictions", "overdoses": the same word inflected.
const inflects = (word: string, read: string) => squeeze(word).startsWith(read.slice(0, -1));

describe('spelling repair against an English word list', () => {
  it('never turns an ordinary English word into a risk word ("odd" stays odd, not "od")', () => {
    const compiled = compileLexicon(defaultRiskLexicon);
    const words = readFileSync(wordListPath, 'utf8')
      .split('\n')
      .filter((w) => /^[a-z]+$/.test(w));
    expect(words.length).to.be.greaterThan(200_000);
    const wrong: string[] = [];
    for (const word of words) {
      const read = compiled.words(word);
      const own = squeeze(word);
      const brought = read.filter((w) => w !== own && RISK_WORDS.includes(w));
      if (brought.length > 0 && !RISK_WORDS.includes(own) && !MEANT.has(word) && !brought.every((b) => inflects(word, b)))
        wrong.push(`${word} -> ${read.join(' ')}`);
    }
    expect(wrong, `add to realWordsNearRiskWords.ts: ${wrong.slice(0, 50).join(', ')}`).to.deep.equal([]);
  });
});
