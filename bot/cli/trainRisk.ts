// `npm run train:risk`: trains the risk classifier (the screen's third layer) from the training
// corpus in dialogs/safety/training/*.jsonl, chooses each head's threshold by 5-fold
// cross-validation, prints the held-out figures and writes dialogs/safety/classifier/riskModel.json.
// Deterministic: the same corpus gives the same file. The evaluation corpora are never read here.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { HEAD_TIERS, HEADS, storeRiskModel } from '../../dialogs/safety/classifier/riskModel.js';
import { chooseThresholds, crossValidatedScores, trainRiskModel, type TrainingMessage } from '../../dialogs/safety/classifier/trainRiskModel.js';

const TRAINING = new URL('../../dialogs/safety/training/', import.meta.url);
const MODEL = new URL('../../dialogs/safety/classifier/riskModel.json', import.meta.url);
/** Share of held-out messages labelled none that each head may raise (see chooseThresholds). */
const FALSE_ALARMS = { flag: 0.05, sameDay: 0.01, urgent: 0.01 };
const FOLDS = 5;

const line = z.object({ text: z.string().min(1).max(4000), label: z.enum(['urgent', 'same-day', 'routine']).nullable() });

function readCorpus(): { messages: TrainingMessage[]; sha256: string } {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const messages: TrainingMessage[] = [];
  const files = readdirSync(TRAINING).filter((f) => f.endsWith('.jsonl')).sort();
  for (const file of files) {
    const text = readFileSync(new URL(file, TRAINING), 'utf8');
    hash.update(text);
    text.split('\n').forEach((raw, i) => {
      if (!raw.trim()) return;
      const parsed = line.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const key = parsed.data.text.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(key)) return;
      seen.add(key);
      messages.push(parsed.data);
    });
  }
  return { messages, sha256: hash.digest('hex') };
}

const { messages, sha256 } = readCorpus();
const count = (label: TrainingMessage['label']) => messages.filter((m) => m.label === label).length;
console.log(`Training corpus: ${messages.length} messages (urgent ${count('urgent')}, same-day ${count('same-day')}, routine ${count('routine')}, none ${count(null)})`);

const started = Date.now();
const scores = crossValidatedScores(messages, FOLDS);
const thresholds = chooseThresholds(messages, scores, FALSE_ALARMS);
console.log(`\n${FOLDS}-fold cross-validation (${((Date.now() - started) / 1000).toFixed(1)} s); thresholds set for held-out false alarms on none ${JSON.stringify(FALSE_ALARMS)}:`);
for (const head of HEADS) {
  const yes = scores.filter((_, i) => HEAD_TIERS[head].includes(messages[i]!.label));
  const no = scores.filter((_, i) => !HEAD_TIERS[head].includes(messages[i]!.label));
  const caught = yes.filter((s) => s[head] >= thresholds[head]).length;
  const alarms = no.filter((s) => s[head] >= thresholds[head]).length;
  console.log(`  ${head.padEnd(8)} threshold ${thresholds[head].toFixed(3)}  recall ${caught}/${yes.length} (${((100 * caught) / yes.length).toFixed(1)}%)  false yes ${alarms}/${no.length} (${((100 * alarms) / no.length).toFixed(1)}%)`);
}
const none = scores.filter((_, i) => messages[i]!.label === null);
const alerted = none.filter((s) => s.urgent >= thresholds.urgent || s.sameDay >= thresholds.sameDay).length;
console.log(`  urgent or same-day on messages labelled none: ${alerted}/${none.length} (${((100 * alerted) / none.length).toFixed(1)}%)`);

const model = { ...trainRiskModel(messages), thresholds };
const stored = storeRiskModel(model, { messages: messages.length, sha256 });
writeFileSync(MODEL, `${JSON.stringify(stored)}\n`);
console.log(`\nWrote ${MODEL.pathname} (${(JSON.stringify(stored).length / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
