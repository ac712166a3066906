import { expect } from 'chai';
import { readTrainingCorpus } from '../../bot/cli/riskTrainingCorpus.js';
import stored from '../../dialogs/safety/classifier/riskModel.json' with { type: 'json' };
import { builtInRiskModel } from '../../dialogs/safety/classifier/builtInRiskModel.js';
import { classifyRisk, loadRiskModel, scoreRisk, storeRiskModel, type StoredRiskModel } from '../../dialogs/safety/classifier/riskModel.js';
import { trainRiskModel, type TrainingMessage } from '../../dialogs/safety/classifier/trainRiskModel.js';

describe('the trained risk model', () => {
  const corpus = readTrainingCorpus();

  it('was trained on the training corpus as it is now (run npm run train:risk after changing it)', () => {
    const model = stored as StoredRiskModel;
    expect(model.trainedOn).to.deep.equal({ messages: corpus.messages.length, sha256: corpus.sha256 });
    expect(corpus.messages.length).to.be.at.least(5000);
  });

  it('trains the same weights twice from the same messages (npm run train:risk is deterministic)', () => {
    const sample: TrainingMessage[] = corpus.messages.filter((_, i) => i % 20 === 0);
    const options = { epochs: 2, l2: 1e-6, learningRate: 0.5, seed: 7 };
    const a = storeRiskModel(trainRiskModel(sample, options), { messages: sample.length, sha256: 'x' });
    const b = storeRiskModel(trainRiskModel(sample, options), { messages: sample.length, sha256: 'x' });
    expect(a).to.deep.equal(b);
  });

  it('scores the same after being stored and loaded, and no head is surer than the ones that contain it', () => {
    const model = builtInRiskModel();
    const again = loadRiskModel(storeRiskModel(model, (stored as StoredRiskModel).trainedOn));
    for (const text of [
      "I've saved up all my tablets and tonight's the night",
      'lovely walk with the group, see you thursday',
      'no money for the meter and the kids are cold',
    ]) {
      const scores = scoreRisk(model, text);
      expect(scoreRisk(again, text), text).to.deep.equal(scores);
      expect(scores.urgent).to.be.at.most(scores.sameDay);
      expect(scores.sameDay).to.be.at.most(scores.flag);
    }
  });

  it('raises urgent for a plan said without an act, and nothing for an ordinary message', () => {
    const model = builtInRiskModel();
    expect(classifyRisk(model, "I've saved up all my tablets and tonight's the night").tier).to.equal('urgent');
    expect(classifyRisk(model, 'lovely walk with the group, see you thursday').tier).to.equal(null);
  });

  it('refuses a stored model made for another feature space, saying how to fix it', () => {
    expect(() => loadRiskModel({ ...(stored as StoredRiskModel), featureBits: 12 })).to.throw(/npm run train:risk/);
  });
});
