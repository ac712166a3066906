import { MemoryExpiring } from '../../storage/lowdb/memoryExpiring.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { systemClock } from '../../bot/time/clock.js';
import { createLogger } from '../../bot/platform/logger.js';
import { hashPassword, verifyPassword } from '../../bot/staff/passwordHash.js';
import { StaffSignIn } from '../../bot/staff/staffSignIn.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { runScript, type ScriptRun } from '../support/runScript.js';

/** `npm run staff:set -- ARGS` as a child process, with `stdin` typed in. */
const staffSet = (args: string[], stdin = ''): Promise<ScriptRun> => runScript('bot/cli/staffSet.ts', args, stdin);

const OLD_PASSWORD = 'old password that was forgotten';
const NEW_PASSWORD = 'a brand new long password';
const SAM = 'sam-account-01';
const DUTY = 'duty-account-01';
const sessionKey = (n: number) => createHash('sha256').update(`session ${n}`).digest('hex');

describe('staff:set', function () {
  // Each case starts tsx in a child process: seconds each on a busy machine.
  this.timeout(60_000);
  let dataDir: string;
  const set = (email: string, ...flags: string[]) => ['--email', email, '--data-dir', dataDir, ...flags];
  const account = (id: string) => openStaffStore(dataDir).accounts.get(id);
  const sessionsOf = async (id: string) =>
    (await openStaffStore(dataDir).sessions.list())
      .filter((s) => s.staffId === id)
      .map((s) => s.idHash)
      .sort();

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-staff-set-'));
    const { accounts, sessions } = openStaffStore(dataDir);
    const passwordHash = await hashPassword(OLD_PASSWORD);
    const common = { passwordHash, createdAt: '2026-03-02T09:00:00.000Z' };
    await accounts.create({
      id: SAM,
      email: 'sam.okafor@example.org',
      name: 'Sam Okafor',
      role: 'link-worker',
      linkWorkerId: 'sam',
      failedAttempts: 0,
      lockedUntil: '2999-01-01T00:00:00.000Z',
      ...common,
    });
    await accounts.create({ id: DUTY, email: 'duty@example.org', name: 'Duty desk', role: 'duty', failedAttempts: 2, ...common });
    const at = systemClock.now().toISO()!;
    for (const [n, staffId] of [
      [1, SAM],
      [2, SAM],
      [3, DUTY],
    ] as const) {
      await sessions.add({ idHash: sessionKey(n), staffId, csrfToken: `csrf-${n}`, createdAt: at, lastSeenAt: at });
    }
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets a new password from standard input, clears the lock-out and signs only that person out everywhere', async () => {
    const run = await staffSet(set('Sam.Okafor@EXAMPLE.org', '--password-stdin'), `${NEW_PASSWORD}\n`);
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.equal(
      `Changed the account of Sam Okafor <sam.okafor@example.org> in ${dataDir}: new password set, lock-out cleared, signed out everywhere (2 sessions ended).\n`,
    );
    const sam = await account(SAM);
    expect(await verifyPassword(NEW_PASSWORD, sam!.passwordHash)).to.equal(true);
    expect(await verifyPassword(OLD_PASSWORD, sam!.passwordHash)).to.equal(false);
    expect(sam).to.include({ failedAttempts: 0, name: 'Sam Okafor', linkWorkerId: 'sam' }).and.not.have.property('lockedUntil');
    expect(await sessionsOf(SAM)).to.deep.equal([]);
    expect(await sessionsOf(DUTY)).to.deep.equal([sessionKey(3)]);
    expect(await verifyPassword(OLD_PASSWORD, (await account(DUTY))!.passwordHash)).to.equal(true);
  });

  it('disables an account (sign-in refused, signed out everywhere), and enables it again', async () => {
    const signIn = new StaffSignIn({
      accounts: openStaffStore(dataDir).accounts,
      unknownEmails: new MemoryExpiring('unknown-staff-email'),
      clock: systemClock,
      log: createLogger('silent', systemClock),
    });
    const disabled = await staffSet(set('duty@example.org', '--disable'));
    expect(disabled.code).to.equal(0);
    expect(disabled.stdout).to.include('Duty desk <duty@example.org>').and.include('disabled (sign-in refused), signed out everywhere (1 session ended).');
    expect(await account(DUTY)).to.include({ disabled: true, failedAttempts: 2 });
    expect(await sessionsOf(DUTY)).to.deep.equal([]);
    expect(await sessionsOf(SAM)).to.have.length(2);
    expect((await signIn.attempt('duty@example.org', OLD_PASSWORD)).ok).to.equal(false);

    const enabled = await staffSet(set('duty@example.org', '--enable'));
    expect(enabled.code).to.equal(0);
    expect(enabled.stdout).to.match(/: enabled\.\n$/);
    expect((await account(DUTY))?.disabled).to.equal(undefined);
    expect((await signIn.attempt('duty@example.org', OLD_PASSWORD)).ok).to.equal(true);
  });

  it('unlocks an account without touching its password or sessions', async () => {
    const { lockedUntil, ...before } = (await account(SAM))!;
    expect(lockedUntil).to.be.a('string');
    const run = await staffSet(set('sam.okafor@example.org', '--unlock'));
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/Sam Okafor <sam\.okafor@example\.org> .*: lock-out cleared\.\n$/);
    expect(await account(SAM)).to.deep.equal({ ...before, failedAttempts: 0 });
    expect(await sessionsOf(SAM)).to.have.length(2);
  });

  it('says when there is no account for the email, and changes nothing', async () => {
    const before = await openStaffStore(dataDir).accounts.list();
    const run = await staffSet(set('nobody@example.org', '--password-stdin'), `${NEW_PASSWORD}\n`);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(`There is no staff account for nobody@example.org in ${dataDir}.\n`);
    expect(run.stdout).to.equal('');
    expect(await openStaffStore(dataDir).accounts.list()).to.deep.equal(before);
  });

  const refused: Array<[string, string[], string[]]> = [
    ['no action', [], ['options: nothing to do: give at least one of --password-stdin, --new-password, --disable, --enable, --unlock']],
    ['two ways to set the password', ['--password-stdin', '--new-password'], ['--new-password: not with --password-stdin']],
    ['--disable with --enable', ['--disable', '--enable'], ['--enable: not with --disable']],
    ['a bad email and no action', ['--email', 'not-an-email'], ['--email: expected an email address', 'options: nothing to do']],
  ];
  for (const [what, flags, problems] of refused) {
    it(`lists every problem and changes nothing when given ${what}`, async () => {
      const before = await openStaffStore(dataDir).accounts.list();
      const run = await staffSet(set('sam.okafor@example.org', ...flags), `${NEW_PASSWORD}\n`);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('Cannot change the account:').and.include('Usage: npm run staff:set');
      for (const problem of problems) expect(run.stderr).to.include(`  - ${problem}`);
      expect(await openStaffStore(dataDir).accounts.list()).to.deep.equal(before);
      expect(await openStaffStore(dataDir).sessions.list()).to.have.length(3);
    });
  }

  it('refuses a new password shorter than 12 characters, and keeps the old one and the sessions', async () => {
    const run = await staffSet(set('sam.okafor@example.org', '--password-stdin', '--disable'), 'elevenchars\n');
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('password: must be at least 12 characters').and.not.include('elevenchars');
    const sam = await account(SAM);
    expect(await verifyPassword(OLD_PASSWORD, sam!.passwordHash)).to.equal(true);
    expect(sam?.disabled).to.equal(undefined);
    expect(await sessionsOf(SAM)).to.have.length(2);
  });
});
