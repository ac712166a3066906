import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { fixed } from './benchReport.js';
import { databaseName, startBenchCluster, type BenchCluster } from './benchCluster.js';
import type { Utterance } from './directLineLoad.js';
import type { OutcomesBenchResult } from './outcomesBench.js';
import { handoffRate, runHandoffBench, type HandoffResult } from './handoffBench.js';
import type { HttpClient } from './httpClient.js';
import { runScaleOutBench, type ScaleOutRun } from './scaleOutBench.js';
import { addClients, makeEveryoneDue, seedPostgres, type PgSeed } from './seedPostgres.js';
import { runSmsScenario, SMS_PHASES, type SmsScenarioResult } from './smsBench.js';
import { PHASES, runTurnScenario, type Phase, type ScenarioResult } from './turnScenario.js';

/** The scale: a year of answers for 10,000 clients; a client list of 100,000, all of them due at once for the hand-over. */
const FULL = { historyClients: 10_000, allClients: 100_000 };
/** Waiting for 100,000 hand-overs stops a little after the target (2 min); the rest is projected from the rate so far. */
const HANDOFF_DEADLINE_MS = 125_000;
/** A messaging service with a pool of numbers: tens of texts a second (as dispatchBench). */
const HANDOFF_SEND_RATE = 50;
/** The outcomes page's programme size (as bench.ts asks of outcomesBench on lowdb). */
const OUTCOMES_CLIENTS = 2_000;

export interface PostgresBenchContext {
  projectRoot: string;
  programme: Programme;
  /** The lowdb seed folder (seedStore.ts), copied into the database. */
  seedDir: string;
  /** Seeded clients in the order virtual users take them (as the lowdb scenarios did). */
  order: readonly string[];
  probeClient: string;
  /** Their phones, in the same order. */
  phones: readonly string[];
  scripts: { linkwell: readonly Utterance[]; echo: readonly Utterance[] };
  checkSeed: (http: HttpClient, clientId: string) => Promise<void>;
  progress: (line: string) => void;
  cpuProfDir: string | undefined;
}

export interface PostgresResults {
  startedAt: DateTime;
  /** How long the PostgreSQL part took. */
  seconds: number;
  loadAverage: [number, number];
  /** What was measured at less than the scale (BENCH_PG_SCALE, or to keep the run short). */
  scaledDown: string[];
  seed: PgSeed;
  extra: { clients: number; seconds: number };
  templateCopySeconds: number;
  /** linkwell and echo on PostgreSQL, 10,000 clients with a year of answers. */
  turns: ScenarioResult[];
  sms: SmsScenarioResult;
  /** linkwell again with the client list grown to 100,000 (the extra ones with no history). */
  grown: ScenarioResult;
  grownClients: number;
  handoff: HandoffResult & { zone: string };
  scaleOut: ScaleOutRun[];
  /** outcomesBench.ts on PostgreSQL, or why it could not run (its code is changing beside this bench). */
  outcomes: { ok: true; result: OutcomesBenchResult } | { ok: false; error: string };
}

/**
 * Everything bench.ts measures on lowdb, measured on PostgreSQL (an embedded cluster from the test
 * set-up, stopped at the end), plus what only a shared database allows: the client list grown
 * tenfold, 100,000 due clients handed over by two instances, and two instances against one.
 * BENCH_PG_SCALE=0.1 (say) runs it all at a tenth of the size, for trying changes to the bench.
 */
