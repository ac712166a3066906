import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { DateTime } from 'luxon';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { clientFiles } from '../../storage/lowdb/clientFiles.js';
import type { ClientRecord } from '../../storage/records.js';
import { benchClient } from './benchHistory.js';

export interface PgSeed {
  seconds: number;
  clients: number;
  months: number;
  checkIns: number;
  /**
   * Check-in ids the seed gives two clients (benchHistory draws them from a PRNG seeded by the client
   * id, whose sequences can overlap): kept for one of them only (as db:import would, but there the later client wins).
   */
  duplicateCheckIns: number;
  /** JSON copied, in bytes. */
  bytes: number;
}

/** Clients per batch of INSERTs; a few batches are in flight at once, as the cluster has cores. */
const BATCH = 100;
const IN_FLIGHT = 3;

/**
 * Copy the lowdb seed (seedStore.ts) into an empty, migrated database: the rows `db:import` writes
 * (clients, their conversation references, their months and which month holds each check-in), but a
 * hundred clients to a statement instead of a row at a time. `clients` keeps the seed's first N (and
 * the demo client). Ends with ANALYZE, as autovacuum would soon after an import.
 */
export async function seedPostgres(pool: Pool, seedDir: string, clients?: number): Promise<PgSeed> {
  const started = performance.now();
  const dir = join(seedDir, 'clients');
  const index = JSON.parse(readFileSync(join(dir, clientFiles.index), 'utf8')) as { clients: ClientRecord[] };
  const kept = clients === undefined ? index.clients : index.clients.slice(0, clients + 1);
  const seed: PgSeed = { seconds: 0, clients: kept.length, months: 0, checkIns: 0, duplicateCheckIns: 0, bytes: 0 };
  const inFlight = new Set<Promise<void>>();
  for (let at = 0; at < kept.length; at += BATCH) {
    const batch = insertBatch(pool, dir, kept.slice(at, at + BATCH), seed).then(() => void inFlight.delete(batch));
    inFlight.add(batch);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await pool.query('ANALYZE');
  seed.seconds = (performance.now() - started) / 1000;
  return seed;
}

async function insertBatch(pool: Pool, dir: string, clients: ClientRecord[], seed: PgSeed): Promise<void> {
  const profiles: string[] = [];
  const months: string[] = [];
  const checkIns: { id: string[]; client: string[]; month: string[] } = { id: [], client: [], month: [] };
  for (const client of clients) {
    const clientDir = join(dir, clientFiles.clientDir(client.id));
    if (!existsSync(clientDir)) continue;
    for (const file of readdirSync(clientDir)) {
      const text = readFileSync(join(clientDir, file), 'utf8');
      seed.bytes += text.length;
      if (file === 'profile.json') {
        const references = JSON.stringify((JSON.parse(text) as { conversationReferences: unknown }).conversationReferences);
        profiles.push(`{"client_id":${JSON.stringify(client.id)},"references_":${references}}`);
      } else if (clientFiles.isMonthFile(file)) {
        const month = file.slice(0, 7);
        // The document goes in as read: parsed only for the ids of its check-ins.
        months.push(`{"client_id":${JSON.stringify(client.id)},"month":"${month}","doc":${text}}`);
        for (const checkIn of (JSON.parse(text) as { checkIns: Array<{ id: string }> }).checkIns) {
          checkIns.id.push(checkIn.id);
          checkIns.client.push(client.id);
          checkIns.month.push(month);
        }
      }
    }
  }
  await insertClients(pool, clients);
  await pool.query('INSERT INTO client_profiles (client_id, references_) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(client_id text, references_ jsonb)', [
    `[${profiles.join(',')}]`,
  ]);
  await pool.query(
    'INSERT INTO client_months (client_id, month, doc) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(client_id text, month text, doc jsonb)',
    [`[${months.join(',')}]`],
  );
  const inserted = await pool.query(
    'INSERT INTO client_check_ins (check_in_id, client_id, month) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (check_in_id) DO NOTHING',
    [checkIns.id, checkIns.client, checkIns.month],
  );
  seed.months += months.length;
  seed.checkIns += inserted.rowCount ?? 0;
  seed.duplicateCheckIns += checkIns.id.length - (inserted.rowCount ?? 0);
}

async function insertClients(pool: Pool, clients: readonly ClientRecord[]): Promise<void> {
  await pool.query(
    "INSERT INTO clients (id, phone, record) SELECT r.record ->> 'id', r.record ->> 'phone', r.record FROM jsonb_array_elements($1::jsonb) AS r(record)",
    [JSON.stringify(clients)],
  );
}

/**
 * Clients with no history, numbered on from the seed's (`from`, `from + 1`, …), paused like the
 * seed's so that the scheduler has nothing to send them: a client list that grows, nothing more.
 */
export async function addClients(pool: Pool, programme: Programme, from: number, count: number): Promise<number> {
  const started = performance.now();
  const linkWorkerIds = programme.linkWorkers.map((w) => w.id);
  const createdAtMs = Date.now() - 53 * 7 * 24 * 3600_000;
  for (let at = 0; at < count; at += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - at) }, (_, n) => benchClient(from + at + n, programme.id, linkWorkerIds, createdAtMs));
    await insertClients(pool, batch);
  }
  await pool.query('ANALYZE clients, client_attention');
  return (performance.now() - started) / 1000;
}

