import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { linkTokenOf, openChat } from '../../support/directLineClient.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { runScript } from '../../support/runScript.js';
import { DEMO_PROGRAMME_FILE } from '../../../bot/config/env.js';
import { loadProgrammeFile } from '../../../bot/config/programmeSchema.js';
import { startTestApp, type TestApp } from '../../support/testApp.js';

/** The whole server on PostgreSQL (DATABASE_URL), a real server brought by the test set-up. */
describe('Linkwell on PostgreSQL', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let t: TestApp | undefined;

  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await db.drop();
  });

  it('runs a web chat check-in with everything in the database, and a second server on another data folder carries it on', async () => {
    t = await startTestApp({ env: { DATABASE_URL: db.url }, chatPollMs: 200 });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Pat', phone: '+447700900861', timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    expect(created.status).to.equal(201);
    const { id } = (await created.json()) as { id: string };
    const link = linkTokenOf((await t.app.chatLinkFor(id)).url);
    const chat = await openChat(t.url, link);
    await chat.waitForBotText(/^Hello Pat/);
    await chat.say('yes');
    await chat.say('check in');
    await chat.waitForBotText(/lack companionship/);
    await chat.say('often');
    await chat.waitForBotText(/left out/);
    chat.end();
    expect(readdirSync(t.dataDir), 'nothing kept in the data folder').to.deep.equal([]);
    const rows = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM clients WHERE record->>'name' = 'Pat'");
    expect(rows.rows[0]!.n).to.equal('1');
    await t.close();

    // Another server (say, the second instance) with a data folder of its own: the same conversation.
    t = await startTestApp({ env: { DATABASE_URL: db.url }, chatPollMs: 200 });
    const again = await openChat(t.url, link);
    expect((await again.readAll()).at(-1)!.text).to.match(/left out/);
    await again.say('hardly ever');
    await again.waitForBotText(/isolated/);
    again.end();
    const responses = (await (await t.admin(`/api/admin/clients/${id}/responses`)).json()) as { responses: Array<{ itemId: string; value: number }> };
    expect(responses.responses.map((r) => [r.itemId, r.value])).to.deep.equal([
      ['lack_companionship', 3],
      ['left_out', 1],
    ]);
  });

  it('refuses to start on a database whose schema is behind, saying to run db:migrate, and migrates with npm run db:migrate', async () => {
    const empty = await freshDatabase({ migrated: false });
    const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-pg-start-'));
    try {
      const refused = await startTestApp({ env: { DATABASE_URL: empty.url }, dataDir }).then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(refused).to.match(/schema is at version 0; this Linkwell needs version \d+\. Run: npm run db:migrate/);
      const migrated = await runScript('bot/cli/dbMigrate.ts', [], '', { DATABASE_URL: empty.url, CHAT_LINK_SECRET: 'x'.repeat(40) });
      expect(migrated.code, migrated.stderr).to.equal(0);
      expect(migrated.stdout).to.match(/Applied \d+ migration\(s\)/);
      const again = await runScript('bot/cli/dbMigrate.ts', [], '', { DATABASE_URL: empty.url, CHAT_LINK_SECRET: 'x'.repeat(40) });
      expect(again.stdout).to.match(/is up to date/);
      t = await startTestApp({ env: { DATABASE_URL: empty.url }, dataDir });
      expect((await fetch(`${t.url}/readyz`)).status).to.be.oneOf([200, 503]);
    } finally {
      await t?.close({ keepData: true });
      t = undefined;
      await empty.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start beside a running instance whose programme file differs, and starts once that one has stopped', async () => {
    const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
    t = await startTestApp({ env: { DATABASE_URL: db.url }, programme });
    const edited = { ...programme, checkIn: { ...programme.checkIn, time: '11:00' } };
    const refused = await startTestApp({ env: { DATABASE_URL: db.url }, programme: edited }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).to.match(/Another running Linkwell on this database runs a different programme file .*Start every instance with the same file/);
    const same = await startTestApp({ env: { DATABASE_URL: db.url }, programme });
    await same.close();
    await t.close();
    t = await startTestApp({ env: { DATABASE_URL: db.url }, programme: edited });
  });

  it('refuses to start when the database cannot be reached, naming the host, and writes nothing to the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-pg-down-'));
    try {
      const refused = await startTestApp({ env: { DATABASE_URL: 'postgres://linkwell:secret@127.0.0.1:9/linkwell' }, dataDir }).then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(refused).to.match(/Cannot reach the PostgreSQL database at 127\.0\.0\.1:9\/linkwell/);
      expect(refused).not.to.include('secret');
      expect(readdirSync(dataDir)).to.deep.equal([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
