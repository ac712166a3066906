import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { verifyPassword } from '../../bot/staff/passwordHash.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { runScript, type ScriptRun } from '../support/runScript.js';

/** `npm run staff:add -- ARGS` as a child process, with `stdin` typed in. */
const staffAdd = (args: string[], stdin: string): Promise<ScriptRun> => runScript('bot/cli/staffAdd.ts', args, stdin);

describe('staff:add', function () {
  // Each case starts tsx in a child process: seconds each on a busy machine.
  this.timeout(60_000);
  let dataDir: string;
  const common = () => ['--programme', DEMO_PROGRAMME_FILE, '--data-dir', dataDir, '--password-stdin'];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-staff-add-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a link worker account with a hashed password read from standard input', async () => {
    const run = await staffAdd(
      ['--email', 'Sam.Okafor@example.org', '--name', 'Sam Okafor', '--role', 'link-worker', '--link-worker', 'sam', ...common()],
      'correct horse battery staple\n',
    );
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include('Created the link worker account for Sam Okafor <sam.okafor@example.org>');
    expect(run.stdout).not.to.include('correct horse');
    const account = await openStaffStore(dataDir).accounts.findByEmail('sam.okafor@example.org');
    expect(account).to.include({ name: 'Sam Okafor', role: 'link-worker', linkWorkerId: 'sam', failedAttempts: 0 });
    expect(await verifyPassword('correct horse battery staple', account!.passwordHash)).to.equal(true);
  });

  it('refuses a second account for the same email, in any case', async () => {
    const args = (email: string) => ['--email', email, '--name', 'Duty Desk', '--role', 'duty', ...common()];
    expect((await staffAdd(args('duty@example.org'), 'correct horse battery staple')).code).to.equal(0);
    const again = await staffAdd(args('DUTY@example.org'), 'another long password');
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('There is already a staff account for duty@example.org');
    expect(await openStaffStore(dataDir).accounts.list()).to.have.length(1);
  });

  it('refuses a password shorter than 12 characters', async () => {
    const run = await staffAdd(['--email', 'admin@example.org', '--name', 'Ada Admin', '--role', 'admin', ...common()], 'elevenchars\n');
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('password: must be at least 12 characters');
    expect(await openStaffStore(dataDir).accounts.list()).to.deep.equal([]);
  });

  it('lists every problem with the arguments, by option', async () => {
    const run = await staffAdd(
      ['--email', 'not-an-email', '--name', 'Sam', '--role', 'link-worker', '--link-worker', 'nobody', ...common()],
      'correct horse battery staple',
    );
    expect(run.code).to.equal(1);
    expect(run.stderr)
      .to.include('--email: expected an email address')
      .and.include('--link-worker: no link worker "nobody"')
      .and.include('Usage: npm run staff:add');
    const duty = await staffAdd(
      ['--email', 'duty@example.org', '--name', 'Duty', '--role', 'duty', '--link-worker', 'sam', ...common()],
      'correct horse battery staple',
    );
    expect(duty.stderr).to.include('--link-worker: only for role link-worker');
  });
});
