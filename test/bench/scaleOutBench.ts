import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../bot/time/clock.js';
import { TokenSigner } from '../../bot/platform/signedToken.js';
import { fixed, percentile } from './benchReport.js';
import { runLoad, type LoadOptions, type LoadResult, type Utterance } from './directLineLoad.js';
import { HttpClient } from './httpClient.js';
import { startServer, type RunningServer } from './serverProcess.js';
import { ADMIN_API_TOKEN, CHAT_LINK_SECRET, untilReady, type Phase } from './turnScenario.js';

export interface ScaleOutRun {
  servers: number;
  load: LoadResult;
  /** CPU the servers used over the timed phase, all of them together. */
  serverCpuMs: number;
  /** Share of the machine's CPU time left idle over the timed phase (0 to 1): near 0, the machine was the limit. */
  machineIdle: number;
  peakRssMb: number[];
}

/**
 * The same web chat load against one server, then against two on one database behind a round-robin
 * balancer (each request to the next server, as a balancer without sticky sessions does), on
 * databases that start alike (`databaseUrls`: one each). Direct Line turns send no texts, so the
 * send rate is not what limits them.
 */
export async function runScaleOutBench(options: {
  databaseUrls: readonly [string, string];
  projectRoot: string;
  script: readonly Utterance[];
  order: readonly string[];
  warmUp: Phase;
  timed: Phase;
  progress: (line: string) => void;
  cpuProfDir: string | undefined;
}): Promise<ScaleOutRun[]> {
  const runs: ScaleOutRun[] = [];
  for (const [i, servers] of [1, 2].entries()) runs.push(await runWith(servers, options.databaseUrls[i]!, options));
  return runs;
}

async function runWith(count: number, databaseUrl: string, options: Parameters<typeof runScaleOutBench>[0]): Promise<ScaleOutRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-bench-scale-'));
  const servers: RunningServer[] = [];
  const clients: HttpClient[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const server = await startServer({
        entry: 'bot/cli/start.ts',
        projectRoot: options.projectRoot,
        dataDir: join(dataDir, String(i)),
        cpuProfDir: options.cpuProfDir,
        env: { LOG_LEVEL: 'warn', ADMIN_API_TOKEN, CHAT_LINK_SECRET, DATABASE_URL: databaseUrl },
      });
      servers.push(server);
      clients.push(new HttpClient(server.port, { scheduling: 'fifo' }));
    }
    for (const http of clients) await untilReady(http);
    const balancer = roundRobin(clients);
    let cursor = 0;
    const nextClient = () => {
      if (cursor >= options.order.length) throw new Error('the bench ran out of seeded clients');
      return options.order[cursor++]!;
    };
    const signer = new TokenSigner(CHAT_LINK_SECRET, systemClock);
    const drive = (phase: Phase) => runLoad({ http: balancer, signer, nextClient, concurrency: phase.concurrency, turns: phase.turns, script: options.script });
    await drive(options.warmUp);
    const cpuBefore = servers.map((s) => s.cpuMs());
    const idleBefore = machineTimes();
    const load = await drive(options.timed);
    const idleAfter = machineTimes();
    const serverCpuMs = servers.reduce((sum, s, i) => sum + s.cpuMs() - cpuBefore[i]!, 0);
    const machineIdle = (idleAfter.idle - idleBefore.idle) / (idleAfter.total - idleBefore.total);
    options.progress(
      `${count} server${count > 1 ? 's' : ''}, round robin: ${load.latenciesMs.length} turns in ${fixed(load.wallMs / 1000, 2)} s ` +
        `(${fixed(load.latenciesMs.length / (load.wallMs / 1000), 0)}/s), p99 ${fixed(percentile(load.latenciesMs, 99), 2)} ms, ${load.failures} failed` +
        `${load.firstFailure ? ` (first: ${load.firstFailure})` : ''}; machine ${fixed(machineIdle * 100, 0)}% idle`,
    );
    return { servers: count, load, serverCpuMs, machineIdle, peakRssMb: servers.map((s) => s.memory().peakRssMb) };
  } finally {
    for (const http of clients) http.close();
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each request to the next server in turn. */
function roundRobin(servers: readonly HttpClient[]): LoadOptions['http'] {
  let next = 0;
  const pick = () => servers[next++ % servers.length]!;
  return {
    get: <T>(path: string, token?: string) => pick().get<T>(path, token),
    post: <T>(path: string, token?: string, body?: unknown) => pick().post<T>(path, token, body),
  };
}

/** CPU time of every core, idle and in all, in ms. */
function machineTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}
