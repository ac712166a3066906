import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder-core';
import type { Pool, PoolClient } from 'pg';
import { historyFrom, type MonthDocument } from '../clientMonths.js';
import { lockDataDir } from '../lowdb/dataDirLock.js';
import { factsOfHistory, hasFacts, type OutcomeFacts } from '../outcomeFacts.js';
import { PgOutcomeTally } from './pgOutcomeTally.js';
import { inTransaction } from './pgTransaction.js';
import { insertActivity } from './pgWebChat.js';

/** One collection as copied: how many records, and a checksum of them read back from each side. */
export interface CollectionCheck {
  collection: string;
  source: { count: number; sha256: string };
  copied: { count: number; sha256: string };
}

/** Rows of one table as the import writes them, and how to read them back the same way. */
interface Collection {
  name: string;
  rows: Row[];
  write: (db: PoolClient, row: Row) => Promise<unknown>;
  /** The same rows read back from PostgreSQL, as `{ key, value }` (`value` as the source had it). */
  readBack: (db: Pool) => Promise<Row[]>;
}

interface Row {
  key: string;
  value: unknown;
}

/**
 * Copy a lowdb data folder (DATA_DIR) into a PostgreSQL database at the current schema: every
 * collection in one transaction (all or nothing), each record written with ON CONFLICT … DO
 * UPDATE to the folder's version, so the import can be run again (after a failure, or to take a
 * later copy of the folder) and ends the same. A database holding clients the folder does not have
 * is refused: it is not this folder's copy. Returns, per collection, the count and a checksum of
 * the records in the folder and of the same records read back from the database.
 */
export async function importLowdb(dataDir: string, pool: Pool): Promise<CollectionCheck[]> {
  if (!existsSync(join(dataDir, 'clients', 'index.json'))) throw new Error(`${dataDir} is not a Linkwell data folder (no clients/index.json).`);
  // The folder must not change while it is copied: refused while a server holds it.
  const release = lockDataDir(dataDir);
  try {
    return await copy(dataDir, pool);
  } finally {
    release();
  }
}

async function copy(dataDir: string, pool: Pool): Promise<CollectionCheck[]> {
  const collections = readCollections(dataDir);
  const clientIds = new Set(collections.find((c) => c.name === 'clients')!.rows.map((r) => r.key));
  const foreign = (await pool.query<{ id: string }>('SELECT id FROM clients')).rows.filter((r) => !clientIds.has(r.id));
  if (foreign.length > 0)
    throw new Error(
      `The database already holds ${foreign.length} client(s) that ${dataDir} does not: it is not an empty database or an earlier copy of this folder. Nothing was copied.`,
    );
  await inTransaction(pool, async (db) => {
    for (const collection of collections) for (const row of collection.rows) await collection.write(db, row);
  });
  // The months copied marked their clients' outcome tally behind (migration 0010): work it out now.
  await new PgOutcomeTally(pool).catchUp();
  const checks: CollectionCheck[] = [];
  for (const collection of collections) {
    checks.push({ collection: collection.name, source: summary(collection.rows), copied: summary(await collection.readBack(pool)) });
  }
  return checks;
}

function summary(rows: Row[]): { count: number; sha256: string } {
  const hash = createHash('sha256');
  for (const row of [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) hash.update(`${row.key}\n${canonical(row.value)}\n`);
  return { count: rows.length, sha256: hash.digest('hex') };
}

/** JSON with object keys sorted, so the same data hashes the same whatever order it was stored in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Files named `*.json` under `dir`, at any depth (none when it is absent). */
function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => f.endsWith('.json') && statSync(f).isFile());
}

function subdirs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()) : [];
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

