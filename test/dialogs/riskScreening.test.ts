import { expect } from 'chai';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { expandPattern, PhrasePatternError } from '../../dialogs/safety/phrasePattern.js';
import { extendLexicon, RiskLexiconError, riskLexiconExtensionSchema } from '../../dialogs/safety/riskLexiconExtension.js';
import { screenMessage } from '../../dialogs/safety/screenMessage.js';
import type { RiskLexicon } from '../../dialogs/safety/riskLexicon.js';

// The rule layers (phrases and concepts) alone: the trained model has tests of its own.
const screenRules = (text: string, lexicon: RiskLexicon) => screenMessage(text, lexicon, { model: null });
const screen = (text: string) => screenRules(text, defaultRiskLexicon);

describe('screenMessage', () => {
  it('finds nothing in an empty message, an emoji or a check-in answer', () => {
    for (const text of ['', '   ', '👍', '3', 'hardly ever', 'STOP']) expect(screen(text), text).to.equal(null);
  });

  it('gives the highest tier with every category at that tier, and keeps the lower ones for the audit', () => {
    const finding = screen("I've been self harming and last night I took an overdose. He hits me and there's no food in");
    expect(finding).to.include({ tier: 'urgent', negated: false });
    expect(finding!.categories).to.have.members(['self-harm', 'overdose']);
    expect(finding!.matched).to.include('self harming');
    expect(finding!.matches.map((m) => `${m.tier}/${m.category}`)).to.include.members(['same-day/violence', 'routine/no-food-or-heating']);
  });

  it('reads case, punctuation, repeated letters, misspellings and text-speak', () => {
    for (const text of ['KILLLL MYSELF!!!', 'i want 2 die', 'sucidal', 'kms', 'evry1 wud b beta off w/o me', 'k1ll myself', 'want2die']) {
      expect(screen(text)?.tier, text).to.equal('urgent');
    }
  });

  it('drops a denied statement to routine, keeping its category, and a denied routine matter to nothing', () => {
    expect(screen("I'm not suicidal")).to.deep.include({ tier: 'routine', categories: ['suicide'], negated: true });
    expect(screen('I would never hurt myself')).to.deep.include({ tier: 'routine', categories: ['self-harm'] });
    expect(screen("he doesn't hit me any more")).to.deep.include({ tier: 'routine' });
    expect(screen("We're not being evicted after all")).to.equal(null);
  });

  it('does not take doubt, effort or inability for denial', () => {
    for (const text of [
      "I can't promise I won't hurt myself",
      'I try not to think about killing myself',
      "I can't even kill myself properly",
      "I've never felt so suicidal",
      'I never wanted to die until now',
      'No, I want to die',
    ]) {
      expect(screen(text)?.tier, text).to.equal('urgent');
    }
  });

  it("reads someone else's risk as theirs: same-day when current, routine when a death is told of", () => {
    expect(screen('My son is suicidal')).to.deep.include({ tier: 'same-day', categories: ['others-at-risk'] });
    expect(screen('My neighbour took an overdose')).to.deep.include({ tier: 'same-day', categories: ['others-at-risk'] });
    expect(screen("My friend's husband killed himself last year")).to.deep.include({ tier: 'routine', categories: ['bereaved-by-suicide'] });
  });

  it('lets a figure of speech drop what it covers, but never an explicit statement', () => {
    expect(screen('I cut myself shaving')).to.equal(null);
    expect(screen('I cut myself again last night')?.tier).to.equal('urgent');
    expect(screen('I nearly killed myself laughing')?.tier).to.equal('urgent');
  });

  it('does not let a figure of speech reach across a full stop', () => {
    expect(screen("I can't go on the trip")).to.equal(null);
    expect(screen("I can't go on. The trip was lovely though")?.tier).to.equal('urgent');
  });
});

