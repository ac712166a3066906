import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { checkInInstruments, loadProgrammeFile } from '../../bot/config/programmeSchema.js';
import { benchArgs } from './benchArgs.js';
import { benchPhone, mulberry32 } from './benchHistory.js';
import { fixed, formatTable, percentile, verdict } from './benchReport.js';
import { checkInScript, echoScript } from './benchScripts.js';
import type { Utterance } from './directLineLoad.js';
import type { HttpClient } from './httpClient.js';
import { linkCopy } from './linkCopy.js';
import { ensureSeededStore } from './seedStore.js';
import { planReport, runPlanBench } from './planBench.js';
import { dispatchReport, runDispatchBench } from './dispatchBench.js';
import { runSmsScenario, smsReport, type SmsScenarioResult } from './smsBench.js';
import { runScreenBench, screenReport } from './screenBench.js';
import { ADMIN_API_TOKEN, runTurnScenario, turnRows, type ScenarioResult } from './turnScenario.js';
import { runPostgresBench } from './postgresBench.js';
import { printPostgresReport } from './postgresReport.js';

// `npm run bench`: seed 10,000 clients with a year of weekly check-ins, then time Linkwell and a
// bare echo bot on the same server and Direct Line adapter. Talks only to 127.0.0.1.
// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server. `npm run bench -- --storage postgres`
// then measures the same on PostgreSQL and prints both backends side by side (postgresBench.ts).

const SEED = { clients: 10_000, weeks: 52 };
const TARGETS = { p99Ratio: 2, startupMs: 1000, rssMb: 400 };

const { storage } = benchArgs(process.argv.slice(2));
const benchStarted = performance.now();
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The servers run compiled, as `npm start` runs them: build dist/ first so no start-up includes a build.
if (spawnSync(process.execPath, ['bot/cli/build.mjs'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
const progress = (line: string) => process.stderr.write(`${line}\n`);

// The risk screen first, while nothing else runs on the machine.
progress('Screening texts of 160 and 1,600 characters through all three risk layers…');
const screening = screenReport(runScreenBench());

progress(`Seeding ${SEED.clients} clients × ${SEED.weeks} weekly check-ins (cached under ${tmpdir()})…`);
const seed = await ensureSeededStore(SEED, programme);
const seedLine = seed.reused
  ? `Seed: reused ${seed.dataDir} (first built in ${fixed(seed.seedSeconds)} s)`
  : `Seed: built ${seed.dataDir} in ${fixed(seed.seedSeconds)} s`;
const sizeLine = `Data: ${seed.files} files, ${fixed(seed.bytes / 2 ** 20)} MB of JSON, ${fixed(seed.diskBytes / 2 ** 20)} MB on disk`;
progress(seedLine);

// Every scenario gets the same clients in the same order, each client once, spread over the 10k.
const random = mulberry32(42);
const order = [...seed.clientIds];
for (let i = order.length - 1; i > 0; i -= 1) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j]!, order[i]!];
}
const probeClient = order.pop()!;

const linkwellScript = checkInScript(checkInInstruments(programme));
const scenarios = [
  { name: 'linkwell', entry: 'bot/cli/start.ts', script: linkwellScript },
  { name: 'echo', entry: 'test/bench/echoServer.ts', script: echoScript(linkwellScript) },
];

// Texts come from the same shuffled clients, each client's phone once.
const seqOf = new Map(seed.clientIds.map((id, n) => [id, n]));
const phones = order.map((id) => benchPhone(seqOf.get(id)!));
const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