/**
 * Make every client but the demo one an SMS client whose weekly check-in fell due a few minutes
 * ago: enrolled three weeks ago (past the baseline wave, before the week-8 one), agreed, not paused,
 * in a zone where it is day time now (outside quiet hours), with their own check-in day and time
 * set to today and a few minutes ago there. Returns the zone chosen and the local time of the check-in.
 */
export async function makeEveryoneDue(
  pool: Pool,
  programme: Programme,
  demoPhone: string | undefined,
  now: DateTime,
): Promise<{ zone: string; local: string; clients: number }> {
  const zone = dayTimeZone(programme, now);
  const local = now.setZone(zone).minus({ minutes: 5 });
  const enrolled = now.minus({ weeks: 3, days: 1 }).toUTC().toISO()!;
  const start = local.toFormat('HH:mm');
  const end = local.plus({ hours: 2 }).toFormat('HH:mm');
  const result = await pool.query(
    `UPDATE clients SET record = (record - 'pausedUntil') || jsonb_build_object(
       'channel', 'sms', 'timezone', $1::text, 'preferredDay', $2::text,
       'preferredTimeWindow', jsonb_build_object('start', $3::text, 'end', $4::text),
       'createdAt', $5::text, 'consentedAt', $5::text)
     WHERE phone IS DISTINCT FROM $6`,
    [zone, local.toFormat('cccc').toLowerCase(), start, end, enrolled, demoPhone ?? null],
  );
  await pool.query('ANALYZE clients, client_attention');
  return { zone, local: `${local.toFormat('cccc HH:mm')} in ${zone}`, clients: result.rowCount ?? 0 };
}

/** A zone where it is now at least an hour into the day and at least an hour before quiet hours begin. */
function dayTimeZone(programme: Programme, now: DateTime): string {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const dayStart = minutes(programme.quietHours.end) + 60;
  const dayEnd = minutes(programme.quietHours.start) - 60;
  const zones = [
    'Europe/London',
    'Europe/Berlin',
    'Asia/Dubai',
    'Asia/Kolkata',
    'Asia/Bangkok',
    'Asia/Tokyo',
    'Australia/Sydney',
    'Pacific/Auckland',
    'Pacific/Honolulu',
    'America/Los_Angeles',
    'America/Denver',
    'America/Chicago',
    'America/New_York',
    'America/Sao_Paulo',
    'Atlantic/Azores',
  ];
  for (const zone of zones) {
    const local = now.setZone(zone);
    const at = local.hour * 60 + local.minute;
    if (at >= dayStart && at <= dayEnd) return zone;
  }
  throw new Error('no zone in the list is in day time now');
}
