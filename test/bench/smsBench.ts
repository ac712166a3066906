import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { fixed, formatTable, percentile, verdict } from './benchReport.js';
import { linkCopy } from './linkCopy.js';
import { startServer, type Memory } from './serverProcess.js';
import { runSmsWebhookLoad, type SmsLoadResult } from './smsLoad.js';
import { HttpClient } from './httpClient.js';
import { CHAT_LINK_SECRET, untilReady } from './turnScenario.js';

const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
export interface SmsPhaseSpec {
  name: string;
  concurrency: number;
  requests: number;
  timed: boolean;
}

export const SMS_PHASES: readonly SmsPhaseSpec[] = [
  { name: 'warm-up', concurrency: 8, requests: 200, timed: false },
  { name: 'c=1', concurrency: 1, requests: 300, timed: true },
  { name: 'c=32', concurrency: 32, requests: 3000, timed: true },
];
/** "check in" by SMS: the intro, then the first question. */
const REPLIES_PER_TEXT = 2;
export const SMS_TARGETS = { webhookP99Ms: 50, outboxPerSecond: 100 };

export interface SmsPhase {
  name: string;
  concurrency: number;
  load: SmsLoadResult;
  /** Texts Twilio was asked to send in this phase, and how long from the phase's start until the last. */
  sent: number;
  sendingMs: number;
  /** From the last webhook answer until the outbox had sent everything. */
  drainMs: number;
}

export interface SmsScenarioResult {
  startupMs: number;
  afterLoad: Memory;
  phases: SmsPhase[];
}

/**
 * Inbound webhook latency and outbound throughput: signed "check in" texts from seeded clients'
 * phones to a Linkwell server with SMS on, sending through a fake Twilio in this process.
 */
export async function runSmsScenario(options: {
  seedDir: string;
  runDir: string;
  /** PostgreSQL (already seeded) instead of a working copy of the seed's folder. */
  databaseUrl?: string | undefined;
  /** Prefix of the progress lines (default "sms"). */
  name?: string;
  projectRoot: string;
  phones: () => string;
  progress: (line: string) => void;
  cpuProfDir?: string | undefined;
  phases?: readonly SmsPhaseSpec[];
}): Promise<SmsScenarioResult> {
  const name = options.name ?? 'sms';
  const dataDir = join(options.runDir, name.replace(/\W+/g, '-'));
  if (options.databaseUrl) mkdirSync(dataDir, { recursive: true });
  else linkCopy(options.seedDir, dataDir);
  const fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  let publicBaseUrl = '';
  const server = await startServer({
    entry: 'bot/cli/start.ts',
    projectRoot: options.projectRoot,
    dataDir,
    cpuProfDir: options.cpuProfDir,
    env: (port) => {
      publicBaseUrl = `http://127.0.0.1:${port}`;
      return {
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: publicBaseUrl,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_FROM_NUMBER: '+447700900999',
        TWILIO_API_BASE_URL: fake.url,
        // The outbox itself is measured: no limit below what it can do.
        SMS_SEND_RATE_PER_SECOND: '1000',
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, CHAT_LINK_SECRET } : {}),
      };
    },
  });
  try {
    // On PostgreSQL the scheduler's first pass reads every client's ledger: not while webhooks are timed.
    if (options.databaseUrl) {
      const http = new HttpClient(server.port);
      await untilReady(http).finally(() => http.close());
    }
    const phases: SmsPhase[] = [];
    for (const phase of options.phases ?? SMS_PHASES) {
      const before = fake.messages.length;
      const load = await runSmsWebhookLoad({
        port: server.port,
        publicBaseUrl,
        authToken: AUTH_TOKEN,
        accountSid: ACCOUNT_SID,
        nextPhone: options.phones,
        concurrency: phase.concurrency,
        requests: phase.requests,
        text: 'check in',
      });
      const expected = before + load.latenciesMs.length * REPLIES_PER_TEXT;
      const lastSentAt = await waitForMessages(fake, expected);
      const sent = fake.messages.length - before;
      const result: SmsPhase = {
        name: phase.name,
        concurrency: phase.concurrency,
        load,
        sent,
        sendingMs: lastSentAt - load.startedAt,
        drainMs: Math.max(0, lastSentAt - load.endedAt),
      };
      options.progress(
        `${name} ${phase.name}: ${load.latenciesMs.length} webhooks, p50 ${fixed(percentile(load.latenciesMs, 50), 2)} ms, p99 ${fixed(percentile(load.latenciesMs, 99), 2)} ms, ` +
          `${load.failures} failed; ${sent} texts out at ${fixed(sent / (result.sendingMs / 1000), 0)}/s`,
      );
      if (phase.timed) phases.push(result);
    }
    const wrong = fake.messages.filter((m) => !/automated check-in|lack companionship/.test(m.body)).length;
    if (wrong > 0) throw new Error(`${wrong} texts sent were not the check-in's first messages`);
    return { startupMs: server.startupMs, afterLoad: server.memory(), phases };
  } finally {
    await server.stop();
    await fake.close();
  }
}

/** Poll until the fake has `count` messages (or 60 s pass); returns performance.now() when it did. */
async function waitForMessages(fake: FakeTwilio, count: number): Promise<number> {
  const deadline = performance.now() + 60_000;
  while (fake.messages.length < count && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  return performance.now();
}

export const SMS_HEADER = ['concurrency', 'webhooks', 'failed', 'p50 ms', 'p99 ms', 'webhooks/s', 'texts out', 'texts out/s', 'outbox drain ms'] as const;

/** The SMS table's rows (SMS_HEADER), a timed phase each. */
export function smsRows(result: SmsScenarioResult): string[][] {
  return result.phases.map((p) => [
    String(p.concurrency),
    String(p.load.latenciesMs.length),
    String(p.load.failures),
    fixed(percentile(p.load.latenciesMs, 50), 2),
    fixed(percentile(p.load.latenciesMs, 99), 2),
    fixed(p.load.latenciesMs.length / (p.load.wallMs / 1000), 0),
    String(p.sent),
    fixed(p.sent / (p.sendingMs / 1000), 0),
    fixed(p.drainMs, 0),
  ]);
}

/** The SMS part of the report. */
export function smsReport(result: SmsScenarioResult): { table: string; checks: string[][] } {
  const table = formatTable(SMS_HEADER, smsRows(result));
  const checks = result.phases.map((p) => {
    const p99 = percentile(p.load.latenciesMs, 99);
    return [
      `SMS webhook p99 ${p.name}`,
      `${fixed(p99, 2)} ms`,
      `< ${SMS_TARGETS.webhookP99Ms} ms`,
      verdict(p.load.failures === 0 && p99 < SMS_TARGETS.webhookP99Ms),
    ];
  });
  const busiest = result.phases.at(-1)!;
  const perSecond = busiest.sent / (busiest.sendingMs / 1000);
  checks.push([
    `SMS outbox throughput, ${busiest.name}`,
    `${fixed(perSecond, 0)} texts/s`,
    `>= ${SMS_TARGETS.outboxPerSecond}/s`,
    verdict(perSecond >= SMS_TARGETS.outboxPerSecond),
  ]);
  return { table, checks };
}
