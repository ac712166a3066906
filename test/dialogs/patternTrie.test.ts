import { expect } from 'chai';
import { expandPattern } from '../../dialogs/safety/phrasePattern.js';
import { PatternTrie } from '../../dialogs/safety/patternTrie.js';

const words = (text: string) => text.split(' ');

/** The trie of expanded phrase patterns: sharing identical endings once sealed changes no match. */
describe('PatternTrie', () => {
  const patterns: Array<[string, string]> = [
    ['(he|she|my son|my daughter) (took|takes|stole) my (money|pension|bank card)', 'financial'],
    ['(took|taken) (all|most) my (tablets|pills)', 'overdose'],
    ['my (money|pension) is gone', 'gone'],
    ['i (want|wanted) to die', 'die'],
  ];
  const messages = [
    'he took my pension again',
    'my daughter stole my bank card and my money',
    'i have taken all my tablets',
    'my pension is gone and she took my money',
    'i wanted to die, he takes my money',
    'nothing to see here',
  ];

  function build(seal: boolean): PatternTrie<string> {
    const trie = new PatternTrie<string>();
    for (const [pattern, value] of patterns) for (const form of expandPattern(pattern, words)) trie.add(form, value);
    if (seal) trie.seal();
    return trie;
  }

  it('finds exactly the same matches once its endings are shared', () => {
    const open = build(false);
    const sealed = build(true);
    for (const message of messages) expect(sealed.matches(words(message)), message).to.deep.equal(open.matches(words(message)));
    expect(sealed.matches(words('my daughter stole my bank card and my money')).map((m) => [m.start, m.end, m.value])).to.deep.equal([[0, 6, 'financial']]);
  });

  it('refuses a form added after it is sealed', () => {
    expect(() => build(true).add(['more'], 'late')).to.throw(/after seal/);
  });
});
