import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import pg from 'pg';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile } from '../../bot/config/programmeSchema.js';
import { startBenchCluster } from './benchCluster.js';
import { fixed } from './benchReport.js';
import { handoffRate, runHandoffBench } from './handoffBench.js';
import { addClients, makeEveryoneDue } from './seedPostgres.js';

// `npm run bench:handoff -- --clients 20000 --instances 2`: the PostgreSQL hand-over alone (the
// full bench's last part but one), for trying a change to the scheduler's path in a few minutes.
// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server.
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { clients: { type: 'string', default: '20000' }, instances: { type: 'string', default: '2' }, 'deadline-s': { type: 'string', default: '300' } },
  strict: true,
});
const clients = Number(values.clients);
const instances = Number(values.instances);
const deadlineMs = Number(values['deadline-s']) * 1000;
if (!(Number.isInteger(clients) && clients > 0) || !(Number.isInteger(instances) && instances > 0) || !(deadlineMs > 0)) {
  throw new Error('--clients and --instances take whole numbers above 0, --deadline-s a number of seconds');
}
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
if (spawnSync(process.execPath, ['bot/cli/build.mjs'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

const cluster = await startBenchCluster();
try {
  const db = await cluster.freshDatabase();
  await addClients(db.pool, programme, 0, clients);
  const due = await makeEveryoneDue(db.pool as pg.Pool, programme, programme.demoClient?.phone, DateTime.utc());
  // Count only what the servers do.
  await db.pool.query('SELECT pg_stat_reset()');
  await db.pool.end();
  progress(`${due.clients} SMS clients due at ${due.local}; ${instances} server(s)…`);
  const loadBefore = loadavg()[0]!;
  const result = await runHandoffBench({
    databaseUrl: db.url,
    projectRoot,
    due: due.clients,
    instances,
    sendRatePerSecond: 50,
    deadlineMs,
    progress,
    cpuProfDir,
  });
  // What the database did for it: transactions (a statement outside one counts as one) and rows written.
  const stats = new pg.Pool({ connectionString: db.url, max: 1 });
  const work = (
    await stats.query<{ xacts: string; written: string }>(
      `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xacts,
              (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables) AS written`,
    )
  ).rows[0]!;
  await stats.end();
  const cpuMs = result.serverCpuMs.reduce((a, b) => a + b, 0);
  console.log(
    [
      `Hand-over, ${result.due} clients, ${instances} instance(s), load ${fixed(loadBefore, 1)} → ${fixed(loadavg()[0]!, 1)}`,
      `  all handed over: ${result.allHandedMs === undefined ? `no (${result.handed} by ${fixed(result.elapsedMs / 1000, 0)} s)` : `${fixed(result.allHandedMs / 1000, 1)} s`}`,
      `  rate: ${fixed(handoffRate(result), 0)} clients/s; texts ${result.texts}`,
      `  server CPU: ${fixed(cpuMs / 1000, 1)} s in all, ${fixed(cpuMs / Math.max(1, result.handed), 2)} ms per client handed over`,
      `  start-up: ${result.startupMs.map((ms) => fixed(ms, 0)).join(', ')} ms; peak RSS ${result.peakRssMb.map((mb) => fixed(mb, 0)).join(', ')} MB`,
      `  database: ${fixed(Number(work.xacts) / Math.max(1, result.handed), 1)} transactions and ${fixed(Number(work.written) / Math.max(1, result.handed), 1)} rows written per client handed over`,
      `  error lines: ${result.errors.count}${result.errors.first ? ` (first: ${result.errors.first})` : ''}`,
    ].join('\n'),
  );
} finally {
  await cluster.stop();
}
