import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock } from '../../bot/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { clientFiles } from '../../storage/lowdb/clientFiles.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import type { CheckInRecord, ClientRecord } from '../../storage/records.js';
import { Browser, PASSWORD } from '../staff/staffRig.js';
import { fixed, formatTable, verdict } from './benchReport.js';
import { linkCopy } from './linkCopy.js';
import { ensureSeededStore } from './seedStore.js';
import { startServer } from './serverProcess.js';

// `npx tsx test/bench/outcomesBench.ts [clients]` (default 2,000): the outcomes page and the
// item-level CSV for a programme of that many clients with a year of weekly check-ins each, three of
// them measurement waves (baseline, week 8, programme end), through a real server process.
// Uses bench.ts's seeded store (10,000 clients, cached), cut down to the first N in a working copy.

const SEED = { clients: 10_000, weeks: 52 };
/** The page must render within this on a slow laptop; this machine is measured, so aim well below. */
const TARGET_PAGE_MS = 3000;
/** Texts and chat turns must not wait on the outcomes: Twilio gives a webhook 15 s, a person less. */
const TARGET_HEALTHZ_MS = 500;
/** Weekly check-ins relabelled as waves: week index → wave id. */
const WAVE_WEEKS: ReadonlyArray<readonly [number, string]> = [
  [0, 'baseline'],
  [8, 'week-8'],
  [51, 'programme-end'],
];

export interface OutcomesBenchResult {
  clients: number;
  answers: number;
  pageMs: number[];
  pageBytes: number;
  /** The slowest GET /healthz while the first page was being computed. */
  healthzWorstMs: number;
  itemsMs: number[];
  itemsBytes: number;
  itemsRows: number;
  itemsFirstByteMs: number;
  wavesMs: number;
  serverCpuMs: { page: number; items: number };
  peakRssMb: number;
}

