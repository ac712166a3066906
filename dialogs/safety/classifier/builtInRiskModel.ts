import stored from './riskModel.json' with { type: 'json' };
import { loadRiskModel, type RiskModel, type StoredRiskModel } from './riskModel.js';

let model: RiskModel | undefined;

/** The model trained by `npm run train:risk` from dialogs/safety/training, loaded on first use (~30 ms). */
export function builtInRiskModel(): RiskModel {
  model ??= loadRiskModel(stored as StoredRiskModel);
  return model;
}
