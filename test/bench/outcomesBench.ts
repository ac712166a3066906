import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { systemClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import { readWaveSummary, tallySummary, type OutcomeSummary } from '../../bot/care/reports/outcomes.js';
import { attendanceSummaryCsv, waveSummaryCsv } from '../../bot/care/reports/waveSummaryCsv.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { clientFiles } from '../../storage/lowdb/clientFiles.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { openStore } from '../../storage/open/openStore.js';
import type { Store } from '../../storage/ports.js';
import type { CheckInRecord, ClientRecord, StaffAccountRecord } from '../../storage/records.js';
import { Browser, PASSWORD } from '../staff/staffRig.js';
import { fixed, formatTable, verdict } from './benchReport.js';
import { linkCopy } from './linkCopy.js';
import { ensureSeededStore } from './seedStore.js';
import { startServer, type RunningServer } from './serverProcess.js';

// `npx tsx test/bench/outcomesBench.ts [clients] [--backend lowdb|postgres|both]` (default 2,000, both):
// the outcomes page and its downloads for a programme of that many clients with a year of weekly
// check-ins each, three of them measurement waves (baseline, week 8, programme end), through a real
// server process, on lowdb and on PostgreSQL (DATABASE_URL when set, else the test set-up's
// embedded cluster). Then, in this process, the summary from the store's tally against the summary
// from every history (as the page was worked out before the tally), in time and memory.
// Uses bench.ts's seeded store (10,000 clients, cached), cut down to the first N in a working copy.

const SEED = { clients: 10_000, weeks: 52 };
/** The bound for the page from the tally, 2,000 clients. */
const TARGET_PAGE_MS = 300;
/** Texts and chat turns must not wait on the outcomes: Twilio gives a webhook 15 s, a person less. */
const TARGET_HEALTHZ_MS = 500;
const PAGE_RUNS = 5;
/** Weekly check-ins relabelled as waves: week index → wave id. */
const WAVE_WEEKS: ReadonlyArray<readonly [number, string]> = [
  [0, 'baseline'],
  [8, 'week-8'],
  [51, 'programme-end'],
];
const BENCH_ENV = { LOG_LEVEL: 'warn', ADMIN_API_TOKEN: 'bench-admin-token-0123456789abcdef', CHAT_LINK_SECRET: 'bench-chat-link-secret-0123456789abcdef0123' };

export type OutcomesBackend = 'lowdb' | 'postgres';

/** Time and memory of one way of working out the summary, in this process. */
export interface SummaryFigures {
  ms: number[];
  /** Heap held once it is done (garbage collected before and after), and the most seen while it ran (sampled). */
  heapMb: number;
  peakHeapMb: number;
}

export interface OutcomesBenchResult {
  backend: OutcomesBackend;
  clients: number;
  answers: number;
  /** The first page after the tally was missing: every client's facts worked out from their history, once. */
  catchUpMs: number;
  /** The slowest GET /healthz while that ran, and the server's peak RSS after it (it reads every history, as the page did before the tally). */
  healthzWorstMs: number;
  peakRssAfterCatchUpMb: number;
  /** A server started on the tally as kept: start-up, then the page from the tally. */
  startupMs: number;
  pageMs: number[];
  pageCpuMs: number;
  pageBytes: number;
  wavesMs: number;
  attendanceMs: number;
  itemsMs: number;
  itemsRows: number;
  rssAfterStartMb: number;
  peakRssAfterPagesMb: number;
  peakRssAfterItemsMb: number;
  inProcess: { tally: SummaryFigures; histories: SummaryFigures; same: boolean };
}

/**
 * Measure the outcomes page for `clients` seeded clients on one backend. `databaseUrl` (postgres):
 * a migrated database, seeded here when it holds no client; without it, a database of the test
 * set-up's embedded cluster, made and dropped here.
 */
export async function runOutcomesBench(options: {
  backend: OutcomesBackend;
  clients: number;
  programme: Programme;
  progress: (line: string) => void;
  databaseUrl?: string | undefined;
}): Promise<OutcomesBenchResult> {
  const { backend, clients, programme, progress } = options;
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  progress(`Outcomes (${backend}): seeding (or reusing) ${SEED.clients} clients, using the first ${clients}…`);
  const seed = await ensureSeededStore(SEED, programme);
  const runDir = mkdtempSync(join(tmpdir(), 'linkwell-outcomes-bench-'));
  const dataDir = join(runDir, 'data');
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const answers = copyClients(join(seed.dataDir, 'clients'), join(dataDir, 'clients'), clients);
    let databaseUrl: string | undefined;
    if (backend === 'postgres') {
      databaseUrl = options.databaseUrl ?? (await benchDatabase(cleanups));
      await seedDatabase(databaseUrl, dataDir, progress);
    }
    await addDutyAccount(dataDir, databaseUrl);
    const env = { ...BENCH_ENV, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const start = () => startServer({ entry: 'bot/cli/start.ts', projectRoot, dataDir, env });

    // 1. A store with no tally yet (lowdb: none in the copy; PostgreSQL: the seed's rows marked stale).
    let server = await start();
    let browser = await signedIn(server);
    const { ms: catchUpMs, healthzWorstMs } = await whileProbing(server, async () => {
      const page = await browser.get('/staff/outcomes');
      if (page.status !== 200 || !page.body.includes('Clients asked</dt><dd>')) throw new Error(`outcomes page: ${page.status}`);
    });
    progress(`Outcomes (${backend}): first page, tally worked out from ${clients} histories: ${fixed(catchUpMs, 0)} ms`);
    const peakRssAfterCatchUpMb = server.memory().peakRssMb;
    await server.stop();

    // 2. A server started on the tally as kept: what staff see from then on.
    server = await start();
    const rssAfterStartMb = server.memory().rssMb;
    browser = await signedIn(server);
    const pageMs: number[] = [];
    let pageBytes = 0;
    const cpuBefore = server.cpuMs();
    for (let run = 0; run < PAGE_RUNS; run += 1) {
      const started = performance.now();
      const page = await browser.get('/staff/outcomes');
      pageMs.push(performance.now() - started);
      if (page.status !== 200 || !page.body.includes('Clients asked</dt><dd>')) throw new Error(`outcomes page: ${page.status}`);
      pageBytes = page.body.length;
    }
    const pageCpuMs = (server.cpuMs() - cpuBefore) / PAGE_RUNS;
    progress(`Outcomes (${backend}): page from the tally: ${pageMs.map((ms) => fixed(ms, 0)).join(' / ')} ms`);
    const wavesMs = await timed(async () => expectOk(await browser.get('/staff/outcomes/waves.csv'), 'waves.csv'));
    const attendanceMs = await timed(async () => expectOk(await browser.get('/staff/outcomes/attendance.csv'), 'attendance.csv'));
    const peakRssAfterPagesMb = server.memory().peakRssMb;
    let itemsRows = 0;
    const itemsMs = await timed(async () => {
      const file = await browser.get('/staff/outcomes/items.csv');
      expectOk(file, 'items.csv');
      itemsRows = file.body.split('\r\n').length - 2;
    });
    if (itemsRows !== answers) throw new Error(`items.csv has ${itemsRows} rows, the store ${answers} answers`);
    progress(`Outcomes (${backend}): items.csv (histories, streamed): ${fixed(itemsMs, 0)} ms`);
    const peakRssAfterItemsMb = server.memory().peakRssMb;
    await server.stop();

    // 3. In this process, on the same store: from the tally against from every history.
    const store = await openStore({ dataDir, databaseUrl });
    let inProcess: OutcomesBenchResult['inProcess'];
    try {
      inProcess = await compareSummaries(store, programme, progress);
    } finally {
      await store.close();
    }
    return {
      backend,
      clients,
      answers,
      catchUpMs,
      healthzWorstMs,
      peakRssAfterCatchUpMb,
      startupMs: server.startupMs,
      pageMs,
      pageCpuMs,
      pageBytes,
      wavesMs,
      attendanceMs,
      itemsMs,
      itemsRows,
      rssAfterStartMb,
      peakRssAfterPagesMb,
      peakRssAfterItemsMb,
      inProcess,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The summary from a store's tally (`runs` times) and, once, from every history; with time and memory for each. */
export async function compareSummaries(
  store: Store,
  programme: Programme,
  progress: (line: string) => void,
  runs = PAGE_RUNS,
): Promise<OutcomesBenchResult['inProcess']> {
  let fromTally: OutcomeSummary | undefined;
  const tally = await measure(runs, async () => {
    fromTally = await tallySummary(programme, store.outcomes);
    return waveSummaryCsv(fromTally) + attendanceSummaryCsv(fromTally);
  });
  progress(`Outcomes (${store.backend}), in process: summary from the tally ${tally.ms.map((ms) => fixed(ms, 0)).join(' / ')} ms`);
  let fromHistories: OutcomeSummary | undefined;
  const histories = await measure(1, async () => {
    const clients = (await store.clients.list()).filter((c) => c.programmeId === programme.id);
    fromHistories = await readWaveSummary(programme, clients, store.clients);
    return fromHistories;
  });
  progress(`Outcomes (${store.backend}), in process: summary from every history ${fixed(histories.ms[0]!, 0)} ms`);
  return { tally, histories, same: JSON.stringify(fromTally) === JSON.stringify(fromHistories) };
}

async function measure(runs: number, work: () => Promise<unknown>): Promise<SummaryFigures> {
  const gc = collector();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const ms: number[] = [];
  let kept: unknown;
  try {
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      kept = await work();
      ms.push(performance.now() - started);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  } finally {
    clearInterval(sampler);
  }
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  void kept;
  const mb = (bytes: number) => bytes / 2 ** 20;
  return { ms, heapMb: mb(heapAfter - heapBefore), peakHeapMb: mb(peak - heapBefore) };
}

/** The garbage collector, exposed at run time (tsx gives no way to pass --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function whileProbing(server: RunningServer, work: () => Promise<void>): Promise<{ ms: number; healthzWorstMs: number }> {
  let working = true;
  let healthzWorstMs = 0;
  const probe = (async () => {
    while (working) {
      const asked = performance.now();
      await fetch(`http://127.0.0.1:${server.port}/healthz`);
      healthzWorstMs = Math.max(healthzWorstMs, performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  try {
    await work();
  } finally {
    working = false;
    await probe;
  }
  return { ms: performance.now() - started, healthzWorstMs };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function expectOk(page: { status: number }, what: string): void {
  if (page.status !== 200) throw new Error(`${what}: ${page.status}`);
}

async function signedIn(server: RunningServer): Promise<Browser> {
  const browser = new Browser(`http://127.0.0.1:${server.port}`);
  if ((await browser.signIn('duty@example.org', PASSWORD)).status !== 303) throw new Error('the bench could not sign in');
  return browser;
}

async function addDutyAccount(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const account: StaffAccountRecord = {
    id: 'bench-duty',
    email: 'duty@example.org',
    name: 'Bench duty',
    role: 'duty',
    passwordHash: await hashPassword(PASSWORD),
    failedAttempts: 0,
    createdAt: systemClock.now().toISO()!,
  };
  if (!databaseUrl) {
    await openStaffStore(dataDir).accounts.create(account);
    return;
  }
  const store = await openStore({ dataDir, databaseUrl });
  try {
    if (!(await store.staffAccounts.findByEmail(account.email))) await store.staffAccounts.create(account);
  } finally {
    await store.close();
  }
}

/** A database of the test set-up's embedded cluster (started here, stopped by `cleanups`). */
async function benchDatabase(cleanups: Array<() => Promise<void>>): Promise<string> {
  const { startBenchCluster } = await import('./benchCluster.js');
  const cluster = await startBenchCluster();
  cleanups.push(() => cluster.stop());
  const db = await cluster.freshDatabase();
  await db.pool.end();
  return db.url;
}

/** The working copy's clients into the database, as db:import leaves them (the tally behind until caught up); unless it holds clients already. */
async function seedDatabase(databaseUrl: string, dataDir: string, progress: (line: string) => void): Promise<void> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const held = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM clients')).rows[0]!.n);
    if (held > 0) {
      progress(`Outcomes (postgres): the database holds ${held} clients already: measured as it is`);
      return;
    }
    const { seedPostgres } = await import('./seedPostgres.js');
    const seeded = await seedPostgres(pool, dataDir);
    progress(`Outcomes (postgres): ${seeded.clients} clients, ${seeded.months} months copied in ${fixed(seeded.seconds)} s`);
  } finally {
    await pool.end();
  }
}

/**
 * A working copy of the seed's first `count` clients (and the demo client), with three of each
 * one's weekly check-ins made measurement waves. Files are hard links to the cached seed, so a
 * changed one is replaced, never written through. Returns the answers kept.
 */
function copyClients(from: string, dir: string, count: number): number {
  const index = JSON.parse(readFileSync(join(from, clientFiles.index), 'utf8')) as { version: number; clients: ClientRecord[] };
  const kept = index.clients.slice(0, count + 1);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, clientFiles.index), JSON.stringify({ ...index, clients: kept }));
  let answers = 0;
  for (const client of kept) {
    const source = join(from, clientFiles.clientDir(client.id));
    if (!existsSync(source)) continue;
    const clientDir = join(dir, clientFiles.clientDir(client.id));
    linkCopy(source, clientDir);
    const months = readdirSync(clientDir).filter(clientFiles.isMonthFile).sort();
    let week = 0;
    for (const month of months) {
      const path = join(clientDir, month);
      const document = JSON.parse(readFileSync(path, 'utf8')) as { checkIns: CheckInRecord[]; responses: unknown[] };
      answers += document.responses.length;
      let changed = false;
      for (const checkIn of document.checkIns) {
        const wave = WAVE_WEEKS.find(([w]) => w === week)?.[1];
        week += 1;
        if (!wave) continue;
        checkIn.kind = 'wave';
        checkIn.occurrenceKey = `${client.id}|wave|${wave}|${checkIn.startedAt.slice(0, 16)}`;
        changed = true;
      }
      if (changed) replaceFile(path, JSON.stringify(document));
    }
  }
  return answers;
}