describe('riskLexiconExtensionSchema and extendLexicon', () => {
  const parse = (data: unknown) => riskLexiconExtensionSchema.safeParse(data);
  const messages = (data: unknown) => parse(data).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('defaults to adding nothing', () => {
    expect(parse({}).data).to.deep.equal({ phrases: [], figuresOfSpeech: [], spellings: {} });
    expect(parse(undefined).success).to.equal(false);
  });

  it('lists every problem with its shape by path: tier, category, empty phrase, bad spelling key, unknown key', () => {
    const problems = messages({
      phrases: [
        { phrase: 'neck myself', tier: 'soon', category: 'suicide' },
        { phrase: 'neck myself', tier: 'urgent', category: 'Suicide!' },
        { phrase: '', tier: 'urgent', category: 'suicide' },
      ],
      spellings: { 'Big Word': 'x' },
      extra: true,
    });
    for (const path of ['phrases.0.tier', 'phrases.1.category', 'phrases.2.phrase', 'spellings.Big Word']) {
      expect(
        problems.some((p) => p.startsWith(`${path}:`)),
        path,
      ).to.equal(true);
    }
    expect(problems.some((p) => p.includes('extra'))).to.equal(true);
  });

  it('then every problem with its patterns: syntax, phrases that match too much, one-word figures, re-spelt built-in words', () => {
    expect(
      messages({
        phrases: [
          { phrase: '(neck|top myself', tier: 'urgent', category: 'suicide' },
          { phrase: 'i (want|am)', tier: 'routine', category: 'hopelessness' },
        ],
        figuresOfSpeech: ['dying'],
        spellings: { myself: 'me' },
      }),
    ).to.have.members([
      'phrases.0.phrase: "(neck|top myself": a "(" is not closed',
      'phrases.1.phrase: "i want" would match too many messages: add a word that carries the risk',
      'figuresOfSpeech.0: "dying": a figure of speech needs at least two words',
      'spellings.myself: "myself" is a word the built-in lexicon already reads: it cannot be re-spelt',
    ]);
  });

  it("adds a programme's phrases, spellings and figures of speech, leaving the built-in lexicon as it was", () => {
    const extension = riskLexiconExtensionSchema.parse({
      phrases: [
        { phrase: '(neck|necking) myself', tier: 'urgent', category: 'suicide' },
        { phrase: 'on the alcohol (every day|all day)', tier: 'routine', category: 'heavy-drinking' },
        { phrase: 'lost the plot', tier: 'routine', category: 'cant-cope' },
      ],
      spellings: { grog: 'alcohol' },
      figuresOfSpeech: ['lost the plot (of|in) (the|this|that) (film|book|programme)'],
    });
    const lexicon = extendLexicon(defaultRiskLexicon, extension);
    expect(screenRules("I'm going to neck myself", lexicon)).to.deep.include({ tier: 'urgent', categories: ['suicide'] });
    expect(screenRules('on the grog all day', lexicon)).to.deep.include({ tier: 'routine', categories: ['heavy-drinking'] });
    expect(screenRules("I've lost the plot", lexicon)?.tier).to.equal('routine');
    expect(screenRules('I lost the plot of the film', lexicon)).to.equal(null);
    expect(screenRules("I'm going to neck myself", defaultRiskLexicon)).to.equal(null);
  });

  it("never lets a programme's figure of speech silence an explicit statement", () => {
    const lexicon = extendLexicon(
      defaultRiskLexicon,
      riskLexiconExtensionSchema.parse({ figuresOfSpeech: ['want to kill myself', 'took an overdose of (sun|chocolate)'] }),
    );
    expect(screenRules('I want to kill myself', lexicon)?.tier).to.equal('urgent');
    expect(screenRules('I took an overdose of chocolate', lexicon)?.tier).to.equal('urgent');
  });

  it('refuses, listing every problem, an extension that skipped the schema', () => {
    const bad = { phrases: [{ phrase: '(oops', tier: 'urgent' as const, category: 'suicide' }], figuresOfSpeech: [], spellings: {} };
    expect(() => extendLexicon(defaultRiskLexicon, bad)).to.throw(RiskLexiconError, 'phrases.0.phrase: "(oops": a "(" is not closed');
  });
});

describe('expandPattern', () => {
  const words = (word: string) => [word];

  it('spells out alternatives, optional words and brackets', () => {
    expect(expandPattern('(want|wish) to die now?', words).map((f) => f.join(' '))).to.have.members([
      'want to die now',
      'want to die',
      'wish to die now',
      'wish to die',
    ]);
    expect(expandPattern('(going to|gonna)? (kill myself|end it)', words)).to.have.length(6);
  });

  it('refuses a pattern that cannot be used, saying why', () => {
    const cases: Array<[string, string]> = [
      ['(a|b', 'a "(" is not closed'],
      ['a|b', '"|" is only allowed inside brackets'],
      ['a)', 'an unopened ")"'],
      ['? a', '"?" must follow a word or a bracket'],
      ['* die', 'cannot start with "*"'],
      ['die *', 'cannot end with "*"'],
      ['(a)?', 'can match without any word'],
      [Array.from({ length: 7 }, () => '(a|b|c|d|e)').join(' '), 'has more than 5000 forms'],
    ];
    for (const [pattern, message] of cases) expect(() => expandPattern(pattern, words), pattern).to.throw(PhrasePatternError, message);
  });
});
