import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkInInstruments, type Programme } from '../../bot/config/programmeSchema.js';
import { clientFiles } from '../../storage/lowdb/clientFiles.js';
import type { ClientHistory, ClientRecord } from '../../storage/records.js';
import { benchClient, benchClientId, benchHistory } from './benchHistory.js';

/** Bump when the seeded layout or content changes, so stale caches are rebuilt. */
export const SEED_VERSION = 4;

export interface SeedSpec {
  clients: number;
  weeks: number;
}

export interface SeededStore {
  /** A data directory in the store's layout. Never run a server on it: use a working copy. */
  dataDir: string;
  clientIds: string[];
  reused: boolean;
  seedSeconds: number;
  files: number;
  /** Sum of file sizes, and space taken on disk. */
  bytes: number;
  diskBytes: number;
}

interface Manifest extends SeedSpec {
  version: number;
  programmeId: string;
  seedSeconds: number;
  files: number;
  bytes: number;
  diskBytes: number;
}

const DEMO_CLIENT_SEQ = -1;

/**
 * A store of `spec.clients` enrolled clients with `spec.weeks` of weekly check-ins each, written
 * straight to files in LowdbClientStore's layout (see clientFiles).
 * Cached under the OS temp directory and reused while its manifest matches.
 */
export async function ensureSeededStore(spec: SeedSpec, programme: Programme): Promise<SeededStore> {
  const root = join(tmpdir(), `linkwell-bench-v${SEED_VERSION}`);
  const clientIds = Array.from({ length: spec.clients }, (_, n) => benchClientId(n));
  const manifest = readManifest(root);
  if (
    manifest &&
    manifest.version === SEED_VERSION &&
    manifest.clients === spec.clients &&
    manifest.weeks === spec.weeks &&
    manifest.programmeId === programme.id
  ) {
    return { dataDir: join(root, 'data'), clientIds, reused: true, ...pick(manifest) };
  }

  const started = performance.now();
  const building = `${root}.partial-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await writeClients(join(building, 'data', 'clients'), spec, programme);
  const seedSeconds = (performance.now() - started) / 1000;
  const size = measure(join(building, 'data'));
  const complete: Manifest = { version: SEED_VERSION, ...spec, programmeId: programme.id, seedSeconds, ...size };
  await writeFile(join(building, 'manifest.json'), JSON.stringify(complete, null, 2));
  // Swapped in whole, so an interrupted seed is never mistaken for a finished one.
  await rm(root, { recursive: true, force: true });
  await rename(building, root);
  return { dataDir: join(root, 'data'), clientIds, reused: false, ...pick(complete) };
}

async function writeClients(dir: string, spec: SeedSpec, programme: Programme): Promise<void> {
  const instruments = checkInInstruments(programme);
  const linkWorkerIds = programme.linkWorkers.map((w) => w.id);
  const nowMs = Date.now();
  const firstWeekMs = nowMs - (spec.weeks + 1) * 7 * 24 * 3600 * 1000;
  const clients: ClientRecord[] = [];
  // The demo client is enrolled too, so the server's first start does not rewrite the index.
  if (programme.demoClient) {
    clients.push({
      ...programme.demoClient,
      id: benchClientId(DEMO_CLIENT_SEQ),
      channel: 'webchat',
      programmeId: programme.id,
      createdAt: new Date(firstWeekMs).toISOString(),
      consentedAt: new Date(firstWeekMs).toISOString(),
    });
  }

  const inFlight = new Set<Promise<void>>();
  const queue = async (relativePath: string, document: unknown) => {
    const write = writeFile(join(dir, relativePath), JSON.stringify(document)).then(() => void inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= 64) await Promise.race(inFlight);
  };
  for (let n = 0; n < spec.clients; n += 1) {
    const client = benchClient(n, programme.id, linkWorkerIds, firstWeekMs - 3600_000);
    clients.push(client);
    const history = benchHistory(client, instruments, spec.weeks, firstWeekMs);
    await mkdir(join(dir, clientFiles.clientDir(client.id)), { recursive: true });
    await queue(clientFiles.profile(client.id), { conversationReferences: history.conversationReferences });
    for (const [month, document] of byMonth(history)) await queue(clientFiles.month(client.id, month), document);
  }
  await Promise.all(inFlight);
  await writeFile(join(dir, clientFiles.index), JSON.stringify({ version: 1, clients }));
}

function readManifest(root: string): Manifest | undefined {
  const path = join(root, 'manifest.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function pick(m: Manifest) {
  return { seedSeconds: m.seedSeconds, files: m.files, bytes: m.bytes, diskBytes: m.diskBytes };
}

function measure(dir: string): { files: number; bytes: number; diskBytes: number } {
  let files = 0;
  let bytes = 0;
  let diskBytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = statSync(join(entry.parentPath, entry.name));
    files += 1;
    bytes += stat.size;
    diskBytes += stat.blocks * 512;
  }
  return { files, bytes, diskBytes };
}

/** A history cut into the store's month documents: records of a check-in go with its start month. */
function byMonth(history: ClientHistory): Map<string, Omit<ClientHistory, 'clientId' | 'conversationReferences'>> {
  const months = new Map<string, Omit<ClientHistory, 'clientId' | 'conversationReferences'>>();
  const monthOfCheckIn = new Map(history.checkIns.map((c) => [c.id, clientFiles.monthOf(c.startedAt)]));
  const documentFor = (month: string) => {
    if (!months.has(month)) months.set(month, { checkIns: [], responses: [], scores: [], notes: [], events: [], attendance: [], tasks: [] });
    return months.get(month)!;
  };
  for (const checkIn of history.checkIns) documentFor(monthOfCheckIn.get(checkIn.id)!).checkIns.push(checkIn);
  for (const response of history.responses) documentFor(monthOfCheckIn.get(response.checkInId)!).responses.push(response);
  for (const score of history.scores) documentFor(monthOfCheckIn.get(score.checkInId)!).scores.push(score);
  for (const note of history.notes) {
    documentFor(note.checkInId ? monthOfCheckIn.get(note.checkInId)! : clientFiles.monthOf(note.createdAt)).notes.push(note);
  }
  return months;
}
