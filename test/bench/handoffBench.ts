import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startFakeTwilio } from '../support/fakeTwilio.js';
import { fixed } from './benchReport.js';
import { startServer, type RunningServer } from './serverProcess.js';
import { ADMIN_API_TOKEN, CHAT_LINK_SECRET } from './turnScenario.js';

const ACCOUNT_SID = `AC${'c'.repeat(32)}`;
const AUTH_TOKEN = 'bench-twilio-auth-token-handoff-0123';

export interface HandoffOptions {
  databaseUrl: string;
  projectRoot: string;
  /** Clients due now (every one gets a check-in's first texts). */
  due: number;
  instances: number;
  /** The messaging service's rate, shared by the instances: sending is not what is measured. */
  sendRatePerSecond: number;
  /** Give up waiting after this long from spawning the servers. */
  deadlineMs: number;
  progress: (line: string) => void;
  cpuProfDir: string | undefined;
}

export interface HandoffResult {
  due: number;
  instances: number;
  sendRatePerSecond: number;
  /** From spawning the servers until every due client had a text in the outbox; undefined if the deadline came first. */
  allHandedMs: number | undefined;
  /** Clients with a text in the outbox, and texts, when the waiting stopped. */
  handed: number;
  texts: number;
  elapsedMs: number;
  /** Clients handed over by this many ms after spawning (every poll). */
  timeline: { atMs: number; clients: number }[];
  startupMs: number[];
  peakRssMb: number[];
  serverCpuMs: number[];
  sentToTwilio: number;
  /** Error lines the servers wrote (their count, and the first). */
  errors: { count: number; first: string | undefined };
}

/**
 * `instances` Linkwell servers on one database whose clients are all due now: from spawning them,
 * how long until every due client's first texts are in the SMS outbox (rows written), polled from
 * the database. The Twilio side is a fake in this process, sent to at `sendRatePerSecond` in all.
 */
export async function runHandoffBench(options: HandoffOptions): Promise<HandoffResult> {
  const fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const probe = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  probe.on('error', () => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-bench-handoff-'));
  const servers: RunningServer[] = [];
  const started = performance.now();
  try {
    // Started together, as a deploy of two would be: each is spawned at once and waited for.
    let firstPort = 0;
    const spawned = await Promise.allSettled(
      Array.from({ length: options.instances }, (_, i) =>
        startServer({
          entry: 'bot/cli/start.ts',
          projectRoot: options.projectRoot,
          dataDir: join(dataDir, String(i)),
          cpuProfDir: options.cpuProfDir,
          env: (port) => {
            firstPort ||= port;
            return {
              LOG_LEVEL: 'warn',
              ADMIN_API_TOKEN,
              CHAT_LINK_SECRET,
              DATABASE_URL: options.databaseUrl,
              // Behind a balancer every server has the balancer's address: here, the first server's.
              PUBLIC_BASE_URL: `http://127.0.0.1:${firstPort}`,
              TWILIO_ACCOUNT_SID: ACCOUNT_SID,
              TWILIO_AUTH_TOKEN: AUTH_TOKEN,
              TWILIO_FROM_NUMBER: '+447700900998',
              TWILIO_API_BASE_URL: fake.url,
              SMS_SEND_RATE_PER_SECOND: String(options.sendRatePerSecond),
            };
          },
        }),
      ),
    );
    for (const s of spawned) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = spawned.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;

    const timeline: HandoffResult['timeline'] = [];
    let handed = 0;
    let texts = 0;
    let allHandedMs: number | undefined;
    let lastReport = 0;
    for (;;) {
      const row = (await probe.query<{ clients: string; texts: string }>('SELECT count(DISTINCT client_id) AS clients, count(*) AS texts FROM sms_outbox'))
        .rows[0]!;
      handed = Number(row.clients);
      texts = Number(row.texts);
      const atMs = performance.now() - started;
      timeline.push({ atMs, clients: handed });
      if (atMs - lastReport > 15_000) {
        lastReport = atMs;
        options.progress(`hand-over: ${handed} of ${options.due} clients' first texts in the outbox after ${fixed(atMs / 1000, 0)} s (${texts} texts)`);
      }
      if (handed >= options.due) {
        allHandedMs = atMs;
        break;
      }
      if (atMs > options.deadlineMs) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const elapsedMs = performance.now() - started;
    const peakRssMb = servers.map((s) => s.memory().peakRssMb);
    const serverCpuMs = servers.map((s) => s.cpuMs());
    const errorLines = servers.flatMap((s) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('"level":"error"')),
    );
    return {
      due: options.due,
      instances: options.instances,
      sendRatePerSecond: options.sendRatePerSecond,
      allHandedMs,
      handed,
      texts,
      elapsedMs,
      timeline,
      startupMs: servers.map((s) => s.startupMs),
      peakRssMb,
      serverCpuMs,
      sentToTwilio: fake.messages.length,
      errors: { count: errorLines.length, first: errorLines[0]?.slice(0, 300) },
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await probe.end();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Clients handed over per second, from the first poll that saw any to the last. */
export function handoffRate(result: HandoffResult): number {
  const first = result.timeline.find((p) => p.clients > 0);
  const last = result.timeline.at(-1);
  if (!first || !last || last.atMs <= first.atMs) return Number.NaN;
  return (last.clients - first.clients) / ((last.atMs - first.atMs) / 1000);
}
