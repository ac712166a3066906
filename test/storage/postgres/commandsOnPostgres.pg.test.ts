import { expect } from 'chai';
import { DEMO_PROGRAMME_FILE } from '../../../bot/config/env.js';
import { PgClientStore } from '../../../storage/postgres/pgClientStore.js';
import { PgStaffAccounts, PgStaffSessions } from '../../../storage/postgres/pgStaff.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { runScript } from '../../support/runScript.js';

const PASSWORD = 'correct horse battery staple';

/** The staff and schedule commands work on the configured store: with DATABASE_URL, the database. */
describe('staff:add, staff:set and schedule:preview on PostgreSQL', function () {
  // Each case starts tsx in a child process: seconds each on a busy machine.
  this.timeout(60_000);
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    db = await freshDatabase();
    // DATA_DIR points nowhere useful: a command that fell back to lowdb would not find what the test looks for.
    env = {
      DATABASE_URL: db.url,
      CHAT_LINK_SECRET: 'commands-test-chat-link-secret-0123456789',
      DATA_DIR: '/nonexistent/linkwell-data',
      PROGRAMME_FILE: DEMO_PROGRAMME_FILE,
    };
  });
  afterEach(() => db.drop());

  it('adds an account to the database, and changes it there (a new password signs the person out everywhere)', async () => {
    const added = await runScript(
      'bot/cli/staffAdd.ts',
      ['--email', 'Sam@example.org', '--name', 'Sam Okafor', '--role', 'link-worker', '--link-worker', 'sam', '--password-stdin'],
      `${PASSWORD}\n`,
      env,
    );
    expect(added.stderr).to.equal('');
    expect(added.stdout).to.match(/Created the link worker account for Sam Okafor <sam@example.org> in the database at 127\.0\.0\.1:\d+\//);
    expect(added.stdout).not.to.include(db.url.split('@')[0]!.split(':')[2]!); // never the password
    const accounts = new PgStaffAccounts(db.pool);
    const account = await accounts.findByEmail('sam@example.org');
    expect(account).to.include({ role: 'link-worker', linkWorkerId: 'sam' });

    const sessions = new PgStaffSessions(db.pool);
    await sessions.add({
      idHash: 'a'.repeat(64),
      staffId: account!.id,
      createdAt: '2026-03-02T09:00:00.000Z',
      lastSeenAt: '2026-03-02T09:00:00.000Z',
      csrfToken: 'x'.repeat(43),
    });
    await accounts.update(account!.id, (a) => ({ ...a, failedAttempts: 5, lockedUntil: '2099-01-01T00:00:00.000Z' }));
    const set = await runScript('bot/cli/staffSet.ts', ['--email', 'sam@example.org', '--password-stdin'], 'another long password here\n', env);
    expect(set.stderr).to.equal('');
    expect(set.stdout).to.include('new password set, lock-out cleared, signed out everywhere (1 session ended)');
    expect(await accounts.get(account!.id))
      .to.include({ failedAttempts: 0 })
      .and.not.have.property('lockedUntil');
    expect(await sessions.list()).to.deep.equal([]);
  });

  it('previews the schedule of a client kept in the database', async () => {
    const created = await new PgClientStore(db.pool).create({
      programmeId: 'demo',
      name: 'Maureen',
      phone: '+447700900556',
      timezone: 'Europe/London',
      linkWorkerId: 'sam',
      channel: 'sms',
      createdAt: '2026-01-05T09:00:00.000Z',
    });
    expect(created.ok).to.equal(true);
    const run = await runScript('bot/cli/schedulePreview.ts', ['--client', '+447700900556', '--weeks', '1', '--from', '2026-01-05'], '', env);
    expect(run.stderr).to.equal('');
    expect(run.stdout).to.include('Maureen, Linkwell Demo Programme: the next 1 weeks in Europe/London time');
    const missing = await runScript('bot/cli/schedulePreview.ts', ['--client', '+447700900999'], '', env);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/^No client "\+447700900999" in the database at 127\.0\.0\.1:\d+\//);
  });

  it('says plainly when the database cannot be reached, and writes nothing anywhere else', async () => {
    const gone = { ...env, DATABASE_URL: 'postgres://linkwell:secret-password@127.0.0.1:9/linkwell' };
    const run = await runScript(
      'bot/cli/staffAdd.ts',
      ['--email', 'duty@example.org', '--name', 'Duty', '--role', 'duty', '--password-stdin'],
      `${PASSWORD}\n`,
      gone,
    );
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('127.0.0.1:9').and.not.include('secret-password').and.not.include('    at ');
  });
});
