// `npm run eval:risk`: the labelled risk corpus through screenMessage with the built-in lexicon:
// recall per tier and per group, the urgent false-alarm rate on ordinary replies and idioms, the
// time per message, and every miss. Exits 1 if a target of issue 6 is missed: urgent recall 100%
// on explicit and misspelt statements, urgent false alarms under 2%. It lives with the tests
// because it reads the test corpus, and nothing in bot/ may import from test/.
import { performance } from 'node:perf_hooks';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { TIER_RANK, type RiskTier } from '../../dialogs/safety/riskLexicon.js';
import { screenMessage } from '../../dialogs/safety/screenMessage.js';
import { riskCorpus } from '../dialogs/riskCorpus.js';
import { FALSE_ALARM_LIMIT, MUST_CATCH, MUST_NOT_ALARM, runRiskCorpus, type RiskResult } from '../dialogs/riskCorpusRun.js';

const ROUNDS = 20;
const TIERS: RiskTier[] = ['urgent', 'same-day', 'routine'];

/** Milliseconds to build the lexicon (first message), then microseconds per message once built. */
function measureSpeed() {
  const start = performance.now();
  screenMessage('first message', defaultRiskLexicon);
  const firstMs = performance.now() - start;
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { text } of riskCorpus) {
      const t = performance.now();
      screenMessage(text, defaultRiskLexicon);
      times.push((performance.now() - t) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { firstMs, meanUs: times.reduce((a, b) => a + b, 0) / times.length, p50Us: at(0.5), p99Us: at(0.99), maxUs: times.at(-1)! };
}

const speed = measureSpeed();
const report = runRiskCorpus(riskCorpus, defaultRiskLexicon);
const { results } = report;

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');
const tierName = (tier: RiskTier | null) => tier ?? 'none';

console.log(`Risk corpus: ${results.length} messages through screenMessage (built-in lexicon)\n`);

const tierWidths = [12, 10, 10, 10, 20];
console.log('Recall per tier (labelled that tier)');
console.log(row(['tier', 'messages', 'exact', 'recall', 'this tier or above'], tierWidths));
for (const tier of TIERS) {
  const labelled = results.filter((r) => r.label === tier);
  const exact = labelled.filter((r) => r.got === tier).length;
  const atLeast = labelled.filter((r) => r.got !== null && TIER_RANK[r.got] >= TIER_RANK[tier]).length;
  console.log(row([tier, String(labelled.length), String(exact), percent(exact, labelled.length), percent(atLeast, labelled.length)], tierWidths));
}
const none = results.filter((r) => r.label === null);
const quietRight = none.filter((r) => r.got === null).length;
console.log(row(['none', String(none.length), String(quietRight), percent(quietRight, none.length), '-'], tierWidths));

const groupWidths = [12, 10, 10, 10, 16];
console.log('\nPer group (right: the tier given is the label)');
console.log(row(['group', 'messages', 'right', 'accuracy', 'urgent recall'], groupWidths));
for (const group of new Set(results.map((r) => r.group))) {
  const inGroup = results.filter((r) => r.group === group);
  const right = inGroup.filter((r) => r.got === r.label).length;
  const urgent = inGroup.filter((r) => r.label === 'urgent');
  const caught = urgent.filter((r) => r.got === 'urgent').length;
  console.log(row([group, String(inGroup.length), String(right), percent(right, inGroup.length), urgent.length ? `${caught}/${urgent.length}` : '-'], groupWidths));
}

const quiet = results.filter((r) => MUST_NOT_ALARM.includes(r.group) && r.label === null);
const anyAlert = quiet.filter((r) => r.got !== null).length;
console.log(`\nFalse alarms on ${MUST_NOT_ALARM.join(' + ')} (${report.falseAlarms.total} messages not labelled urgent):`);
console.log(`  urgent:    ${report.falseAlarms.alarms} (${percent(report.falseAlarms.alarms, report.falseAlarms.total)}; target under ${FALSE_ALARM_LIMIT * 100}%)`);
console.log(`  any alert: ${anyAlert} of ${quiet.length} labelled none (${percent(anyAlert, quiet.length)})`);
console.log(`Urgent recall on ${MUST_CATCH.join(' + ')}: ${report.mustCatch.caught}/${report.mustCatch.total} (${percent(report.mustCatch.caught, report.mustCatch.total)}; target 100%)`);
console.log(
  `\nSpeed: ${speed.firstMs.toFixed(0)} ms to build the lexicon (first message); then per message mean ${speed.meanUs.toFixed(1)} µs, ` +
    `median ${speed.p50Us.toFixed(1)} µs, p99 ${speed.p99Us.toFixed(1)} µs, max ${speed.maxUs.toFixed(0)} µs (${ROUNDS} rounds of the corpus)`,
);

const misses = results.filter((r) => r.got !== r.label);
const describe = (r: RiskResult) =>
  `  [${r.group}] labelled ${tierName(r.label)}, got ${tierName(r.got)}${r.categories.length ? ` (${r.categories.join(', ')})` : ''}: ${JSON.stringify(r.text)}` +
  (r.accepted ? `\n      on purpose: ${r.accepted.why}` : '');
const unexpected = misses.filter((r) => !r.accepted || r.accepted.tier !== r.got);
console.log(`\nMisses: ${misses.length} (${misses.length - unexpected.length} on purpose, ${unexpected.length} not)`);
for (const r of [...unexpected, ...misses.filter((m) => !unexpected.includes(m))]) console.log(describe(r));

const failed: string[] = [];
if (report.mustCatch.caught < report.mustCatch.total) failed.push(`urgent recall on ${MUST_CATCH.join(' + ')} is below 100%`);
if (report.falseAlarms.rate >= FALSE_ALARM_LIMIT) failed.push(`urgent false alarms are ${FALSE_ALARM_LIMIT * 100}% or more`);
if (failed.length > 0) {
  console.log(`\nTARGET MISSED: ${failed.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('\nTargets met.');
}