function readCollections(dataDir: string): Collection[] {
  const clientsDir = join(dataDir, 'clients');
  const clients = readJson<{ clients: Array<{ id: string; phone: string }> }>(join(clientsDir, 'index.json')).clients;
  const months: Row[] = [];
  const profiles: Row[] = [];
  const outcomes: Row[] = [];
  for (const client of clients) {
    const dir = join(clientsDir, client.id.slice(0, 2), client.id);
    const documents: MonthDocument[] = [];
    for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
      if (/^\d{4}-\d{2}\.json$/.test(file)) {
        documents.push(readJson<MonthDocument>(join(dir, file)));
        months.push({ key: `${client.id}|${file.slice(0, 7)}`, value: documents.at(-1) });
      }
      if (file === 'profile.json')
        profiles.push({ key: client.id, value: readJson<{ conversationReferences: unknown }>(join(dir, file)).conversationReferences });
    }
    const facts = factsOfHistory(historyFrom(client.id, {}, documents));
    if (hasFacts(facts)) outcomes.push({ key: client.id, value: facts });
  }
  const outbox = new Map<string, Row>();
  for (const part of ['queue', 'done']) {
    // A message in both (a crash while it moved) is the finished one: done is read last and wins.
    for (const file of jsonFiles(join(dataDir, 'sms', 'outbox', part))) {
      const record = readJson<{ id: string }>(file);
      outbox.set(record.id, { key: record.id, value: record });
    }
  }
  const toOf = new Map([...outbox.values()].map((r) => [r.key, (r.value as { to: string }).to]));
  const sidClaims: Row[] = jsonFiles(join(dataDir, 'sms', 'outbox', 'sids')).flatMap((file) =>
    readJson<{ claims: Array<{ sid: string; messageId: string; at: string }> }>(file)
      .claims.filter((c) => toOf.has(c.messageId))
      .map((c) => ({ key: c.sid, value: { toHash: hashOf(toOf.get(c.messageId)!), messageId: c.messageId, at: c.at } })),
  );
  const handledDir = join(dataDir, 'sms', 'inbound', 'handled');
  const handled: Row[] = subdirs(handledDir).flatMap((day) =>
    subdirs(join(handledDir, day)).flatMap((shard) => readdirSync(join(handledDir, day, shard)).map((sid) => ({ key: sid, value: { handledOn: day } }))),
  );
  const webChats = jsonFiles(join(dataDir, 'webchat')).map((file) => readJson<WebChatDoc>(file));
  const pushes = jsonFiles(join(dataDir, 'push')).map((file) => readJson<{ clientId: string; subscriptions: Array<{ endpoint: string }> }>(file));
  const audit = existsSync(join(dataDir, 'audit', 'privacy.jsonl'))
    ? readFileSync(join(dataDir, 'audit', 'privacy.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown)
    : [];
  const groups = subdirs(join(dataDir, 'groups')).flatMap((programme) =>
    jsonFiles(join(dataDir, 'groups', programme)).map((file) => {
      const entry = readJson<{ id: string }>(file);
      return { key: `groups:${programme}|${entry.id}`, value: entry };
    }),
  );

  return [
    {
      name: 'clients',
      rows: clients.map((c) => ({ key: c.id, value: c })),
      write: (db, row) =>
        db.query('INSERT INTO clients (id, phone, record) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET phone = $2, record = $3', [
          row.key,
          (row.value as { phone: string }).phone,
          row.value,
        ]),
      readBack: async (db) =>
        (await db.query<{ id: string; record: unknown }>('SELECT id, record FROM clients')).rows.map((r) => ({ key: r.id, value: r.record })),
    },
    {
      name: 'conversation references',
      rows: profiles,
      write: (db, row) =>
        db.query('INSERT INTO client_profiles (client_id, references_) VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET references_ = $2', [
          row.key,
          row.value,
        ]),
      readBack: async (db) =>
        (await db.query<{ client_id: string; references_: unknown }>('SELECT client_id, references_ FROM client_profiles')).rows.map((r) => ({
          key: r.client_id,
          value: r.references_,
        })),
    },
    {
      name: 'client records by month',
      rows: months,
      write: async (db, row) => {
        const [clientId, month] = row.key.split('|') as [string, string];
        await db.query('INSERT INTO client_months (client_id, month, doc) VALUES ($1, $2, $3) ON CONFLICT (client_id, month) DO UPDATE SET doc = $3', [
          clientId,
          month,
          row.value,
        ]);
        for (const checkIn of (row.value as { checkIns: Array<{ id: string }> }).checkIns) {
          await db.query(
            'INSERT INTO client_check_ins (check_in_id, client_id, month) VALUES ($1, $2, $3) ON CONFLICT (check_in_id) DO UPDATE SET client_id = $2, month = $3',
            [checkIn.id, clientId, month],
          );
        }
      },
      readBack: async (db) =>
        (await db.query<{ client_id: string; month: string; doc: unknown }>('SELECT client_id, month, doc FROM client_months')).rows.map((r) => ({
          key: `${r.client_id}|${r.month}`,
          value: r.doc,
        })),
    },
    {
      // Not copied: the database works it out from the records copied (see copy); checked against the folder's records.
      name: 'outcome tally',
      rows: outcomes,
      write: async () => undefined,
      readBack: async (db) =>
        (await db.query<{ client_id: string; facts: OutcomeFacts }>('SELECT client_id, facts FROM outcome_tally')).rows
          .filter((r) => hasFacts(r.facts))
          .map((r) => ({ key: r.client_id, value: r.facts })),
    },
    {
      name: 'conversation state',
      rows: jsonFiles(join(dataDir, 'state')).map((file) => {
        const stored = readJson<{ key: string; eTag: string; item: unknown }>(file);
        return { key: stored.key, value: { eTag: stored.eTag, item: stored.item } };
      }),
      write: (db, row) => {
        const { eTag, item } = row.value as { eTag: string; item: unknown };
        return db.query('INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET etag = $2, item = $3', [
          row.key,
          eTag,
          item,
        ]);
      },
      readBack: async (db) =>
        (await db.query<{ key: string; etag: string; item: unknown }>('SELECT key, etag, item FROM bot_state')).rows.map((r) => ({
          key: r.key,
          value: { eTag: r.etag, item: r.item },
        })),
    },
    {
      name: 'texts received, not yet handled',
      rows: jsonFiles(join(dataDir, 'sms', 'inbound', 'pending')).map((file) => {
        const record = readJson<{ sid: string }>(file);
        return { key: record.sid, value: record };
      }),
      write: (db, row) => {
        const record = row.value as { sid: string; clientId: string; receivedAt: string };
        return db.query(
          'INSERT INTO sms_inbound (sid, client_id, received_at, record) VALUES ($1, $2, $3, $4) ON CONFLICT (sid) DO UPDATE SET record = $4, handled_at = NULL',
          [record.sid, record.clientId, record.receivedAt, record],
        );
      },
      readBack: async (db) =>
        (await db.query<{ sid: string; record: unknown }>('SELECT sid, record FROM sms_inbound WHERE handled_at IS NULL')).rows.map((r) => ({
          key: r.sid,
          value: r.record,
        })),
    },
    {
      name: 'texts handled (sids remembered)',
      rows: handled,
      write: (db, row) => {
        const day = (row.value as { handledOn: string }).handledOn;
        return db.query(
          "INSERT INTO sms_inbound (sid, client_id, received_at, handled_at) VALUES ($1, '', $2, $2) ON CONFLICT (sid) DO UPDATE SET record = NULL, handled_at = $2",
          [row.key, `${day}T00:00:00Z`],
        );
      },
      readBack: async (db) =>
        (
          await db.query<{ sid: string; day: string }>(
            "SELECT sid, to_char(handled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM sms_inbound WHERE handled_at IS NOT NULL",
          )
        ).rows.map((r) => ({ key: r.sid, value: { handledOn: r.day } })),
    },
    {
      name: 'texts sent or to send',
      rows: [...outbox.values()],
      write: (db, row) => {
        const r = row.value as { id: string; clientId: string; status: string; createdAt: string; seq: number };
        return db.query(
          'INSERT INTO sms_outbox (id, client_id, status, created_at, seq, record) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET client_id = $2, status = $3, created_at = $4, seq = $5, record = $6',
          [r.id, r.clientId, r.status, r.createdAt, r.seq, r],
        );
      },
      readBack: async (db) =>
        (await db.query<{ id: string; record: unknown }>('SELECT id, record FROM sms_outbox')).rows.map((r) => ({ key: r.id, value: r.record })),
    },
    {
      name: 'Twilio sids claimed',
      rows: sidClaims,
      write: (db, row) => {
        const c = row.value as { toHash: string; messageId: string; at: string };
        return db.query(
          'INSERT INTO sms_sid_claims (sid, to_hash, message_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT (sid) DO UPDATE SET to_hash = $2, message_id = $3, at = $4',
          [row.key, c.toHash, c.messageId, c.at],
        );
      },
      readBack: async (db) =>
        (await db.query<{ sid: string; to_hash: string; message_id: string; at: Date }>('SELECT sid, to_hash, message_id, at FROM sms_sid_claims')).rows.map(
          (r) => ({
            key: r.sid,
            value: { toHash: r.to_hash, messageId: r.message_id, at: r.at.toISOString() },
          }),
        ),
    },
    documentTable('schedule ledgers', jsonFiles(join(dataDir, 'schedule')), 'clientId', 'schedule_ledgers', 'client_id', 'doc'),
    {
      ...documentTable('alerts', jsonFiles(join(dataDir, 'alerts')), 'id', 'alerts', 'id', 'record'),
      write: (db, row) => {
        const a = row.value as { id: string; clientId: string | null; state: string; createdAt: string };
        return db.query(
          'INSERT INTO alerts (id, client_id, state, created_at, record) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET client_id = $2, state = $3, created_at = $4, record = $5',
          [a.id, a.clientId, a.state, a.createdAt, a],
        );
      },
    },
    {
      name: 'privacy audit',
      rows: audit.map((entry, i) => ({ key: String(i).padStart(9, '0'), value: entry })),
      // Append-only: entries the database has already (an earlier run) are the first ones; the rest are added in order.
      write: async (db, row) => {
        const have = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM privacy_audit')).rows[0]!.n);
        if (Number(row.key) >= have) await db.query('INSERT INTO privacy_audit (entry) VALUES ($1)', [row.value]);
      },
      readBack: async (db) =>
        (await db.query<{ entry: unknown }>('SELECT entry FROM privacy_audit ORDER BY n')).rows.map((r, i) => ({
          key: String(i).padStart(9, '0'),
          value: r.entry,
        })),
    },
    {
      name: 'web chat transcripts',
      rows: webChats.map((doc) => ({ key: doc.clientId, value: transcriptOf(doc) })),
      write: async (db, row) => {
        const t = row.value as Transcript;
        await db.query(
          `INSERT INTO web_chat_conversations (client_id, conversation_id, started, first_place, next_place, seen_up_to, seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (client_id) DO UPDATE SET conversation_id = $2, started = $3, first_place = $4, next_place = $5, seen_up_to = $6, seen_at = $7`,
          [row.key, t.conversationId, t.started, t.first, t.next, t.seen?.upTo ?? null, t.seen?.at ?? null],
        );
        await db.query('DELETE FROM web_chat_activities WHERE client_id = $1', [row.key]);
        for (const [i, activity] of t.activities.entries()) await insertActivity(db, row.key, t.first + i, activity as Partial<Activity>);
      },
      readBack: async (db) => {
        const conversations = (
          await db.query<{
            client_id: string;
            conversation_id: string;
            started: boolean;
            first_place: number;
            next_place: number;
            seen_up_to: number | null;
            seen_at: Date | null;
          }>('SELECT * FROM web_chat_conversations')
        ).rows;
        const rows: Row[] = [];
        for (const c of conversations) {
          const activities = (
            await db.query<{ activity: unknown }>('SELECT activity FROM web_chat_activities WHERE client_id = $1 ORDER BY place', [c.client_id])
          ).rows.map((r) => r.activity);
          const seen = c.seen_up_to !== null && c.seen_at ? { upTo: c.seen_up_to, at: c.seen_at.toISOString() } : undefined;
          rows.push({
            key: c.client_id,
            value: { conversationId: c.conversation_id, started: c.started, first: c.first_place, next: c.next_place, seen, activities } satisfies Transcript,
          });
        }
        return rows;
      },
    },
    {
      name: 'push subscriptions',
      rows: pushes.flatMap((doc) => doc.subscriptions.map((s, i) => ({ key: `${doc.clientId}|${String(i).padStart(3, '0')}`, value: s }))),
      write: async (db, row) => {
        const clientId = row.key.split('|')[0]!;
        const subscription = row.value as { endpoint: string };
        await db.query('DELETE FROM push_subscriptions WHERE client_id = $1 AND endpoint = $2', [clientId, subscription.endpoint]);
        await db.query('INSERT INTO push_subscriptions (client_id, endpoint, subscription) VALUES ($1, $2, $3)', [
          clientId,
          subscription.endpoint,
          subscription,
        ]);
      },
      readBack: async (db) => {
        const rows = (
          await db.query<{ client_id: string; subscription: unknown }>('SELECT client_id, subscription FROM push_subscriptions ORDER BY client_id, added')
        ).rows;
        const seen = new Map<string, number>();
        return rows.map((r) => {
          const n = seen.get(r.client_id) ?? 0;
          seen.set(r.client_id, n + 1);
          return { key: `${r.client_id}|${String(n).padStart(3, '0')}`, value: r.subscription };
        });
      },
    },
    {
      ...documentTable('staff accounts', jsonFiles(join(dataDir, 'staff', 'accounts')), 'id', 'staff_accounts', 'id', 'record'),
      write: (db, row) =>
        db.query('INSERT INTO staff_accounts (id, email, record) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET email = $2, record = $3', [
          row.key,
          (row.value as { email: string }).email,
          row.value,
        ]),
    },
    {
      ...documentTable('staff sessions', jsonFiles(join(dataDir, 'staff', 'sessions')), 'idHash', 'staff_sessions', 'id_hash', 'record'),
      write: (db, row) =>
        db.query('INSERT INTO staff_sessions (id_hash, staff_id, record) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO UPDATE SET staff_id = $2, record = $3', [
          row.key,
          (row.value as { staffId: string }).staffId,
          row.value,
        ]),
    },
    {
      name: 'group directory entries',
      rows: groups,
      write: (db, row) => {
        const [collection, id] = row.key.split('|') as [string, string];
        return db.query('INSERT INTO entries (collection, id, entry) VALUES ($1, $2, $3) ON CONFLICT (collection, id) DO UPDATE SET entry = $3', [
          collection,
          id,
          row.value,
        ]);
      },
      readBack: async (db) =>
        (await db.query<{ collection: string; id: string; entry: unknown }>('SELECT collection, id, entry FROM entries')).rows.map((r) => ({
          key: `${r.collection}|${r.id}`,
          value: r.entry,
        })),
    },
  ];
}

interface WebChatDoc {
  clientId: string;
  conversationId: string;
  started: boolean;
  first: number;
  activities: unknown[];
  seen?: { upTo: number; at: string } | undefined;
}

interface Transcript {
  conversationId: string;
  started: boolean;
  first: number;
  next: number;
  seen: { upTo: number; at: string } | undefined;
  activities: unknown[];
}

function transcriptOf(doc: WebChatDoc): Transcript {
  const seen = doc.seen ? { upTo: doc.seen.upTo, at: new Date(doc.seen.at).toISOString() } : undefined;
  return {
    conversationId: doc.conversationId,
    started: doc.started,
    first: doc.first,
    next: doc.first + doc.activities.length,
    seen,
    activities: doc.activities,
  };
}

/** A table of one JSON document per row, keyed by one of its fields. */
function documentTable(name: string, files: string[], keyField: string, table: string, keyColumn: string, docColumn: string): Collection {
  return {
    name,
    rows: files.map((file) => {
      const value = readJson<Record<string, unknown>>(file);
      return { key: String(value[keyField]), value };
    }),
    write: (db, row) =>
      db.query(`INSERT INTO ${table} (${keyColumn}, ${docColumn}) VALUES ($1, $2) ON CONFLICT (${keyColumn}) DO UPDATE SET ${docColumn} = $2`, [
        row.key,
        row.value,
      ]),
    readBack: async (db) =>
      (await db.query<Record<string, unknown>>(`SELECT ${keyColumn} AS key, ${docColumn} AS value FROM ${table}`)).rows.map((r) => ({
        key: String(r.key),
        value: r.value,
      })),
  };
}
