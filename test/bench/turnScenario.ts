import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../bot/time/clock.js';
import { TokenSigner } from '../../bot/platform/signedToken.js';
import { fixed, percentile } from './benchReport.js';
import { runLoad, type LoadResult, type Utterance } from './directLineLoad.js';
import { HttpClient } from './httpClient.js';
import { startServer, type Memory, type RunningServer } from './serverProcess.js';

export const CHAT_LINK_SECRET = 'bench-chat-link-secret-0123456789abcdef0123';
export const ADMIN_API_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface Phase {
  name: string;
  concurrency: number;
  turns: number;
  timed: boolean;
}

export const PHASES: readonly Phase[] = [
  { name: 'warm-up', concurrency: 8, turns: 240, timed: false },
  { name: 'c=1', concurrency: 1, turns: 300, timed: true },
  { name: 'c=32', concurrency: 32, turns: 3000, timed: true },
];

export interface ScenarioResult {
  name: string;
  startupMs: number;
  /** From healthy until /readyz said ready (only when asked to wait for it). */
  readyMs?: number | undefined;
  afterStart: Memory;
  afterLoad: Memory;
  /**
   * Resident memory SETTLE_MS after start-up and after the load, the server idle (when asked for):
   * V8 gives back what a burst left as garbage only at its next major collection, so the reading
   * taken the moment a burst ends says how big the burst was, this one what the server holds.
   */
  settled?: { afterStart: Memory; afterLoad: Memory } | undefined;
  phases: { name: string; concurrency: number; load: LoadResult; serverCpuMs: number }[];
  /** 1-minute load average before and after: other work on the machine skews every figure. */
  loadAverage: [number, number];
}

export interface TurnScenarioOptions {
  name: string;
  entry: string;
  script: readonly Utterance[];
  projectRoot: string;
  dataDir: string;
  /** More of the server's environment (LOG_LEVEL, ADMIN_API_TOKEN and CHAT_LINK_SECRET are set). */
  env?: Record<string, string>;
  /** Seeded clients in the order virtual users take them, each once. */
  order: readonly string[];
  /** Throws unless the server reads the seeded store. */
  checkSeed: (http: HttpClient) => Promise<void>;
  progress: (line: string) => void;
  cpuProfDir: string | undefined;
  phases?: readonly Phase[];
  /** Wait until /readyz answers 200 (the scheduler's first pass is done) before memory and load are measured. */
  untilReady?: boolean;
  /** Read memory again SETTLE_MS after start-up and after the load (see ScenarioResult.settled). */
  settle?: boolean;
}

/** How long a server is left idle before its memory is read again. */
export const SETTLE_MS = 20_000;

