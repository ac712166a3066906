// `npm run eval:answers`: the answer corpus through interpretReply by SMS and in web chat, with
// accuracy per instrument, every miss, and the time per reply. Exits 1 if any reply is coded to a
// value other than the one expected (a wrong code is worse than a re-ask). It lives with the tests
// because it reads the test corpus, and nothing in bot/ may import from test/.
import { performance } from 'node:perf_hooks';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { answerCorpus, type Expected } from '../dialogs/answerCorpus.js';
import { blindAnswerCorpus, blindFiles } from './blindCorpora.js';
import { blindAnswerFigures, printColumns, share } from './blindEval.js';
import { isWrongCode, replyBy, resolveCorpus, understand, type Channel, type RunnableEntry } from '../dialogs/answerCorpusRun.js';

const CHANNELS: Channel[] = ['sms', 'webchat typed', 'webchat button'];
const WARM_ROUNDS = 20;

interface Miss {
  channel: Channel;
  where: string;
  reply: string;
  expected: Expected;
  got: Expected;
}

/**
 * Milliseconds per reply, measured before anything else runs: the first reply (which loads the
 * recognizer's models), each distinct reply the first time it is seen, and seen again (its numbers
 * remembered, as in a running bot).
 */
function measureSpeed(entries: readonly RunnableEntry[]) {
  const time = (run: () => void) => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
  const runAll = () => {
    for (const { item, reply } of entries) interpretReply(item, { text: reply });
  };
  const [firstEntry] = entries;
  const first = firstEntry ? time(() => interpretReply(firstEntry.item, { text: 'about seventy-one and a half' })) : 0;
  const fresh = time(runAll) / entries.length;
  const seen =
    time(() => {
      for (let round = 0; round < WARM_ROUNDS; round++) runAll();
    }) /
    (WARM_ROUNDS * entries.length);
  return { first, fresh, seen };
}

const { runnable, missing } = resolveCorpus(answerCorpus, builtinInstruments);
const speed = measureSpeed(runnable);

const tally = new Map<string, { replies: number; right: number }>();
const misses: Miss[] = [];
for (const entry of runnable) {
  const where = `${entry.instrumentId}/${entry.itemId}`;
  let right = true;
  for (const channel of CHANNELS) {
    const reply = replyBy(channel, entry);
    if (!reply) continue;
    const got = understand(entry.item, reply);
    if (got !== entry.expected) {
      right = false;
      misses.push({ channel, where, reply: entry.reply, expected: entry.expected, got });
    }
  }
  const counts = tally.get(entry.instrumentId) ?? { replies: 0, right: 0 };
  counts.replies += 1;
  if (right) counts.right += 1;
  tally.set(entry.instrumentId, counts);
}

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const widths = [28, 9, 9, 10];
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');
const right = [...tally.values()].reduce((sum, t) => sum + t.right, 0);

console.log(`Answer corpus: ${answerCorpus.length} replies, each by SMS, typed in web chat, and (for answers) its web chat button\n`);
console.log(line(['instrument', 'replies', 'right', 'accuracy']));
for (const [id, counts] of tally) console.log(line([id, String(counts.replies), String(counts.right), percent(counts.right, counts.replies)]));
console.log('-'.repeat(widths.reduce((a, b) => a + b, 0)));
console.log(line(['all', String(runnable.length), String(right), percent(right, runnable.length)]));
for (const [what, count] of missing) {
  console.log(`\n!! SKIPPED ${count} replies to ${what}: not in builtinInstruments, so not counted above.`);
}

const wrong = misses.filter((m) => isWrongCode(m.expected, m.got));
const others = misses.filter((m) => !isWrongCode(m.expected, m.got));
console.log(`\nWrong codes (coded to a value the client did not give): ${wrong.length}`);
console.log(`Other misses (an answer re-asked or taken as a command, or re-asked for another reason): ${others.length}`);
for (const m of [...wrong, ...others]) {
  const kind = isWrongCode(m.expected, m.got) ? 'WRONG CODE' : 'miss';
  console.log(`  ${kind.padEnd(10)} ${m.where.padEnd(32)} ${m.channel.padEnd(14)} ${JSON.stringify(m.reply)}: expected ${m.expected}, got ${m.got}`);
}

console.log(`\nSpeed over ${runnable.length} replies: the first reply ${speed.first.toFixed(0)} ms (loads the recognizer's models);`);
console.log(`  then per reply ${speed.fresh.toFixed(3)} ms the first time it is seen, ${speed.seen.toFixed(3)} ms when seen before.`);

// The blind corpora, side by side with the own corpus (figures and misses by kind only: a blind
// line is never tuned to; --show-blind-misses prints them for a reviewer).
const blindColumns: Record<string, Record<string, string>> = {
  'own corpus': { replies: String(runnable.length), understood: share(right, runnable.length), 'wrong codes': String(wrong.length), 'guesses on unclear': '-' },
};
const blindFailed: string[] = [];
for (const file of blindFiles('answers-')) {
  const f = blindAnswerFigures(blindAnswerCorpus(file));
  const name = file.replace('.jsonl', '');
  blindColumns[name] = {
    replies: String(f.replies),
    understood: share(f.understood[0], f.understood[1]),
    'wrong codes': String(f.wrongCodes),
    'guesses on unclear': share(f.guessesOnUnclear[0], f.guessesOnUnclear[1]),
  };
  if (f.understood[0] / f.understood[1] < 0.95) blindFailed.push(`${name}: understood ${percent(f.understood[0], f.understood[1])} (target 95%)`);
  if (f.wrongCodes > 0) blindFailed.push(`${name}: ${f.wrongCodes} wrong codes (target 0)`);
  if (f.guessesOnUnclear[1] > 0 && f.guessesOnUnclear[0] / f.guessesOnUnclear[1] > 0.01)
    blindFailed.push(`${name}: guesses on unclear ${percent(f.guessesOnUnclear[0], f.guessesOnUnclear[1])} (target at most 1%)`);
  const byKind = (counts: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  blindColumns[name]!['misses by kind'] = `${byKind(f.missesByKind)}; of them coded though unclear: ${byKind(f.guessesByKind)}`;
  if (process.argv.includes('--show-blind-misses'))
    for (const m of f.misses)
      console.log(`  [${name} ${m.kind}] ${m.instrumentId}/${m.itemId} ${JSON.stringify(m.reply)}: expected ${m.expected}, got ${m.got}`);
}
console.log('\nBlind corpora (test/eval/blind/answers-*.jsonl, written by people who never saw the vocabulary):\n');
const kinds = Object.entries(blindColumns).map(([name, c]) => [name, c['misses by kind']] as const);
for (const c of Object.values(blindColumns)) delete c['misses by kind'];
printColumns(blindColumns);
for (const [name, k] of kinds) if (k) console.log(`${name} misses by kind: ${k}`);
if (blindFailed.length > 0) console.log(`\nBLIND TARGETS MISSED:\n  ${blindFailed.join('\n  ')}`);

process.exitCode = wrong.length > 0 || blindFailed.length > 0 ? 1 : 0;
