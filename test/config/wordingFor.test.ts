import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme, programmeLanguages } from '../../bot/config/programmeSchema.js';
import { wordingFor } from '../../bot/config/wordingFor.js';
import { PLACEHOLDERS, wordingSchema } from '../../dialogs/wording/wording.js';
import { programmeProblems } from '../support/programmeProblems.js';

const demo = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
const defaults = wordingSchema.parse({});

// Fixtures only: translations for real clients need a native speaker's review.
const withTranslations = parseProgramme(
  {
    ...demo,
    wording: { reask: 'Which is nearest?' },
    translations: {
      cy: { thanks: 'Diolch, {clientName}.', reask: 'Pa un sydd agosaf?' },
      'pt-BR': { thanks: 'Obrigado, {clientName}.' },
    },
  },
  'test',
);

describe('wordingFor', () => {
  it("gives the programme's own wording without a language, or in the programme's language", () => {
    expect(wordingFor(withTranslations)).to.deep.equal(withTranslations.wording);
    expect(wordingFor(withTranslations, 'en')).to.deep.equal(withTranslations.wording);
  });

  it("takes each key from the client's language, and every other key from the programme's own wording", () => {
    expect(wordingFor(withTranslations, 'cy')).to.deep.equal({ ...defaults, thanks: 'Diolch, {clientName}.', reask: 'Pa un sydd agosaf?' });
    // A programme's own override shows through where the translation has no text of its own.
    expect(wordingFor(withTranslations, 'pt-BR')).to.deep.equal({ ...defaults, reask: 'Which is nearest?', thanks: 'Obrigado, {clientName}.' });
  });

  it('falls back to the programme wording for a language it has no translation for', () => {
    for (const language of ['fr', 'pt', 'CY', '__proto__', 'constructor', '']) {
      expect(wordingFor(withTranslations, language), language).to.deep.equal(withTranslations.wording);
    }
  });

  it("leaves the programme's wording as it was", () => {
    wordingFor(withTranslations, 'cy');
    expect(withTranslations.wording.thanks).to.equal(defaults.thanks);
  });
});

describe('parseProgramme translations', () => {
  it('defaults to English and no translations, and lists the languages a client may choose', () => {
    const programme = parseProgramme({ ...demo, language: undefined }, 'test');
    expect([programme.language, programme.translations]).to.deep.equal(['en', {}]);
    expect(programmeLanguages(withTranslations)).to.deep.equal(['en', 'cy', 'pt-BR']);
  });

  it('names the path of a bad language tag, an unknown wording key, a bad placeholder and an empty text', () => {
    const problems = programmeProblems({
      ...demo,
      language: 'English',
      translations: {
        Welsh: { thanks: 'Diolch' },
        cy: { thanx: 'Diolch', thanks: 'Diolch, {enw}.', reask: '' },
      },
    });
    expect(problems).to.have.members([
      'programme.language: expected a language tag such as "en", "cy" or "pt-BR"',
      'programme.translations.Welsh: expected a language tag such as "cy" or "pt-BR", got "Welsh"',
      'programme.translations.cy: Unrecognized key: "thanx"',
      `programme.translations.cy.thanks: unknown placeholder {enw}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      'programme.translations.cy.reask: Too small: expected string to have >=1 characters',
    ]);
  });

  it("refuses a translation into the programme's own language", () => {
    expect(programmeProblems({ ...demo, language: 'cy', translations: { cy: { thanks: 'Diolch.' } } })).to.deep.equal([
      `programme.translations.cy: "cy" is the programme's own language: put this wording under wording`,
    ]);
  });

  it('is reported by npm run programme:check, by path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'linkwell-programme-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ ...demo, translations: { cy: { thanks: 'Diolch, {enw}.' } } }));

    const failed = (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bot/cli/programmeCheck.ts', file]).catch((e: unknown) => e)) as {
      code: number;
      stdout: string;
    };

    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.contain('programme.translations.cy.thanks: unknown placeholder {enw}');
  });
});
