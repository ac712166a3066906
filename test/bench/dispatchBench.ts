import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Clock } from '../../bot/time/clock.js';
import type { Programme } from '../../bot/config/programmeSchema.js';
import type { TickReport } from '../../bot/schedule/scheduleDispatcher.js';
import { clientFiles } from '../../storage/lowdb/clientFiles.js';
import type { ClientRecord } from '../../storage/records.js';
import { startSmsTestApp } from '../support/smsTestApp.js';
import { fixed, verdict } from './benchReport.js';

/** Monday 30 November 2026, 10:00 in London: every client's routine check-in falls due. */
const DUE = DateTime.fromISO('2026-11-30T10:00:00Z', { zone: 'utc' });

export interface DispatchResult {
  clients: number;
  ratePerSecond: number;
  pass: TickReport;
  /** From the start of the pass until every check-in was handed to the channel (in the outbox). */
  passMs: number;
  texts: number;
  /** From the start of the pass until Twilio had been asked for every text. */
  sendMs: number;
}

/**
 * The real dispatch path: `clients` consented SMS clients all due at one instant, the scheduler's
 * pass over them (ledger claim, a proactive turn of the bot that starts the check-in, texts into
 * the durable outbox, ledger settle), then the outbox sending through a fake Twilio at
 * `ratePerSecond`. The clock runs at real speed from the due instant.
 */
export async function runDispatchBench(programme: Programme, clients: number, ratePerSecond: number): Promise<DispatchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-bench-dispatch-'));
  const phones = seedClients(dataDir, programme, clients);
  // Real speed from a moment that moves: the day before (to settle what lapsed before the bench's
  // clients existed, as a running scheduler would have), then the due instant.
  let base = DUE.minus({ days: 1 });
  let started = performance.now();
  const clock: Clock = {
    now: () => base.plus({ milliseconds: performance.now() - started }),
    after: (ms, fn) => {
      const timer = setTimeout(fn, Math.max(0, ms));
      return () => clearTimeout(timer);
    },
  };
  const t = await startSmsTestApp({ clock, dataDir, programme, env: { SMS_SEND_RATE_PER_SECOND: String(ratePerSecond) } });
  try {
    await t.app.scheduler.tick();
    await t.settle();
    t.twilio.reset();
    base = DUE;
    started = performance.now();
    const passStarted = performance.now();
    const pass = await t.app.scheduler.tick();
    const passMs = performance.now() - passStarted;
    await t.settle();
    const sendMs = performance.now() - passStarted;
    const texts = t.twilio.messages.filter((m) => phones.has(m.to)).length;
    return { clients, ratePerSecond, pass, passMs, texts, sendMs };
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Clients enrolled two to ten weeks before DUE (past their baseline), all agreed, all on SMS. */
function seedClients(dataDir: string, programme: Programme, count: number): Set<string> {
  const records: ClientRecord[] = Array.from({ length: count }, (_, n) => {
    const enrolled = DUE.minus({ days: 14 + (n % 56), hours: 3 }).toISO()!;
    return {
      id: `d${String(n).padStart(7, '0')}-bench`,
      programmeId: programme.id,
      name: `Client ${n}`,
      phone: `+4477009${String(n).padStart(5, '0')}`,
      timezone: 'Europe/London',
      linkWorkerId: programme.linkWorkers[0]!.id,
      channel: 'sms',
      createdAt: enrolled,
      consentedAt: enrolled,
    };
  });
  const dir = join(dataDir, 'clients');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, clientFiles.index), JSON.stringify({ version: 1, clients: records }));
  return new Set(records.map((r) => r.phone));
}

/** Report lines and the target check: the scheduler must keep ahead of the send rate, which alone sets the pace. */
export function dispatchReport(result: DispatchResult): { lines: string[]; check: string[] } {
  const { pass, texts } = result;
  const handedPerSecond = pass.sent / (result.passMs / 1000);
  const textsPerCheckIn = texts / Math.max(1, pass.sent);
  const achieved = texts / (result.sendMs / 1000);
  const limitedBySendRate = handedPerSecond * textsPerCheckIn >= result.ratePerSecond && achieved >= 0.9 * result.ratePerSecond;
  return {
    lines: [
      `Dispatch (real server, ledger, bot and outbox; fake Twilio at ${result.ratePerSecond} texts/s): ${result.clients} clients due at one instant; ` +
        `the scheduler's pass started ${pass.sent} check-ins (${pass.skipped} skipped, ${pass.failed} failed) in ${fixed(result.passMs / 1000, 2)} s ` +
        `(${fixed(handedPerSecond, 0)} check-ins/s = ${fixed(handedPerSecond * textsPerCheckIn, 0)} texts/s into the outbox); ` +
        `${texts} texts reached Twilio in ${fixed(result.sendMs / 1000, 1)} s (${fixed(achieved, 0)}/s).`,
      `  Projected to 100,000 clients due at once: the scheduler hands them over in ~${fixed(100_000 / handedPerSecond / 60, 0)} min; ` +
        `sending their ~${fixed((100_000 * textsPerCheckIn) / 1000, 0)}k texts takes ~${fixed((100_000 * textsPerCheckIn) / result.ratePerSecond / 60, 0)} min at ${result.ratePerSecond}/s.`,
    ],
    check: [
      'dispatch limited only by the send rate',
      `${fixed(handedPerSecond * textsPerCheckIn, 0)} texts/s queued, ${fixed(achieved, 0)}/s sent`,
      `>= ${result.ratePerSecond}/s queued, >= 90% of it sent`,
      verdict(limitedBySendRate),
    ],
  };
}
