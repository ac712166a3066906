// `npm run train:risk`: trains the risk classifier (the screen's third layer) from the training
// corpus in dialogs/safety/training/*.jsonl, chooses each head's threshold by 5-fold
// cross-validation, prints the held-out figures and writes dialogs/safety/classifier/riskModel.json.
// Deterministic: the same corpus gives the same file. The evaluation corpora are never read here.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { HEAD_TIERS, HEADS, storeRiskModel } from '../../dialogs/safety/classifier/riskModel.js';
import { chooseThresholds, crossValidatedScores, trainRiskModel, type TrainingMessage } from '../../dialogs/safety/classifier/trainRiskModel.js';
import { readTrainingCorpus } from './riskTrainingCorpus.js';

const MODEL = new URL('../../dialogs/safety/classifier/riskModel.json', import.meta.url);
/** Share of held-out messages labelled none that each head may raise (see chooseThresholds). */
const FALSE_ALARMS = { flag: 0.05, sameDay: 0.01, urgent: 0.01 };
const FOLDS = 5;

const { messages, sha256 } = readTrainingCorpus();
const count = (label: TrainingMessage['label']) => messages.filter((m) => m.label === label).length;
console.log(
  `Training corpus: ${messages.length} messages (urgent ${count('urgent')}, same-day ${count('same-day')}, routine ${count('routine')}, none ${count(null)})`,
);

const started = performance.now();
const scores = crossValidatedScores(messages, FOLDS);
const thresholds = chooseThresholds(messages, scores, FALSE_ALARMS);
console.log(
  `\n${FOLDS}-fold cross-validation (${((performance.now() - started) / 1000).toFixed(1)} s); thresholds set for held-out false alarms on none ${JSON.stringify(FALSE_ALARMS)}:`,
);
for (const head of HEADS) {
  const yes = scores.filter((_, i) => HEAD_TIERS[head].includes(messages[i]!.label));
  const no = scores.filter((_, i) => !HEAD_TIERS[head].includes(messages[i]!.label));
  const caught = yes.filter((s) => s[head] >= thresholds[head]).length;
  const alarms = no.filter((s) => s[head] >= thresholds[head]).length;
  console.log(
    `  ${head.padEnd(8)} threshold ${thresholds[head].toFixed(3)}  recall ${caught}/${yes.length} (${((100 * caught) / yes.length).toFixed(1)}%)  false yes ${alarms}/${no.length} (${((100 * alarms) / no.length).toFixed(1)}%)`,
  );
}
const none = scores.filter((_, i) => messages[i]!.label === null);
const alerted = none.filter((s) => s.urgent >= thresholds.urgent || s.sameDay >= thresholds.sameDay).length;
console.log(`  urgent or same-day on messages labelled none: ${alerted}/${none.length} (${((100 * alerted) / none.length).toFixed(1)}%)`);

const model = { ...trainRiskModel(messages), thresholds };
const stored = storeRiskModel(model, { messages: messages.length, sha256 });
writeFileSync(MODEL, `${JSON.stringify(stored)}\n`);
console.log(`\nWrote ${MODEL.pathname} (${(JSON.stringify(stored).length / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
