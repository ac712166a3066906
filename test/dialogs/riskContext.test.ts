import { expect } from 'chai';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { screenMessage } from '../../dialogs/safety/screenMessage.js';

// The rule layers alone (the model has tests of its own): context must never be what saves a statement.
const rules = (text: string) => screenMessage(text, defaultRiskLexicon, { model: null })?.tier ?? null;

describe('screenMessage: context that is not about the client', () => {
  const lowered: Array<[string, string]> = [
    ['I watched a programme about suicide prevention', 'a television programme'],
    ['did a suicide awareness walk on sunday with the group', 'an awareness walk'],
    ['our book club read a novel about a man who killed himself', 'a book'],
    ['the course today was on self harm in young people', 'a course'],
    ['raising money for the samaritans, suicide is the biggest killer of men under 50', 'a fundraiser'],
  ];
  for (const [text, what] of lowered) {
    it(`flags, never ignores, suicide or self-harm in ${what}: ${JSON.stringify(text)}`, () => {
      expect(rules(text)).to.equal('routine');
    });
  }

  const firstPerson = [
    'I want to kill myself after watching that film',
    'I rang samaritans but I still want to kill myself',
    'After the news today I want to end it all',
    'I took all my tablets after the news',
    "I'm going to kill myself before my class tomorrow",
    "Going to the memorial then I'll jump off the bridge",
    'Cut my arms again after watching the news',
    'The film was about suicide and honestly I want to die too',
  ];
  for (const text of firstPerson) {
    it(`keeps a statement about the client urgent beside a film, a course or the news: ${JSON.stringify(text)}`, () => {
      expect(rules(text)).to.equal('urgent');
    });
  }
});

describe('screenMessage: threats said in jest', () => {
  it('takes a threat to someone else with "lol" or a laughing emoji as a flag at most', () => {
    expect(rules('im gonna kill my brother lol he ate my chips')).to.equal('routine');
    expect(rules("I'll kill him \u{1F602} he's eaten all the biscuits")).to.equal('routine');
  });

  it('never lowers "not joking", "no kidding" or "kidding aside"', () => {
    expect(rules("I'm going to kill him, I'm not joking")).to.equal('same-day');
    expect(rules("I'm not kidding I will stab him")).to.equal('same-day');
  });

  it('never lowers a threat to the client, whatever laughs beside it', () => {
    expect(rules("He's been hitting me again haha")).to.equal('same-day');
    expect(rules("He threatened to kill me. Kidding aside I'm scared")).to.equal('same-day');
  });
});

describe('screenMessage: long texts', () => {
  const ordinary = 'We went to the lunch club and the soup was nice, then the bus home was late again. ';

  it('finds a risk said once in the middle of a 58,000-character web chat message', () => {
    const text = `${ordinary.repeat(350)}I have been saving my tablets up and tonight is the night. ${ordinary.repeat(350)}`;
    expect(text.length).to.be.greaterThan(55_000);
    expect(screenMessage(text, defaultRiskLexicon)?.tier).to.equal('urgent');
    expect(screenMessage(ordinary.repeat(700), defaultRiskLexicon)).to.equal(null);
  });

  it('raises a same-day alert, unread, for a text longer than the screen reads, rather than passing it as safe', () => {
    const finding = screenMessage(ordinary.repeat(2000), defaultRiskLexicon);
    expect(finding).to.deep.include({ tier: 'same-day', categories: ['too-long-to-screen'] });
  });
});
