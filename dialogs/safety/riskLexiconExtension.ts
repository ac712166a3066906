import { z } from 'zod';
import { compileLexicon } from './compileLexicon.js';
import { defaultRiskLexicon } from './defaultRiskLexicon.js';
import { END, expandPattern, GAP, MANY, PhrasePatternError } from './phrasePattern.js';
import { riskCategory, riskTierSchema, type RiskLexicon } from './riskLexicon.js';
import { canonicalWords, rawWords, spellingTable, squeezedWords } from './screeningWords.js';

// A phrase made only of these would match nearly every message.
const TOO_COMMON = new Set(
  [
    'i',
    'me',
    'my',
    'you',
    'he',
    'she',
    'it',
    'we',
    'they',
    'him',
    'her',
    'them',
    'a',
    'an',
    'the',
    'to',
    'and',
    'or',
    'of',
    'in',
    'on',
    'at',
    'for',
    'with',
    'is',
    'am',
    'are',
    'was',
    'be',
    'been',
    'do',
    'not',
    'no',
    'so',
    'that',
    'this',
    'have',
    'has',
    'had',
    'will',
    'would',
    'can',
    'could',
    'all',
    'just',
    'get',
    'got',
    'go',
    'going',
    'feel',
    'like',
    'want',
  ].map((w) => squeezedWords(w)[0]!),
);

/**
 * What a programme file may add to the built-in lexicon (programme `risk.lexicon`): phrases with
 * their tier and category, figures of speech, and local spellings. Phrases and figures use the
 * pattern syntax of phrasePattern.ts. A programme's figures of speech never suppress the built-in
 * explicit phrases ("kill myself", "suicidal", "self harm", "overdose"), and a programme cannot make
 * a phrase of its own explicit or overriding.
 */
export const riskLexiconExtensionSchema = z
  .strictObject({
    phrases: z.array(z.strictObject({ phrase: z.string().trim().min(1).max(400), tier: riskTierSchema, category: riskCategory })).default([]),
    figuresOfSpeech: z.array(z.string().trim().min(1).max(400)).default([]),
    /** Word (or two or three) as texted -> the words meant, e.g. "ded": "dead". */
    spellings: z
      .record(z.string().regex(/^[a-z0-9]+( [a-z0-9]+){0,2}$/, 'expected one to three lower-case words'), z.string().trim().min(1).max(100))
      .default({}),
  })
  .superRefine((extension, ctx) => {
    for (const { path, message } of lexiconExtensionIssues(defaultRiskLexicon, extension)) ctx.addIssue({ code: 'custom', path, message });
  });

export type RiskLexiconExtension = z.output<typeof riskLexiconExtensionSchema>;

export interface LexiconIssue {
  path: Array<string | number>;
  message: string;
}

export class RiskLexiconError extends Error {
  override readonly name = 'RiskLexiconError';
  constructor(readonly issues: readonly LexiconIssue[]) {
    super(`the risk lexicon extension cannot be used:\n${issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
}

/** Every problem with an extension to `base`, by path; none when it can be used. */
export function lexiconExtensionIssues(base: RiskLexicon, extension: RiskLexiconExtension): LexiconIssue[] {
  const issues: LexiconIssue[] = [];
  const spellings = Object.keys(extension.spellings);
  // Compiled only to check re-spellings: a programme that adds none does not pay for a second build.
  const compiledBase = spellings.length > 0 ? compileLexicon(base) : undefined;
  const baseSpellings = spellingTable(base.spellings);
  for (const key of spellings) {
    const words = squeezedWords(key).join(' ');
    // Re-reading a word the built-in phrases use could silence them ("myself" -> anything else).
    if (compiledBase?.uses(words) || baseSpellings.single.has(words) || baseSpellings.multi.has(words)) {
      issues.push({ path: ['spellings', key], message: `"${key}" is a word the built-in lexicon already reads: it cannot be re-spelt` });
    }
  }
  const table = spellingTable({ ...extension.spellings, ...base.spellings });
  const forms = (pattern: string, path: LexiconIssue['path']): string[][] => {
    try {
      return expandPattern(pattern, (word) => canonicalWords(rawWords(word), table)).map((form) => form.filter((w) => w !== GAP && w !== END && w !== MANY));
    } catch (error) {
      if (!(error instanceof PhrasePatternError)) throw error;
      issues.push({ path, message: error.message });
      return [];
    }
  };
  extension.phrases.forEach(({ phrase }, i) => {
    const common = forms(phrase, ['phrases', i, 'phrase']).find((form) => form.every((w) => TOO_COMMON.has(w)));
    if (common)
      issues.push({ path: ['phrases', i, 'phrase'], message: `"${common.join(' ')}" would match too many messages: add a word that carries the risk` });
  });
  extension.figuresOfSpeech.forEach((figure, i) => {
    const short = forms(figure, ['figuresOfSpeech', i]).find((form) => form.length < 2);
    if (short) issues.push({ path: ['figuresOfSpeech', i], message: `"${short.join(' ')}": a figure of speech needs at least two words` });
  });
  return issues;
}

/**
 * The base lexicon with a programme's additions (validated by riskLexiconExtensionSchema).
 * Throws RiskLexiconError when the extension cannot be used with this base.
 */
export function extendLexicon(base: RiskLexicon, extension: RiskLexiconExtension): RiskLexicon {
  const issues = lexiconExtensionIssues(base, extension);
  if (issues.length > 0) throw new RiskLexiconError(issues);
  // Nothing added: the base itself, compiled once for every screen that uses it.
  if (extension.phrases.length === 0 && extension.figuresOfSpeech.length === 0 && Object.keys(extension.spellings).length === 0) return base;
  const lexicon: RiskLexicon = Object.freeze({
    ...base,
    // Only tier and category: a programme's phrase is never explicit or overriding.
    phrases: Object.freeze([...base.phrases, ...extension.phrases.map(({ phrase, tier, category }) => ({ phrase, tier, category }))]),
    figuresOfSpeech: Object.freeze([...base.figuresOfSpeech, ...extension.figuresOfSpeech]),
    spellings: Object.freeze({ ...extension.spellings, ...base.spellings }),
  });
  compileLexicon(lexicon);
  return lexicon;
}