/** Measure the outcomes page and downloads for `clients` seeded clients; `progress` gets a line per step. */
export async function runOutcomesBench(clients: number, programme: Programme, progress: (line: string) => void): Promise<OutcomesBenchResult> {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  progress(`Outcomes: seeding (or reusing) ${SEED.clients} clients, using the first ${clients}…`);
  const seed = await ensureSeededStore(SEED, programme);
  const runDir = mkdtempSync(join(tmpdir(), 'linkwell-outcomes-bench-'));
  const dataDir = join(runDir, 'data');
  try {
    const answers = copyClients(join(seed.dataDir, 'clients'), join(dataDir, 'clients'), clients);
    await openStaffStore(dataDir).accounts.create({
      id: 'bench-duty',
      email: 'duty@example.org',
      name: 'Bench duty',
      role: 'duty',
      passwordHash: await hashPassword(PASSWORD),
      failedAttempts: 0,
      createdAt: systemClock.now().toISO()!,
    });
    const server = await startServer({
      entry: 'bot/cli/start.ts',
      projectRoot,
      dataDir,
      env: { LOG_LEVEL: 'warn', ADMIN_API_TOKEN: 'bench-admin-token-0123456789abcdef', CHAT_LINK_SECRET: 'bench-chat-link-secret-0123456789abcdef0123' },
    });
    try {
      const browser = new Browser(`http://127.0.0.1:${server.port}`);
      if ((await browser.signIn('duty@example.org', PASSWORD)).status !== 303) throw new Error('the bench could not sign in');
      const pageMs: number[] = [];
      let pageBytes = 0;
      let healthzWorstMs = 0;
      let cpu = server.cpuMs();
      const coldCpuStart = cpu;
      let coldCpu = 0;
      for (let run = 0; run < 3; run += 1) {
        // While the first (uncached) page is computed, the server must keep answering others.
        let computing = run === 0;
        const probe = (async () => {
          while (computing) {
            const asked = performance.now();
            await fetch(`http://127.0.0.1:${server.port}/healthz`);
            healthzWorstMs = Math.max(healthzWorstMs, performance.now() - asked);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })();
        const started = performance.now();
        const page = await browser.get('/staff/outcomes');
        pageMs.push(performance.now() - started);
        computing = false;
        await probe;
        if (run === 0) coldCpu = server.cpuMs() - coldCpuStart;
        if (page.status !== 200 || !page.body.includes('Clients asked</dt><dd>')) throw new Error(`outcomes page: ${page.status}`);
        pageBytes = page.body.length;
        progress(`Outcomes page ${run + 1}${run === 0 ? ' (computed)' : ' (kept summary)'}: ${fixed(pageMs.at(-1)!, 0)} ms`);
      }
      const pageCpu = coldCpu;

      const itemsMs: number[] = [];
      let itemsBytes = 0;
      let itemsRows = 0;
      let itemsFirstByteMs = 0;
      cpu = server.cpuMs();
      for (let run = 0; run < 2; run += 1) {
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${server.port}/staff/outcomes/items.csv`, {
          headers: { Accept: 'text/html', Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        if (res.status !== 200 || !res.body) throw new Error(`items.csv: ${res.status}`);
        let bytes = 0;
        let rows = 0;
        let first = 0;
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          if (first === 0) first = performance.now() - started;
          bytes += chunk.byteLength;
          for (const byte of chunk) if (byte === 10) rows += 1;
        }
        itemsMs.push(performance.now() - started);
        itemsBytes = bytes;
        itemsRows = rows - 1;
        itemsFirstByteMs = first;
        progress(`items.csv ${run + 1}: ${fixed(itemsMs.at(-1)!, 0)} ms, ${itemsRows} rows`);
      }
      const itemsCpu = (server.cpuMs() - cpu) / itemsMs.length;
      if (itemsRows !== answers) throw new Error(`items.csv has ${itemsRows} rows, the store ${answers} answers`);

      const started = performance.now();
      const waves = await browser.get('/staff/outcomes/waves.csv');
      const wavesMs = performance.now() - started;
      if (waves.status !== 200) throw new Error(`waves.csv: ${waves.status}`);
      const peakRssMb = server.memory().peakRssMb;
      return { clients, answers, pageMs, pageBytes, healthzWorstMs, itemsMs, itemsBytes, itemsRows, itemsFirstByteMs, wavesMs, serverCpuMs: { page: pageCpu, items: itemsCpu }, peakRssMb };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/**
 * A working copy of the seed's first `count` clients (and the demo client), with three of each
 * one's weekly check-ins made measurement waves. Files are hard links to the cached seed, so a
 * changed one is replaced, never written through. Returns the answers kept.
 */
function copyClients(from: string, dir: string, count: number): number {
  const index = JSON.parse(readFileSync(join(from, clientFiles.index), 'utf8')) as { version: number; clients: ClientRecord[] };
  const kept = index.clients.slice(0, count + 1);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, clientFiles.index), JSON.stringify({ ...index, clients: kept }));
  let answers = 0;
  for (const client of kept) {
    const source = join(from, clientFiles.clientDir(client.id));
    if (!existsSync(source)) continue;
    const clientDir = join(dir, clientFiles.clientDir(client.id));
    linkCopy(source, clientDir);
    const months = readdirSync(clientDir).filter(clientFiles.isMonthFile).sort();
    let week = 0;
    for (const month of months) {
      const path = join(clientDir, month);
      const document = JSON.parse(readFileSync(path, 'utf8')) as { checkIns: CheckInRecord[]; responses: unknown[] };
      answers += document.responses.length;
      let changed = false;
      for (const checkIn of document.checkIns) {
        const wave = WAVE_WEEKS.find(([w]) => w === week)?.[1];
        week += 1;
        if (!wave) continue;
        checkIn.kind = 'wave';
        checkIn.occurrenceKey = `${client.id}|wave|${wave}|${checkIn.startedAt.slice(0, 16)}`;
        changed = true;
      }
      if (changed) replaceFile(path, JSON.stringify(document));
    }
  }
  return answers;
}

function replaceFile(path: string, text: string): void {
  unlinkSync(path);
  writeFileSync(path, text);
}

/** The figures as lines of text, with the page target checked. */
export function outcomesReport(r: OutcomesBenchResult): string[] {
  const worstPage = Math.max(...r.pageMs);
  const kept = r.pageMs.slice(1);
  return [
    `Outcomes page and downloads: ${r.clients} clients, a year of weekly check-ins each (3 of them waves), ${r.answers} stored answers; real server, one request at a time.`,
    formatTable(
      ['request', 'runs (ms)', 'server CPU ms', 'size'],
      [
        ['GET /staff/outcomes, computed', fixed(r.pageMs[0]!, 0), fixed(r.serverCpuMs.page, 0), `${fixed(r.pageBytes / 1024)} KB`],
        ['GET /staff/outcomes, summary kept', kept.map((ms) => fixed(ms, 0)).join(' / '), '', ''],
        ['GET /staff/outcomes/items.csv', r.itemsMs.map((ms) => fixed(ms, 0)).join(' / '), fixed(r.serverCpuMs.items, 0), `${fixed(r.itemsBytes / 2 ** 20)} MB, ${r.itemsRows} rows`],
        ['GET /staff/outcomes/waves.csv, summary kept', fixed(r.wavesMs, 0), '', ''],
      ],
    ),
    `items.csv first byte after ${fixed(r.itemsFirstByteMs, 0)} ms; slowest GET /healthz while the page was computed ${fixed(r.healthzWorstMs, 0)} ms;`,
    `server peak RSS ${fixed(r.peakRssMb, 0)} MB; machine: ${cpus().length} cores, 1-min load average ${fixed(loadavg()[0]!, 1)}.`,
    formatTable(
      ['target', 'measured', 'target', ''],
      [
        [`outcomes page, ${r.clients} clients, computed`, `${fixed(worstPage / 1000, 2)} s`, `< ${TARGET_PAGE_MS / 1000} s`, verdict(worstPage < TARGET_PAGE_MS)],
        ['GET /healthz while it is computed', `${fixed(r.healthzWorstMs, 0)} ms`, `< ${TARGET_HEALTHZ_MS} ms`, verdict(r.healthzWorstMs < TARGET_HEALTHZ_MS)],
      ],
    ),
  ];
}

/** For bench.ts: run and print. */
export async function printOutcomesBench(clients = 2000): Promise<void> {
  const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
  const result = await runOutcomesBench(clients, programme, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`\n${outcomesReport(result).join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printOutcomesBench(process.argv[2] ? Number.parseInt(process.argv[2], 10) : undefined);
}
