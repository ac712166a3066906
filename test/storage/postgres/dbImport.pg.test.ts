import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../../bot/time/clock.js';
import { createStaffAccount } from '../../staff/signedInStaff.js';
import { linkTokenOf, openChat } from '../../support/directLineClient.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { runScript } from '../../support/runScript.js';
import { enrolSmsClient, startSmsTestApp } from '../../support/smsTestApp.js';
import { startTestApp } from '../../support/testApp.js';

const SECRET = { CHAT_LINK_SECRET: 'test-chat-link-secret-0123456789abcdef0123' };

/** Moving up: a lowdb data folder in use for a while, copied into PostgreSQL and carried on there. */
describe('npm run db:import', function () {
  this.timeout(90_000);
  let db: TestDatabase;

  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(() => db.drop());

  it('copies every collection, checks each, can run again, and the server carries on from the database', async () => {
    const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));
    const lowdb = await startSmsTestApp({ clock });
    const phone = '+447700900871';
    const smsClient = await enrolSmsClient(lowdb, phone);
    for (const text of ['YES', 'check in', '2', 'I have the tablets ready for tonight']) {
      await lowdb.text(phone, text);
      await lowdb.settle();
    }
    const web = await lowdb.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Wyn', phone: '+447700900872', timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    const webClient = ((await web.json()) as { id: string }).id;
    const link = linkTokenOf((await lowdb.app.chatLinkFor(webClient)).url);
    const chat = await openChat(lowdb.url, link);
    await chat.waitForBotText(/^Hello Wyn/);
    await chat.say('yes');
    await chat.waitForBotText(/^Thank you, Wyn/);
    chat.end();
    await createStaffAccount(lowdb.dataDir, clock, 'sam@example.org', 'Sam Okafor', 'link-worker', 'sam', 'a long staff password for the import test');
    await lowdb.admin(`/api/admin/clients/${smsClient}/export?requestedBy=Sam%20Okafor`);
    const before = {
      responses: await (await lowdb.admin(`/api/admin/clients/${smsClient}/responses`)).json(),
      alerts: await (await lowdb.admin(`/api/admin/alerts?clientId=${smsClient}`)).json(),
    };
    await lowdb.close({ keepData: true });

    const env = { DATABASE_URL: db.url, ...SECRET };
    const first = await runScript('bot/cli/dbImport.ts', ['--from', lowdb.dataDir], '', env);
    expect(first.code, first.stderr + first.stdout).to.equal(0);
    expect(first.stdout).to.include('Every collection matches');
    for (const collection of [
      'clients',
      'client records by month',
      'conversation state',
      'texts sent or to send',
      'Twilio sids claimed',
      'alerts',
      'privacy audit',
      'web chat transcripts',
      'staff accounts',
    ]) {
      expect(first.stdout, collection).to.match(new RegExp(`${collection}\\s+[1-9]\\d* in the folder\\s+[1-9]\\d* in the database\\s+same`));
    }
    const again = await runScript('bot/cli/dbImport.ts', ['--from', lowdb.dataDir], '', env);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include('Every collection matches');

    const onPostgres = await startTestApp({ clock, env: { DATABASE_URL: db.url }, chatPollMs: 200 });
    try {
      expect(await (await onPostgres.admin(`/api/admin/clients/${smsClient}/responses`)).json()).to.deep.equal(before.responses);
      expect(await (await onPostgres.admin(`/api/admin/alerts?clientId=${smsClient}`)).json()).to.deep.equal(before.alerts);
      const reopened = await openChat(onPostgres.url, link);
      expect((await reopened.readAll()).map((m) => m.text.slice(0, 12))).to.deep.equal(['Hello Wyn. I', 'Thank you, W']);
      reopened.end();
    } finally {
      await onPostgres.close();
      await lowdb.twilio.close();
    }
  });

  it('refuses a database holding clients the folder does not have, copying nothing', async () => {
    const lowdb = await startTestApp();
    await lowdb.close({ keepData: true });
    await db.pool.query("INSERT INTO clients (id, phone, record) VALUES ('someone-else', '+447700900999', '{}')");
    const run = await runScript('bot/cli/dbImport.ts', ['--from', lowdb.dataDir], '', { DATABASE_URL: db.url, ...SECRET });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/already holds 1 client\(s\) that .* does not/);
    expect((await db.pool.query('SELECT count(*) AS n FROM clients')).rows[0].n).to.equal('1');
  });
});
