import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { SchemaBehindError } from '../../../storage/errors.js';
import { migrate, migrations, schemaState } from '../../../storage/postgres/migrate.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

/** Versioned migrations: numbered SQL files, all or none in one transaction, under an advisory lock. */
describe('PostgreSQL schema migrations', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await freshDatabase({ migrated: false });
    dir = mkdtempSync(join(tmpdir(), 'linkwell-migrations-'));
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const tables = async () =>
    (await db.pool.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);
  const folder = (files: Record<string, string>) => {
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    return migrations(pathToFileURL(`${dir}/`));
  };

  it("brings an empty database to the code's schema once, and says where a database stands", async () => {
    expect(await schemaState(db.pool)).to.deep.include({ state: 'behind', version: 0 });
    const applied = await migrate(db.pool);
    expect(applied).to.deep.equal(migrations().map((m) => m.version));
    expect(await tables()).to.include.members(['schema_migrations', 'web_chat_conversations', 'web_chat_activities', 'bot_state']);
    expect(await migrate(db.pool), 'nothing the second time').to.deep.equal([]);
    expect(await schemaState(db.pool)).to.deep.equal({ state: 'current', version: migrations().at(-1)!.version });
  });

  it('says the schema is behind when a step numbered below the highest applied is missing, and applies it', async () => {
    await migrate(db.pool, folder({ '0001_one.sql': 'CREATE TABLE one (id int);', '0003_three.sql': 'CREATE TABLE three (id int);' }));
    const later = folder({
      '0001_one.sql': 'CREATE TABLE one (id int);',
      '0002_two.sql': 'CREATE TABLE two (id int);',
      '0003_three.sql': 'CREATE TABLE three (id int);',
    });
    const state = await schemaState(db.pool, later);
    expect(state).to.deep.equal({ state: 'behind', version: 3, wanted: 3, missing: [2] });
    expect(new SchemaBehindError(3, 3, [2]).message).to.match(/at version 3 but lacks step 2, which this Linkwell needs\. Run: npm run db:migrate/);
    expect(await migrate(db.pool, later)).to.deep.equal([2]);
    expect(await schemaState(db.pool, later)).to.deep.equal({ state: 'current', version: 3 });
  });

  it('applies each step once when two instances migrate at the same moment', async () => {
    const [a, b] = await Promise.all([migrate(db.pool), migrate(db.pool)]);
    expect([...a, ...b].sort((x, y) => x - y)).to.deep.equal(migrations().map((m) => m.version));
  });

  it('leaves the schema as it was when a migration fails, steps before it included', async () => {
    const steps = folder({ '0001_good.sql': 'CREATE TABLE one (id int);', '0002_bad.sql': 'CREATE TABLE two (id int); SELECT no_such_function();' });
    const failed = await migrate(db.pool, steps).then(
      () => 'migrated',
      (error: Error) => error.message,
    );
    expect(failed).to.match(/no_such_function/);
    expect(await tables()).to.deep.equal([]);
  });

  it('refuses a migration that was changed after it was applied', async () => {
    await migrate(db.pool, folder({ '0001_first.sql': 'CREATE TABLE one (id int);' }));
    const changed = folder({ '0001_first.sql': 'CREATE TABLE one (id bigint);' });
    const refused = await migrate(db.pool, changed).then(
      () => 'migrated',
      (error: Error) => error.message,
    );
    expect(refused).to.match(/Migration 1 \(first\) has changed since it was applied/);
  });
});