export async function runPostgresBench(context: PostgresBenchContext): Promise<PostgresResults> {
  const { progress, programme } = context;
  const scale = benchScale();
  const scaled = (n: number) => Math.max(1, Math.round(n * scale));
  const sizes = { historyClients: scaled(FULL.historyClients), allClients: scaled(FULL.allClients) };
  const phases: Phase[] = PHASES.map((p) => ({ ...p, turns: scaled(p.turns) }));
  const scaledDown: string[] = [];
  if (scale !== 1) scaledDown.push(`BENCH_PG_SCALE=${scale}: clients and turns are ${scale} of the issue's`);

  const startedAt = DateTime.now();
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  progress(`PostgreSQL: starting the test set-up's embedded cluster…`);
  const cluster = await startBenchCluster();
  const made: string[] = [];
  const runDir = mkdtempSync(join(tmpdir(), 'linkwell-bench-pg-run-'));
  try {
    const copy = async (template: string, name: string) => {
      const url = await cluster.copyDatabase(template, name);
      made.push(name);
      return url;
    };
    const seedDb = await cluster.freshDatabase();
    const template = databaseName(seedDb.url);
    made.push(template);
    progress(`PostgreSQL: copying ${sizes.historyClients} clients with a year of answers from ${context.seedDir}…`);
    const seed = await seedPostgres(seedDb.pool, context.seedDir, scale === 1 ? undefined : sizes.historyClients);
    await seedDb.pool.end();
    progress(
      `PostgreSQL: seeded ${seed.clients} clients, ${seed.months} month documents, ${seed.checkIns} check-ins (${fixed(seed.bytes / 2 ** 20)} MB of JSON) in ${fixed(seed.seconds)} s`,
    );

    // Seeded clients only (BENCH_PG_SCALE keeps the first N), in the lowdb scenarios' order.
    const seeded = new Set(await listClientIds(seedDb.url));
    const order = context.order.filter((id) => seeded.has(id));
    const probeClient = seeded.has(context.probeClient) ? context.probeClient : order.pop()!;
    const phoneOf = new Map(context.order.map((id, n) => [id, context.phones[n]!]));
    const checkSeed = (http: HttpClient) => context.checkSeed(http, probeClient);

    const copyStarted = performance.now();
    const urls = {
      linkwell: await copy(template, 'bench_linkwell'),
      echo: await copy(template, 'bench_echo'),
      sms: await copy(template, 'bench_sms'),
      grown: await copy(template, 'bench_grown'),
      one: await copy(template, 'bench_one_server'),
      two: await copy(template, 'bench_two_servers'),
    };
    const templateCopySeconds = (performance.now() - copyStarted) / 1000 / 6;
    progress(`PostgreSQL: six working copies of the seeded database, ${fixed(templateCopySeconds, 1)} s each`);

    const scenario = (name: string, entry: string, script: readonly Utterance[], databaseUrl: string) => {
      const dataDir = join(runDir, name.replace(/\W+/g, '-'));
      mkdirSync(dataDir, { recursive: true });
      return runTurnScenario({
        name,
        entry,
        script,
        projectRoot: context.projectRoot,
        dataDir,
        env: { DATABASE_URL: databaseUrl },
        order,
        checkSeed,
        progress,
        cpuProfDir: context.cpuProfDir,
        phases,
        untilReady: true,
        settle: name.startsWith('linkwell'),
      });
    };
    const turns = [
      await scenario('linkwell pg', 'bot/cli/start.ts', context.scripts.linkwell, urls.linkwell),
      await scenario('echo pg', 'test/bench/echoServer.ts', context.scripts.echo, urls.echo),
    ];

    const smsPhones = order.map((id) => phoneOf.get(id)!);
    let nextPhone = 0;
    const sms = await runSmsScenario({
      seedDir: context.seedDir,
      runDir,
      databaseUrl: urls.sms,
      name: 'sms pg',
      projectRoot: context.projectRoot,
      progress,
      cpuProfDir: context.cpuProfDir,
      phases: SMS_PHASES.map((p) => ({ ...p, requests: scaled(p.requests) })),
      phones: () => {
        if (nextPhone >= smsPhones.length) throw new Error('the bench ran out of seeded phones');
        return smsPhones[nextPhone++]!;
      },
    });

    const extraCount = sizes.allClients - seed.clients + 1;
    progress(`PostgreSQL: adding ${extraCount} clients with no history (${sizes.allClients} in all)…`);
    const extraSeconds = await withPool(urls.grown, (pool) => addClients(pool, programme, FULL.historyClients, extraCount));
    // The hand-over starts from the same grown list, before any turn has run on it.
    const dueUrl = await copy('bench_grown', 'bench_due');
    const grown = await scenario('linkwell pg, 100k clients', 'bot/cli/start.ts', context.scripts.linkwell, urls.grown);

    const now = DateTime.utc();
    const due = await withPool(dueUrl, (pool) => makeEveryoneDue(pool, programme, programme.demoClient?.phone, now));
    progress(`Hand-over: ${due.clients} SMS clients due at ${due.local}; two servers on one database, Twilio (fake) at ${HANDOFF_SEND_RATE} texts/s…`);
    const handoff = await runHandoffBench({
      databaseUrl: dueUrl,
      projectRoot: context.projectRoot,
      due: due.clients,
      instances: 2,
      sendRatePerSecond: HANDOFF_SEND_RATE,
      deadlineMs: HANDOFF_DEADLINE_MS,
      progress,
      cpuProfDir: context.cpuProfDir,
    });
    if (handoff.allHandedMs === undefined) {
      scaledDown.push(
        `hand-over: waiting stopped after ${fixed(handoff.elapsedMs / 1000, 0)} s with ${handoff.handed} of ${handoff.due} clients handed over; ` +
          `the time for all is projected at the rate since the first (${fixed(handoffRate(handoff), 0)}/s)`,
      );
    }

    progress('Two servers against one: the same web chat load, round robin…');
    const [warmUp, , timed] = phases as [Phase, Phase, Phase];
    const scaleOut = await runScaleOutBench({
      databaseUrls: [urls.one, urls.two],
      projectRoot: context.projectRoot,
      script: context.scripts.linkwell,
      order,
      warmUp,
      timed,
      progress,
      cpuProfDir: context.cpuProfDir,
    });

    const outcomes = await runOutcomes(cluster, made, { clients: scaled(OUTCOMES_CLIENTS), programme, progress });

    return {
      startedAt,
      seconds: (performance.now() - started) / 1000,
      outcomes,
      loadAverage: [loadBefore, loadavg()[0]!],
      scaledDown,
      seed,
      extra: { clients: extraCount, seconds: extraSeconds },
      templateCopySeconds,
      turns,
      sms,
      grown,
      // Not counting the demo client.
      grownClients: seed.clients - 1 + extraCount,
      handoff: { ...handoff, zone: due.local },
      scaleOut,
    };
  } finally {
    await dropAll(cluster, made);
    await cluster.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** outcomesBench.ts on a new database of this cluster (it seeds it); a failure is reported, not thrown. */
async function runOutcomes(
  cluster: BenchCluster,
  made: string[],
  options: { clients: number; programme: Programme; progress: (line: string) => void },
): Promise<PostgresResults['outcomes']> {
  try {
    const { runOutcomesBench } = await import('./outcomesBench.js');
    const db = await cluster.freshDatabase();
    made.push(databaseName(db.url));
    await db.pool.end();
    return { ok: true, result: await runOutcomesBench({ backend: 'postgres', ...options, databaseUrl: db.url }) };
  } catch (error) {
    options.progress(`Outcomes (postgres) failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200) };
  }
}

function benchScale(): number {
  const raw = process.env.BENCH_PG_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_PG_SCALE=${raw}: expected a number above 0 and at most 1`);
  return scale;
}

async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

function listClientIds(url: string): Promise<string[]> {
  return withPool(url, async (pool) => (await pool.query<{ id: string }>('SELECT id FROM clients')).rows.map((r) => r.id));
}

/** Drop the bench's databases (each is a GB or so on disk) before the cluster stops. */
async function dropAll(cluster: BenchCluster, names: readonly string[]): Promise<void> {
  for (const name of names) await cluster.dropDatabase(name).catch(() => undefined);
}