/** Start a server, drive web chat check-ins through its Direct Line in phases, and stop it. */
export async function runTurnScenario(options: TurnScenarioOptions): Promise<ScenarioResult> {
  const { name, progress } = options;
  const loadBefore = loadavg()[0]!;
  const server = await startServer({
    entry: options.entry,
    projectRoot: options.projectRoot,
    dataDir: options.dataDir,
    env: { LOG_LEVEL: 'warn', ADMIN_API_TOKEN, CHAT_LINK_SECRET, ...options.env },
    cpuProfDir: options.cpuProfDir,
  });
  const http = new HttpClient(server.port);
  try {
    const readyMs = options.untilReady ? await untilReady(http) : undefined;
    const afterStart = server.memory();
    const ready = readyMs === undefined ? '' : `, ready ${fixed(readyMs / 1000, 1)} s later`;
    progress(`${name}: healthy in ${fixed(server.startupMs, 0)} ms${ready}, ${fixed(afterStart.rssMb)} MB resident`);
    const startSettled = options.settle ? await settledMemory(server) : undefined;
    await options.checkSeed(http);

    let cursor = 0;
    const nextClient = () => {
      if (cursor >= options.order.length) throw new Error('the bench ran out of seeded clients');
      return options.order[cursor++]!;
    };
    const signer = new TokenSigner(CHAT_LINK_SECRET, systemClock);
    const phases: ScenarioResult['phases'] = [];
    for (const phase of options.phases ?? PHASES) {
      const cpuBefore = server.cpuMs();
      const load = await runLoad({ http, signer, nextClient, concurrency: phase.concurrency, turns: phase.turns, script: options.script });
      progress(
        `${name} ${phase.name}: ${load.latenciesMs.length} turns in ${fixed(load.wallMs / 1000, 2)} s, p50 ${fixed(percentile(load.latenciesMs, 50), 2)} ms, ` +
          `p99 ${fixed(percentile(load.latenciesMs, 99), 2)} ms, ${load.failures} failed${load.firstFailure ? ` (first: ${load.firstFailure})` : ''}`,
      );
      if (phase.timed) phases.push({ name: phase.name, concurrency: phase.concurrency, load, serverCpuMs: server.cpuMs() - cpuBefore });
    }
    const afterLoad = server.memory();
    const loadSettled = options.settle ? await settledMemory(server) : undefined;
    if (startSettled && loadSettled) {
      progress(
        `${name}: ${fixed(startSettled.rssMb)} MB resident ${SETTLE_MS / 1000} s after start-up, ${fixed(loadSettled.rssMb)} MB ${SETTLE_MS / 1000} s after the load`,
      );
    }
    return {
      settled: startSettled && loadSettled ? { afterStart: startSettled, afterLoad: loadSettled } : undefined,
      name,
      startupMs: server.startupMs,
      ...(readyMs === undefined ? {} : { readyMs }),
      afterStart,
      afterLoad,
      phases,
      loadAverage: [loadBefore, loadavg()[0]!],
    };
  } finally {
    http.close();
    await server.stop();
  }
}

/** Poll /readyz twice a second until it answers 200 (the scheduler has made its first pass); returns the ms waited. */
export async function untilReady(http: HttpClient, limitMs = 300_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const ready = await http.get('/readyz').catch(() => undefined);
    if (ready?.status === 200) return performance.now() - started;
    if (performance.now() - started > limitMs) throw new Error(`not ready after ${limitMs / 1000} s: ${JSON.stringify(ready?.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One phase of linkwell against the echo bot: p99 of one over the other, and whether every turn of both succeeded. */
export interface PhaseComparison {
  name: string;
  ratio: number;
  clean: boolean;
}

/**
 * The turn table's rows (scenario, concurrency, turns, failed, p50 ms, p99 ms, turns/s, server CPU
 * ms/turn, p99 vs echo): linkwell then echo, phase by phase, and each phase's comparison.
 */
export function turnRows(
  linkwell: ScenarioResult,
  echo: ScenarioResult,
  names = ['linkwell', 'echo'] as const,
): { rows: string[][]; comparisons: PhaseComparison[] } {
  const rows: string[][] = [];
  const comparisons: PhaseComparison[] = [];
  for (const phase of linkwell.phases) {
    const baseline = echo.phases.find((p) => p.name === phase.name)!;
    const ratio = percentile(phase.load.latenciesMs, 99) / percentile(baseline.load.latenciesMs, 99);
    for (const [scenario, { load, serverCpuMs }] of [
      [names[0], phase],
      [names[1], baseline],
    ] as const) {
      rows.push([
        scenario,
        String(phase.concurrency),
        String(load.latenciesMs.length),
        String(load.failures),
        fixed(percentile(load.latenciesMs, 50), 2),
        fixed(percentile(load.latenciesMs, 99), 2),
        fixed(load.latenciesMs.length / (load.wallMs / 1000), 0),
        fixed(serverCpuMs / load.latenciesMs.length, 2),
        scenario === names[0] ? `${fixed(ratio, 2)}x` : '',
      ]);
    }
    comparisons.push({ name: phase.name, ratio, clean: phase.load.failures === 0 && baseline.load.failures === 0 });
  }
  return { rows, comparisons };
}

/** The server's memory once it has been left idle for SETTLE_MS. */
async function settledMemory(server: RunningServer): Promise<Memory> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return server.memory();
}
