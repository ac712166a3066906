import { DateTime } from 'luxon';
import { performance } from 'node:perf_hooks';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { planDue, type ClientScheduleState, type Ledger } from '../../bot/schedule/planDue.js';
import { fixed, percentile, verdict } from './benchReport.js';

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Brisbane', 'Europe/Dublin', 'Australia/Sydney'];
export const PLAN_TARGET = { clients: 100_000, seconds: 1 };
const WARM_PASSES = 3;

export interface PlanResult {
  clients: number;
  coldMs: number;
  /** The median of the steady-state passes. */
  warmMs: number;
  sends: number;
}

/**
 * Plan the due work of `clients` clients at one instant (a Monday 10:00 in London, when most
 * routine check-ins fall due): a first pass, as after a restart, which works out each client's
 * schedule; then the steady state of a scheduler running every minute (the median of three
 * passes). Enrolments are spread over the past year, so clients are at every stage of the
 * programme; the ledger is empty, so everything in the look-back window comes up every pass.
 */
export function runPlanBench(programme: Programme, clients: number): PlanResult {
  const now = DateTime.fromISO('2026-11-23T10:00:00Z', { zone: 'utc' });
  const nowMs = now.toMillis();
  const population: ClientScheduleState[] = Array.from({ length: clients }, (_, n) => {
    // The string luxon's toISO() gives in UTC, made without a DateTime for each of 100,000 clients.
    const enrolled = new Date(nowMs - ((n * 7919) % (365 * 24)) * 3_600_000).toISOString();
    return { id: `bench-${n}`, timezone: ZONES[n % ZONES.length]!, enrolledAt: enrolled, consentedAt: enrolled };
  });
  const ledger: Ledger = { sent: new Set(), skipped: new Set(), answered: new Set(), sentInWeek: () => 0 };
  const pass = () => {
    let sends = 0;
    const started = performance.now();
    for (const client of population) {
      for (const decision of planDue(programme, client, ledger, now)) if (decision.action === 'send') sends += 1;
    }
    return { ms: performance.now() - started, sends };
  };
  const cold = pass();
  const warm = Array.from({ length: WARM_PASSES }, pass);
  return {
    clients,
    coldMs: cold.ms,
    warmMs: percentile(
      warm.map((p) => p.ms),
      50,
    ),
    sends: warm[0]!.sends,
  };
}

/** Report lines and the target check (projected to PLAN_TARGET.clients when fewer were planned). */
export function planReport(result: PlanResult): { lines: string[]; check: string[] } {
  const projected = result.clients < PLAN_TARGET.clients;
  const seconds = (result.warmMs * Math.max(1, PLAN_TARGET.clients / result.clients)) / 1000;
  const perClient = (ms: number) => `${fixed((ms * 1000) / result.clients, 1)} us a client`;
  return {
    lines: [
      `Planning (pure planDue, no I/O) for ${result.clients} clients at one instant: first pass ${fixed(result.coldMs / 1000, 2)} s ` +
        `(${perClient(result.coldMs)}), steady state ${fixed(result.warmMs / 1000, 2)} s (${perClient(result.warmMs)}, median of ${WARM_PASSES}); ` +
        `${result.sends} sends due.`,
    ],
    check: [
      `plan ${PLAN_TARGET.clients} clients (steady state${projected ? ', projected' : ''})`,
      `${fixed(seconds, 2)} s`,
      `< ${PLAN_TARGET.seconds} s`,
      verdict(seconds < PLAN_TARGET.seconds),
    ],
  };
}