const runDir = mkdtempSync(join(tmpdir(), 'linkwell-bench-run-'));
const results: ScenarioResult[] = [];
let sms: SmsScenarioResult;
try {
  for (const scenario of scenarios) results.push(await runScenario(scenario.name, scenario.entry, scenario.script));
  sms = await runSmsScenario({ seedDir: seed.dataDir, runDir, projectRoot, progress, cpuProfDir, phones: phoneFeed(phones) });
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
progress('Planning the due work of 100,000 clients at one instant…');
const plan = planReport(runPlanBench(programme, 100_000));
// A messaging service with a pool of numbers sends tens of texts a second; the scheduler must keep ahead of that.
progress('Dispatching the due check-ins of 400 clients at one instant through the real server (50 texts/s)…');
const dispatch = dispatchReport(await runDispatchBench(programme, 400, 50));
printReport(results, sms, plan, dispatch, (performance.now() - benchStarted) / 1000);
console.log(['', ...screening.lines, formatTable(['target', 'measured', 'target', ''], screening.checks)].join('\n'));
const outcomesBench = await import('./outcomesBench.js');
if (storage === 'lowdb') await outcomesBench.printOutcomesBench(2_000);
else {
  // As printOutcomesBench does, keeping the figures to print beside PostgreSQL's.
  const lowdbOutcomes = await outcomesBench.runOutcomesBench({ backend: 'lowdb', clients: 2_000, programme, progress });
  process.stdout.write(`\n${outcomesBench.outcomesReport([lowdbOutcomes]).join('\n')}\n`);
  const postgres = await runPostgresBench({
    projectRoot,
    programme,
    seedDir: seed.dataDir,
    order,
    probeClient,
    phones,
    scripts: { linkwell: linkwellScript, echo: scenarios[1]!.script },
    checkSeed: checkSeedIsRead,
    progress,
    cpuProfDir,
  });
  printPostgresReport({ lowdb: { turns: results, sms, seedLine, outcomes: lowdbOutcomes }, postgres, benchSeconds: (performance.now() - benchStarted) / 1000 });
}

/** Each seeded phone once, in order. */
function phoneFeed(list: readonly string[]): () => string {
  let next = 0;
  return () => {
    if (next >= list.length) throw new Error('the bench ran out of seeded phones');
    return list[next++]!;
  };
}

function runScenario(name: string, entry: string, script: readonly Utterance[]): Promise<ScenarioResult> {
  // One process per data directory (the store locks it): each server runs on its own working copy.
  const dataDir = join(runDir, name);
  linkCopy(seed.dataDir, dataDir);
  return runTurnScenario({
    name,
    entry,
    script,
    projectRoot,
    dataDir,
    order,
    checkSeed: (http) => checkSeedIsRead(http, probeClient),
    progress,
    cpuProfDir,
    // Load starts once the scheduler's first pass over every client is done (as on PostgreSQL): with
    // the seed's 10,000 clients it writes a ledger for each, which is not what a turn costs.
    untilReady: true,
    // Linkwell's memory at rest is a target beside PostgreSQL's; the echo bot's is not.
    settle: storage === 'postgres' && name === 'linkwell',
  });
}

/** The server must see the seeded files where it looks for them: one client's whole year of answers. */
async function checkSeedIsRead(http: HttpClient, clientId: string): Promise<void> {
  const answered = await http.get<{ responses?: unknown[]; scores?: unknown[] }>(`/api/admin/clients/${clientId}/responses`, ADMIN_API_TOKEN);
  const expected = SEED.weeks * checkInInstruments(programme).reduce((n, i) => n + i.items.length, 0);
  if (answered.status !== 200 || answered.body.responses?.length !== expected) {
    throw new Error(`the server does not read the seeded store: ${answered.status}, ${answered.body.responses?.length} responses (expected ${expected})`);
  }
}

function printReport(
  results: ScenarioResult[],
  sms: SmsScenarioResult,
  plan: ReturnType<typeof planReport>,
  dispatch: ReturnType<typeof dispatchReport>,
  benchSeconds: number,
): void {
  const linkwell = results.find((r) => r.name === 'linkwell')!;
  const echo = results.find((r) => r.name === 'echo')!;
  const { rows, comparisons } = turnRows(linkwell, echo);
  const checks = comparisons.map(({ name, ratio, clean }) => [
    `turn p99 ${name}, linkwell / echo`,
    `${fixed(ratio, 2)}x`,
    `<= ${TARGETS.p99Ratio}x`,
    verdict(clean && ratio <= TARGETS.p99Ratio),
  ]);
  for (const r of results) {
    checks.push([
      `start-up ${r.name} (spawn to /healthz)`,
      `${fixed(r.startupMs / 1000, 2)} s`,
      `< ${TARGETS.startupMs / 1000} s`,
      verdict(r.startupMs < TARGETS.startupMs),
    ]);
  }
  for (const r of results) {
    const worst = Math.max(r.afterStart.rssMb, r.afterLoad.rssMb, r.afterLoad.peakRssMb);
    checks.push([
      `RSS ${r.name}: after start / after load / peak`,
      `${fixed(r.afterStart.rssMb, 0)} / ${fixed(r.afterLoad.rssMb, 0)} / ${fixed(r.afterLoad.peakRssMb, 0)} MB`,
      `< ${TARGETS.rssMb} MB`,
      verdict(worst < TARGETS.rssMb),
    ]);
  }

  const stepRows = linkwellScript.map((utterance, step) => [
    `"${utterance.text}"`,
    ...linkwell.phases.flatMap((phase) => {
      const baseline = echo.phases.find((p) => p.name === phase.name)!;
      return [fixed(percentile(phase.load.byStep[step]!, 50), 2), fixed(percentile(baseline.load.byStep[step]!, 50), 2)];
    }),
  ]);
  const stepHeader = ['step', ...linkwell.phases.flatMap((p) => [`linkwell ${p.name}`, `echo ${p.name}`])];

  const smsTable = smsReport(sms);
  const out = [
    '',
    'Linkwell benchmark (self-hosted Direct Line on 127.0.0.1)',
    seedLine,
    sizeLine,
    `Turn = POST activity + GET activities until the bot's reply is there; throughput counts timed turns over the phase's wall time`,
    `(each virtual user also opens one conversation per client, untimed). Each client is used once; warm-up not shown.`,
    `Server CPU ms/turn: the server process's CPU time over the phase / timed turns (includes conversation opens); steadier than latency on a shared machine.`,
    '',
    formatTable(['scenario', 'concurrency', 'turns', 'failed', 'p50 ms', 'p99 ms', 'turns/s', 'server CPU ms/turn', 'p99 vs echo'], rows),
    '',
    'p50 ms by step of the check-in:',
    formatTable(stepHeader, stepRows),
    '',
    'SMS (Linkwell with Twilio on, sending through a fake Twilio in the bench process; each text is "check in" from a',
    `different seeded client, answered by 2 texts; webhook = POST /api/sms until Twilio's TwiML answer):`,
    smsTable.table,
    '',
    ...plan.lines,
    ...dispatch.lines,
    '',
    formatTable(['target', 'measured', 'target', ''], [...checks, ...smsTable.checks, plan.check, dispatch.check]),
    '',
    `Machine: ${cpus().length} cores; 1-min load average ${results.map((r) => `${r.name} ${fixed(r.loadAverage[0], 1)} → ${fixed(r.loadAverage[1], 1)}`).join(', ')}` +
      ' (above ~1 means other processes shared the CPU with the bench).',
    '',
    `Bench run time: ${fixed(benchSeconds, 1)} s`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}
