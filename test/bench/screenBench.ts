import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultRiskLexicon, screenMessage } from '../../dialogs/safety/screenMessage.js';
import { riskCorpus } from '../dialogs/riskCorpus.js';
import { fixed, formatTable, percentile, verdict } from './benchReport.js';

/** Issue 16: p99 per message under 2 ms for a 160-character text and under 10 ms for 1,600 characters. */
export const SCREEN_TARGETS = { short: { chars: 160, p99Ms: 2 }, long: { chars: 1600, p99Ms: 10 } };
const ROUNDS = 5;

/** Texts of exactly `chars` characters, each made of corpus messages run together (so every layer has work). */
function textsOf(chars: number, count: number): string[] {
  const texts: string[] = [];
  for (let i = 0; texts.length < count; i++) {
    let text = '';
    for (let j = i; text.length < chars; j += 7) text += `${riskCorpus[j % riskCorpus.length]!.text}. `;
    texts.push(text.slice(0, chars));
  }
  return texts;
}

/** Milliseconds per message through all three layers (the first call, which builds the lexicon, not counted). */
export function runScreenBench() {
  screenMessage('warm up', defaultRiskLexicon);
  const measure = (texts: string[]) => {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of texts) {
        const started = performance.now();
        screenMessage(text, defaultRiskLexicon);
        times.push(performance.now() - started);
      }
    }
    return times;
  };
  const hostile = HOSTILE.map(([name, text]) => {
    const started = performance.now();
    screenMessage(text, defaultRiskLexicon);
    return [name, `${(text.length / 1024).toFixed(0)} KB`, fixed(performance.now() - started, 0)];
  });
  return {
    short: measure(textsOf(SCREEN_TARGETS.short.chars, 600)),
    long: measure(textsOf(SCREEN_TARGETS.long.chars, 200)),
    hostile,
    loadAverage: loadavg()[0]!,
  };
}

// Texts a hostile web chat client might send (bodies up to 256 KB): the screen's work must grow with length only.
const HOSTILE: ReadonlyArray<[string, string]> = [
  ['one concept repeated out of reach of the next', `${'my took '.repeat(12_500)}and then all the tablets`],
  ['a risk phrase repeated', 'I want to die tonight because '.repeat(8_500)],
  ['punctuation only', '.!?'.repeat(33_000)],
  ['one word, no spaces', 'a'.repeat(100_000)],
];

/** The screening rows of the bench report. */
export function screenReport(result: ReturnType<typeof runScreenBench>): { lines: string[]; checks: string[][] } {
  const rows = (['short', 'long'] as const).map((size) => {
    const t = result[size];
    return [`${SCREEN_TARGETS[size].chars} chars`, String(t.length), fixed(percentile(t, 50), 3), fixed(percentile(t, 99), 3), fixed(Math.max(...t), 2)];
  });
  const checks = (['short', 'long'] as const).map((size) => {
    const p99 = percentile(result[size], 99);
    return [
      `screen p99, ${SCREEN_TARGETS[size].chars} chars`,
      `${fixed(p99, 3)} ms`,
      `< ${SCREEN_TARGETS[size].p99Ms} ms`,
      verdict(p99 < SCREEN_TARGETS[size].p99Ms),
    ];
  });
  return {
    lines: [
      `Risk screen, all three layers (load average ${fixed(result.loadAverage, 2)}):`,
      formatTable(['text', 'messages', 'p50 ms', 'p99 ms', 'max ms'], rows),
      'Hostile texts, one each:',
      formatTable(['text', 'size', 'ms'], result.hostile),
    ],
    checks,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = screenReport(runScreenBench());
  console.log([...report.lines, formatTable(['target', 'measured', 'target', ''], report.checks)].join('\n'));
}
