// `npm run db:migrate`: bring the PostgreSQL database named by DATABASE_URL to this code's schema.
// Every step not yet applied goes in one transaction (all or none), under an advisory lock, so it is
// safe to run while instances are starting and to run again.
import { migrate, migrations } from '../../storage/postgres/migrate.js';
import { hostOf } from '../../storage/postgres/openPgStore.js';
import { withDatabase } from './databaseCli.js';

await withDatabase('The migration failed and changed nothing', async (pool, config) => {
  const applied = await migrate(pool);
  const latest = migrations().at(-1)?.version ?? 0;
  process.stdout.write(
    applied.length === 0
      ? `The database at ${hostOf(config.databaseUrl)} is up to date (schema version ${latest}).\n`
      : `Applied ${applied.length} migration(s) to ${hostOf(config.databaseUrl)}: ${applied.join(', ')}. Schema version ${latest}.\n`,
  );
});
