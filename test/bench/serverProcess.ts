import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { HttpClient } from './httpClient.js';
import { freePort } from '../../bot/platform/http/freePort.js';

export interface ServerOptions {
  /** Entry file, relative to the project root; a command in bot/cli runs compiled from dist/, as `npm start` runs it. */
  entry: string;
  projectRoot: string;
  dataDir: string;
  /** The server's environment; a function gets the port first (for PUBLIC_BASE_URL). */
  env: Record<string, string> | ((port: number) => Record<string, string>);
  /** Write a V8 CPU profile of the server here when it stops. */
  cpuProfDir?: string | undefined;
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export interface RunningServer {
  pid: number;
  port: number;
  /** From spawn until GET /healthz first answers 200. */
  startupMs: number;
  memory(): Memory;
  /** CPU time the server has used so far (user + system, all threads), in ms. */
  cpuMs(): number;
  /** The last few KB the server wrote to stdout and stderr (warnings and errors at LOG_LEVEL=warn). */
  output(): string;
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 60_000;

/** Spawn a server as its own Node process (no npm or tsx CLI wrapper, so the pid is the server's) and wait until it is healthy. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const command = /^bot\/cli\/(\w+)\.ts$/.exec(options.entry)?.[1];
  const args = command ? [] : ['--import', 'tsx'];
  if (options.cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  args.push(...(command ? ['bot/cli/launch.mjs', command] : [options.entry]));

  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(typeof options.env === 'function' ? options.env(port) : options.env),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const http = new HttpClient(port);
  try {
    for (;;) {
      if (!running) throw new Error(`${options.entry} exited during start-up:\n${output}`);
      if (performance.now() - started > STARTUP_LIMIT_MS) throw new Error(`${options.entry} not healthy after ${STARTUP_LIMIT_MS} ms:\n${output}`);
      const health = await http.get('/healthz').catch(() => undefined);
      if (health?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    http.close();
  }
  const startupMs = performance.now() - started;
  const pid = child.pid!;

  return {
    pid,
    port,
    startupMs,
    memory: () => memoryOf(pid),
    cpuMs: () => cpuMsOf(pid),
    output: () => output,
    stop: async () => {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

// Linux reports CPU time in clock ticks of 1/100 s on every common configuration (getconf CLK_TCK).
const TICK_MS = 10;

/** User + system CPU time of a process, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