function replaceFile(path: string, text: string): void {
  unlinkSync(path);
  writeFileSync(path, text);
}

/** The figures as lines of text, a row per backend, with the page target checked. */
export function outcomesReport(results: readonly OutcomesBenchResult[]): string[] {
  if (results.length === 0) return [];
  const r0 = results[0]!;
  const mb = (n: number) => fixed(n, 0);
  return [
    `Outcomes page and downloads: ${r0.clients} clients, a year of weekly check-ins each (3 of them waves), ${r0.answers} stored answers; real server, one request at a time.`,
    formatTable(
      [
        'storage',
        'first page, tally worked out (once) ms',
        'page from the tally ms',
        'server CPU ms/page',
        'waves.csv ms',
        'attendance.csv ms',
        'items.csv ms',
        'page size',
      ],
      results.map((r) => [
        r.backend,
        fixed(r.catchUpMs, 0),
        r.pageMs.map((ms) => fixed(ms, 0)).join(' / '),
        fixed(r.pageCpuMs, 0),
        fixed(r.wavesMs, 0),
        fixed(r.attendanceMs, 0),
        fixed(r.itemsMs, 0),
        `${fixed(r.pageBytes / 1024)} KB`,
      ]),
    ),
    'Server memory: a first server works the tally out from every history (as the page was worked out before the tally), then a second starts on the tally as kept.',
    formatTable(
      [
        'storage',
        'peak RSS, tally worked out MB',
        'slowest /healthz meanwhile ms',
        'start-up on the tally ms',
        'RSS after start MB',
        'peak RSS after pages MB',
        'peak RSS after items.csv MB',
      ],
      results.map((r) => [
        r.backend,
        mb(r.peakRssAfterCatchUpMb),
        fixed(r.healthzWorstMs, 0),
        fixed(r.startupMs, 0),
        mb(r.rssAfterStartMb),
        mb(r.peakRssAfterPagesMb),
        mb(r.peakRssAfterItemsMb),
      ]),
    ),
    'The summary in this process, on the same store: from the tally (now) against from every history (before the tally).',
    formatTable(
      ['storage', 'from', 'runs ms', 'heap held after MB', 'peak heap (sampled) MB', 'same summary'],
      results.flatMap((r) => [
        [
          r.backend,
          'tally',
          r.inProcess.tally.ms.map((ms) => fixed(ms, 0)).join(' / '),
          fixed(r.inProcess.tally.heapMb),
          fixed(r.inProcess.tally.peakHeapMb),
          r.inProcess.same ? 'yes' : 'NO',
        ],
        [r.backend, 'every history', fixed(r.inProcess.histories.ms[0]!, 0), fixed(r.inProcess.histories.heapMb), fixed(r.inProcess.histories.peakHeapMb), ''],
      ]),
    ),
    `Machine: ${cpus().length} cores, 1-min load average ${fixed(loadavg()[0]!, 1)}.`,
    formatTable(
      ['target', 'measured', 'target', ''],
      results.flatMap((r) => {
        const worst = Math.max(...r.pageMs);
        return [
          [
            `outcomes page from the tally, ${r.clients} clients, ${r.backend} (slowest)`,
            `${fixed(worst, 0)} ms`,
            `< ${TARGET_PAGE_MS} ms`,
            verdict(worst < TARGET_PAGE_MS),
          ],
          [
            `GET /healthz while the tally is worked out, ${r.backend}`,
            `${fixed(r.healthzWorstMs, 0)} ms`,
            `< ${TARGET_HEALTHZ_MS} ms`,
            verdict(r.healthzWorstMs < TARGET_HEALTHZ_MS),
          ],
          [`same summary from the tally as from every history, ${r.backend}`, r.inProcess.same ? 'yes' : 'no', 'yes', verdict(r.inProcess.same)],
        ];
      }),
    ),
  ];
}

/** For bench.ts: run on each backend given (PostgreSQL: DATABASE_URL when set) and print. */
export async function printOutcomesBench(clients = 2000, backends: readonly OutcomesBackend[] = ['lowdb']): Promise<void> {
  const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const results: OutcomesBenchResult[] = [];
  for (const backend of backends)
    results.push(await runOutcomesBench({ backend, clients, programme, progress, databaseUrl: process.env.DATABASE_URL || undefined }));
  process.stdout.write(`\n${outcomesReport(results).join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({ options: { backend: { type: 'string', default: 'both' } }, allowPositionals: true });
  const backends: OutcomesBackend[] =
    values.backend === 'both' ? ['lowdb', 'postgres'] : values.backend === 'lowdb' || values.backend === 'postgres' ? [values.backend] : [];
  if (backends.length === 0) throw new Error(`--backend ${values.backend}: expected lowdb, postgres or both`);
  await printOutcomesBench(positionals[0] ? Number.parseInt(positionals[0], 10) : undefined, backends);
}
