// `npm run db:import -- --from DATA_DIR`: copy a lowdb data folder into the PostgreSQL database
// named by DATABASE_URL (migrated first), then check every collection: the count and a checksum of
// the records in the folder against the same records read back from the database. Safe to run
// again; refused while a server holds the folder. Exit 1 when anything does not match.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importLowdb } from '../../storage/postgres/importLowdb.js';
import { schemaState } from '../../storage/postgres/migrate.js';
import { SchemaBehindError } from '../../storage/errors.js';
import { hostOf } from '../../storage/postgres/openPgStore.js';
import { withDatabase } from './databaseCli.js';

const { values } = parseArgs({ options: { from: { type: 'string' } } });

await withDatabase('The import stopped', async (pool, config) => {
  const from = resolve(values.from ?? config.dataDir);
  const schema = await schemaState(pool);
  if (schema.state !== 'current') throw new SchemaBehindError(schema.version, schema.wanted, schema.state === 'behind' ? schema.missing : []);
  const checks = await importLowdb(from, pool);
  const width = Math.max(...checks.map((c) => c.collection.length));
  const same = (c: (typeof checks)[number]) => c.source.count === c.copied.count && c.source.sha256 === c.copied.sha256;
  const lines = checks.map(
    (c) =>
      `  ${c.collection.padEnd(width)}  ${String(c.source.count).padStart(7)} in the folder  ${String(c.copied.count).padStart(7)} in the database  ${same(c) ? `same (sha256 ${c.source.sha256.slice(0, 12)})` : 'DIFFERENT'}`,
  );
  const failed = !checks.every(same);
  process.stdout.write(
    `Copied ${from} into ${hostOf(config.databaseUrl)}:\n${lines.join('\n')}\n${failed ? 'Some collections differ: do not switch to the database yet.\n' : 'Every collection matches.\n'}`,
  );
  if (failed) process.exitCode = 1;
});
