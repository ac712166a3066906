import pg from 'pg';

/** A PostgreSQL cluster for the bench: the test set-up's (test/support/postgres.ts), stopped when the bench is done. */
export interface BenchCluster {
  /** A new database at the current schema, empty. */
  freshDatabase(): Promise<{ url: string; pool: pg.Pool }>;
  /** A copy of `template` (a file copy: seconds, however much it holds). Nothing may be connected to `template`. */
  copyDatabase(template: string, name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

type Hook = (this: { timeout(ms: number): void }) => Promise<void>;

/**
 * Start the test set-up's embedded PostgreSQL cluster. That module starts and stops its cluster in
 * mocha's root hooks, which do not exist outside mocha; the bench lends it stand-ins while it loads
 * and runs them itself, so the cluster is stopped and its folder removed by the module's own code.
 */
export async function startBenchCluster(): Promise<BenchCluster> {
  const hooks: { before?: Hook; after?: Hook } = {};
  const globals = globalThis as unknown as Record<'before' | 'after', ((hook: Hook) => void) | undefined>;
  globals.before = (hook) => void (hooks.before = hook);
  globals.after = (hook) => void (hooks.after = hook);
  let support: typeof import('../support/postgres.js');
  try {
    support = await import('../support/postgres.js');
  } finally {
    delete globals.before;
    delete globals.after;
  }
  if (!hooks.before || !hooks.after) throw new Error('test/support/postgres.ts no longer registers root hooks: the bench cannot start or stop its cluster');
  const context = { timeout: () => {} };
  await hooks.before.call(context);
  const stopCluster = hooks.after;

  let admin: pg.Pool | undefined;
  const adminPool = (url: string) => {
    if (!admin) {
      const at = new URL(url);
      at.pathname = '/postgres';
      admin = new pg.Pool({ connectionString: at.toString(), max: 1 });
      admin.on('error', () => {});
    }
    return admin;
  };
  let anyUrl = '';
  const urlOf = (name: string) => {
    const at = new URL(anyUrl);
    at.pathname = `/${name}`;
    return at.toString();
  };

  return {
    freshDatabase: async () => {
      const db = await support.freshDatabase();
      anyUrl = db.url;
      return { url: db.url, pool: db.pool };
    },
    copyDatabase: async (template, name) => {
      await adminPool(anyUrl).query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return urlOf(name);
    },
    dropDatabase: async (name) => {
      await adminPool(anyUrl).query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    stop: async () => {
      await admin?.end();
      admin = undefined;
      await stopCluster.call(context);
    },
  };
}

/** The database name in a postgres:// URL. */
export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}
