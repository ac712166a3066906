// `npm run eval:groups`: the group reply corpus through interpretNudgeReply, interpretWentReply,
// interpretFitReply and saysNotGoingBack, with accuracy per function, every miss, and the time per
// reply. Exits 1 if any reply that is not a yes is read as going or went (the worst miss: "enjoy
// it!" to someone who has just said what is in the way). It lives with the tests because it reads
// the test corpus, and nothing in bot/ or dialogs/ may import from test/.
import { performance } from 'node:perf_hooks';
import { groupReplyCorpus, type GroupQuestion } from '../groups/groupReplyCorpus.js';
import { groupReplyMisses, heard, isFalseYes } from '../groups/groupReplyCorpusRun.js';

const QUESTIONS: ReadonlyArray<[GroupQuestion, string]> = [
  ['nudge', 'interpretNudgeReply'],
  ['went', 'interpretWentReply'],
  ['fit', 'interpretFitReply'],
  ['not-going-back', 'saysNotGoingBack'],
];
const ROUNDS = 50;

/** Milliseconds per reply: the first pass over the corpus, then the mean over many more. */
function measureSpeed() {
  const runAll = () => {
    for (const e of groupReplyCorpus) heard(e.question, e.reply);
  };
  let start = performance.now();
  runAll();
  const first = (performance.now() - start) / groupReplyCorpus.length;
  start = performance.now();
  for (let round = 0; round < ROUNDS; round++) runAll();
  const warm = (performance.now() - start) / (ROUNDS * groupReplyCorpus.length);
  return { first, warm };
}

const speed = measureSpeed();
const misses = groupReplyMisses();
const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const widths = [24, 9, 9, 10];
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');

console.log(`Group reply corpus: ${groupReplyCorpus.length} labelled replies\n`);
console.log(line(['function', 'replies', 'right', 'accuracy']));
for (const [question, name] of QUESTIONS) {
  const replies = groupReplyCorpus.filter((e) => e.question === question).length;
  const right = replies - misses.filter((m) => m.question === question).length;
  console.log(line([name, String(replies), String(right), percent(right, replies)]));
}
console.log('-'.repeat(widths.reduce((a, b) => a + b, 0)));
console.log(
  line([
    'all',
    String(groupReplyCorpus.length),
    String(groupReplyCorpus.length - misses.length),
    percent(groupReplyCorpus.length - misses.length, groupReplyCorpus.length),
  ]),
);

const falseYes = misses.filter(isFalseYes);
console.log(`\nRead as going or went when they are not: ${falseYes.length}`);
console.log(`Other misses: ${misses.length - falseYes.length}`);
for (const m of [...falseYes, ...misses.filter((x) => !isFalseYes(x))]) {
  const kind = isFalseYes(m) ? 'FALSE YES' : 'miss';
  console.log(`  ${kind.padEnd(10)} ${m.question.padEnd(15)} ${JSON.stringify(m.reply)}: expected ${m.expected}, got ${m.got}`);
}

console.log(
  `\nSpeed over ${groupReplyCorpus.length} replies: ${speed.first.toFixed(3)} ms per reply on the first pass, ${speed.warm.toFixed(3)} ms over ${ROUNDS} more.`,
);

process.exitCode = falseYes.length > 0 ? 1 : 0;
