// `npm run eval:risk`: the risk screen on the project's own labelled corpus and, side by side, on
// every blind corpus (test/eval/blind/risk-*.jsonl, written by people who never saw the patterns
// or the model): recall per tier (the label's tier or sooner), urgent or same-day alerts on
// messages that need nothing, disclosures inside answers; each with the rules alone and with every
// layer. Then the own corpus's misses line by line (blind misses by kind only: a blind line is never
// tuned to; --show-blind-misses prints them for a reviewer). Exits 1 if a target of issue 16 is
// missed on a blind corpus. It lives with the tests because it reads the test corpora.
import { TIER_RANK, type RiskTier } from '../../dialogs/safety/riskLexicon.js';
import { defaultRiskLexicon, screenMessage } from '../../dialogs/safety/screenMessage.js';
import { riskCorpus } from '../dialogs/riskCorpus.js';
import { blindFiles, blindRiskCorpus, type BlindRiskEntry } from './blindCorpora.js';
import { blindRiskFigures, printColumns, riskFigureRows, type RiskFigures } from './blindEval.js';
import { heldOutScreen } from './heldOutScreen.js';

const showBlind = process.argv.includes('--show-blind-misses');
const TARGETS = { urgent: 1, 'same-day': 0.95, routine: 0.9, alarms: 0.02 };

// The own corpus, in the blind corpora's shape (its groups as kinds).
const own: BlindRiskEntry[] = riskCorpus.map((e) => ({ text: e.text, label: e.label, kind: e.group, voice: 'own', inAnswerTo: null, file: 'own' }));

const columns: Record<string, Record<string, string>> = {};
const blind: Array<[string, RiskFigures]> = [];
for (const [name, entries] of [['own corpus', own] as const, ...blindFiles('risk-').map((f) => [f.replace('.jsonl', ''), blindRiskCorpus(f)] as const)]) {
  columns[`${name} (rules)`] = riskFigureRows(blindRiskFigures({ model: null }, entries));
  const all = blindRiskFigures({}, entries);
  columns[`${name} (all)`] = riskFigureRows(all);
  if (name !== 'own corpus') blind.push([name, all]);
}
console.log('Risk screen: the label\'s tier or sooner caught; "alerts on ordinary" = urgent or same-day on messages labelled none\n');
printColumns(columns);
if (!process.argv.includes('--no-held-out')) {
  console.log('\nThe whole screen held out on the training corpus (5 folds, each with a model trained on the rest):\n');
  printColumns({ 'training corpus, held out': heldOutScreen() });
}

const tierName = (t: RiskTier | null) => t ?? 'none';
const ownMisses = own
  .map((e) => ({ ...e, got: screenMessage(e.text, defaultRiskLexicon)?.tier ?? null }))
  .filter((e) => (e.label === null ? e.got === 'urgent' || e.got === 'same-day' : e.got === null || TIER_RANK[e.got] < TIER_RANK[e.label]));
console.log(`\nOwn corpus misses (${ownMisses.length}):`);
for (const m of ownMisses) console.log(`  [${m.kind}] labelled ${tierName(m.label)}, got ${tierName(m.got)}: ${JSON.stringify(m.text)}`);

const failed: string[] = [];
for (const [name, f] of blind) {
  console.log(
    `\n${name}: misses by kind: ${
      [...f.missesByKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  if (showBlind)
    for (const m of f.misses) console.log(`  [${m.kind}/${m.voice}] labelled ${tierName(m.label)}, got ${tierName(m.got)}: ${JSON.stringify(m.text)}`);
  const rate = (x: [number, number]) => (x[1] === 0 ? 1 : x[0] / x[1]);
  if (rate(f.recall.urgent) < TARGETS.urgent) failed.push(`${name}: urgent recall ${(100 * rate(f.recall.urgent)).toFixed(1)}% (target 100%)`);
  if (rate(f.recall['same-day']) < TARGETS['same-day']) failed.push(`${name}: same-day ${(100 * rate(f.recall['same-day'])).toFixed(1)}% (target 95%)`);
  if (rate(f.recall.routine) < TARGETS.routine) failed.push(`${name}: flag ${(100 * rate(f.recall.routine)).toFixed(1)}% (target 90%)`);
  if (f.alarms[1] > 0 && f.alarms[0] / f.alarms[1] > TARGETS.alarms)
    failed.push(`${name}: alerts on ordinary ${((100 * f.alarms[0]) / f.alarms[1]).toFixed(1)}% (target at most 2%)`);
}
if (failed.length > 0) {
  console.log(`\nTARGETS MISSED:\n  ${failed.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('\nTargets met on every blind corpus.');
}
