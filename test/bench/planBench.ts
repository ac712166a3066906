import { DateTime } from 'luxon';
import { performance } from 'node:perf_hooks';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { planDue, type ClientScheduleState, type Ledger } from '../../bot/schedule/planDue.js';
import { fixed, verdict } from './benchReport.js';

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Brisbane', 'Europe/Dublin', 'Australia/Sydney'];
export const PLAN_TARGET = { clients: 100_000, seconds: 1 };

export interface PlanResult {
  clients: number;
  coldMs: number;
  warmMs: number;
  sends: number;
}

/**
 * Plan the due work of `clients` clients at one instant (a Monday 10:00 in London, when most
 * routine check-ins fall due), twice: the first pass works out each client's fixed dates, the
 * second is the steady state of a scheduler running every minute. Enrolments are spread over the
 * past year, so clients are at every stage of the programme.
 */
export function runPlanBench(programme: Programme, clients: number): PlanResult {
  const now = DateTime.fromISO('2026-11-23T10:00:00Z', { zone: 'utc' });
  const population: ClientScheduleState[] = Array.from({ length: clients }, (_, n) => {
    const enrolled = now.minus({ hours: (n * 7919) % (365 * 24) }).toISO()!;
    return { id: `bench-${n}`, timezone: ZONES[n % ZONES.length]!, enrolledAt: enrolled, consentedAt: enrolled };
  });
  const ledger: Ledger = { sent: new Set(), skipped: new Set(), answered: new Set(), sentInWeek: () => 0 };
  const pass = () => {
    let sends = 0;
    const started = performance.now();
    for (const client of population) sends += planDue(programme, client, ledger, now).filter((d) => d.action === 'send').length;
    return { ms: performance.now() - started, sends };
  };
  const cold = pass();
  const warm = pass();
  return { clients, coldMs: cold.ms, warmMs: warm.ms, sends: warm.sends };
}

/** Report lines and the target check, extrapolated to PLAN_TARGET.clients. */
export function planReport(result: PlanResult): { lines: string[]; check: string[] } {
  const scale = PLAN_TARGET.clients / result.clients;
  const projected = (result.warmMs * scale) / 1000;
  return {
    lines: [
      `Planning (pure planDue, no I/O) for ${result.clients} clients at one instant: first pass ${fixed(result.coldMs / 1000, 2)} s ` +
        `(${fixed((result.coldMs * 1000) / result.clients, 0)} us a client), steady state ${fixed(result.warmMs / 1000, 2)} s ` +
        `(${fixed((result.warmMs * 1000) / result.clients, 0)} us a client); ${result.sends} sends due.`,
    ],
    check: [`plan ${PLAN_TARGET.clients} clients (steady state, projected)`, `${fixed(projected, 1)} s`, `< ${PLAN_TARGET.seconds} s`, verdict(projected < PLAN_TARGET.seconds)],
  };
}
