// The whole screen (phrases, concepts and the model) held out on the training corpus: each message
// screened with a model trained on the other four fifths, at the built-in model's thresholds. The
// training corpus's negatives are written to look like risk, so this is the harder test; it is the
// one used to choose between designs, the blind corpora never are.
import { readTrainingCorpus } from '../../bot/cli/riskTrainingCorpus.js';
import { builtInRiskModel } from '../../dialogs/safety/classifier/builtInRiskModel.js';
import { heldOut } from '../../dialogs/safety/classifier/trainRiskModel.js';
import { TIER_RANK } from '../../dialogs/safety/riskLexicon.js';
import { defaultRiskLexicon, screenMessage } from '../../dialogs/safety/screenMessage.js';
import { share } from './blindEval.js';

const FOLDS = 5;

/** Recall per tier (the label's tier or sooner), alerts and flags on messages labelled none. */
export function heldOutScreen(): Record<string, string> {
  const { messages } = readTrainingCorpus();
  const thresholds = builtInRiskModel().thresholds;
  const got = heldOut(messages, FOLDS, (model, message) => screenMessage(message.text, defaultRiskLexicon, { model: { ...model, thresholds } })?.tier ?? null);
  const rows: Record<string, string> = { messages: String(messages.length) };
  for (const [tier, name] of [
    ['urgent', 'urgent recall'],
    ['same-day', 'same-day or sooner'],
    ['routine', 'flag or sooner'],
  ] as const) {
    const labelled = messages.map((m, i) => [m.label, got[i]] as const).filter(([label]) => label === tier);
    rows[name] = share(labelled.filter(([, g]) => g !== null && g !== undefined && TIER_RANK[g] >= TIER_RANK[tier]).length, labelled.length);
  }
  const none = got.filter((_, i) => messages[i]!.label === null);
  rows['alerts on ordinary'] = share(none.filter((g) => g === 'urgent' || g === 'same-day').length, none.length);
  rows['flags on ordinary'] = `${none.filter((g) => g === 'routine').length}/${none.length}`;
  return rows;
}
