import { expect } from 'chai';
import { flesch } from 'flesch';
import { syllable } from 'syllable';
import { fill, wordingSchema, type WordingValues } from '../../dialogs/wording/wording.js';
import { loadProgrammeFile } from '../../bot/config/programmeSchema.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { readFileSync } from 'node:fs';
import { chatPageHtml, invalidLinkHtml } from '../../bot/channels/web/chatPage.js';

/** The words of a page as a reader meets them, one text per paragraph, heading or button. */
function pageTexts(html: string): string[] {
  const body = html.replace(/^[\s\S]*<body[^>]*>/, '').replace(/<script[\s\S]*?<\/script>/g, '');
  return body
    .split(/<\/?(?:p|h1|h2|button|header|section|main)\b[^>]*>/)
    .map((part) =>
      part
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => /[a-z]/i.test(text));
}

/** What the chat page's script says to the client (its status and notices lines). */
const chatScriptTexts = [...readFileSync(new URL('../../bot/channels/web/chat.js', import.meta.url), 'utf8').matchAll(/(?:say|show)\(\s*'([^']+)'/g)].map(
  ([, text]) => text!,
);

/** Typical values, so a text is read as a client reads it (names of one or two syllables each). */
const VALUES: WordingValues = {
  clientName: 'Jean',
  programmeName: 'Linkwell',
  linkWorkerName: 'Sam',
  linkWorkerPhone: '01632 960123',
  itemCount: 4,
  date: 'on Monday',
  weeks: 2,
  crisisContacts: 'Samaritans 116 123, or 999',
  groupName: 'the walking group',
  sessionTime: 'tomorrow at 10',
  venue: 'the library',
  travel: 'Bus 12 stops outside.',
  count: 'two',
};

/** At least this Flesch reading ease for a text long enough to score (a plain-English target). */
const READING_EASE = 70;
/** Texts shorter than this are too short for a Flesch score: each sentence and word is checked instead. */
const SCORED_FROM_WORDS = 20;
const MAX_SENTENCE_WORDS = 25;
const MAX_CHARACTERS = 320;

function measure(text: string) {
  // Phone numbers, digits and keywords in capitals read as one short word each.
  const plain = text.replace(/\d[\d ]*\d|\d/g, 'ten').replace(/"[^"]*"/g, 'this');
  const sentences = plain.split(/(?<=[.!?:])\s+/).filter((s) => /\w/.test(s));
  const words = plain.match(/[A-Za-z']+/g) ?? [];
  const syllables = words.reduce((n, w) => n + syllable(w), 0);
  return {
    words: words.length,
    ease: flesch({ sentence: sentences.length, word: words.length, syllable: syllables }),
    longestSentence: Math.max(...sentences.map((s) => (s.match(/[A-Za-z']+/g) ?? []).length)),
    longWords: words.filter((w) => syllable(w) >= 4 && !/^(Linkwell|automated)$/i.test(w)),
  };
}

/**
 * Everything Linkwell says in its own words, as the client reads it: the built-in defaults and the
 * demo programme's own, each checked for reading ease (Flesch, at least 70: plain English) or, when
 * too short to score, for short sentences and no long words; and for length.
 */
const defaults = wordingSchema.parse({});
const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);

describe('plain language: every client-facing wording', () => {
  const texts = new Map<string, string>([
    ...Object.entries(defaults).map(([key, text]): [string, string] => [`default ${key}`, text]),
    ...Object.entries(programme.wording)
      .filter(([key, text]) => text !== defaults[key as keyof typeof defaults])
      .map(([key, text]): [string, string] => [`demo ${key}`, text]),
    ...[chatPageHtml('Linkwell', 1000), ...(['expired', 'withdrawn', 'invalid'] as const).map((why) => invalidLinkHtml('Linkwell', why))]
      .flatMap(pageTexts)
      .map((text): [string, string] => [`chat page "${text.slice(0, 30)}…"`, text]),
    ...chatScriptTexts.map((text): [string, string] => [`chat script "${text.slice(0, 30)}…"`, text]),
  ]);

  it('checks every wording there is', () => {
    expect(texts.size).to.be.at.least(60);
    expect(chatScriptTexts, "the chat script's own lines").to.include('Notices are on for this device.');
  });

  for (const [name, template] of texts) {
    it(`${name} is plain and short`, () => {
      const text = fill(template, VALUES);
      const m = measure(text);
      expect(text.length, `${text.length} characters: ${text}`).to.be.at.most(MAX_CHARACTERS);
      expect(m.longestSentence, `a sentence of ${m.longestSentence} words: ${text}`).to.be.at.most(MAX_SENTENCE_WORDS);
      if (m.words >= SCORED_FROM_WORDS) expect(m.ease, `reading ease ${m.ease.toFixed(0)}: ${text}`).to.be.at.least(READING_EASE);
      else expect(m.longWords, `long words in a short text: ${text}`).to.have.length.at.most(1);
    });
  }
});
