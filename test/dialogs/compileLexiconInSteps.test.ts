import { expect } from 'chai';
import { readTrainingCorpus } from '../../bot/cli/riskTrainingCorpus.js';
import { CompiledLexicon, compileLexicon, compileLexiconInSteps } from '../../dialogs/safety/compileLexicon.js';
import { defaultRiskLexicon } from '../../dialogs/safety/screenMessage.js';

describe('compileLexiconInSteps', () => {
  it('pauses between short steps and builds a lexicon that finds exactly what the one built at once finds', async () => {
    // Copies: a lexicon object not built before in this process.
    const atOnce = new CompiledLexicon({ ...defaultRiskLexicon });
    let pauses = 0;
    const stepped = await compileLexiconInSteps({ ...defaultRiskLexicon }, async () => {
      pauses += 1;
    });
    expect(pauses).to.be.greaterThan(10);
    const { messages } = readTrainingCorpus();
    expect(messages.length).to.be.greaterThan(5000);
    let found = 0;
    for (const { text } of messages) {
      const words = atOnce.words(text);
      expect(stepped.words(text), text).to.deep.equal(words);
      const matches = atOnce.matches(words);
      expect(stepped.matches(words), text).to.deep.equal(matches);
      found += matches.length;
    }
    expect(found).to.be.greaterThan(1000);
  });

  it('gives back the lexicon built meanwhile at once (a message that could not wait), and keeps one', async () => {
    const lexicon = { ...defaultRiskLexicon };
    let built: CompiledLexicon | undefined;
    const stepped = await compileLexiconInSteps(lexicon, async () => {
      built ??= compileLexicon(lexicon);
    });
    expect(stepped).to.equal(built);
    expect(compileLexicon(lexicon)).to.equal(built);
  });
});
