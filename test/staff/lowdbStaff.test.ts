import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { account } from '../storage/staffStoresContract.js';

describe('openStaffStore', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-staff-store-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds an account by email in any case, and refuses a second account for that email', async () => {
    const { accounts } = openStaffStore(dataDir);
    const created = await accounts.create(account('account-0001', ' Sam.Okafor@Example.org '));
    expect(created.ok && created.account.email).to.equal('sam.okafor@example.org');
    expect((await accounts.findByEmail('SAM.OKAFOR@example.ORG'))?.id).to.equal('account-0001');
    expect(await accounts.create(account('account-0002', 'sam.okafor@EXAMPLE.org'))).to.deep.equal({ ok: false, reason: 'duplicate_email' });
    expect((await accounts.list()).map((a) => a.id)).to.deep.equal(['account-0001']);
    expect(await accounts.findByEmail('someone.else@example.org')).to.equal(undefined);
  });

  it('keeps emails out of file names', async () => {
    await openStaffStore(dataDir).accounts.create(account('account-0001', 'sam@example.org'));
    const names = ['accounts', 'emails'].flatMap((dir) => readdirSync(join(dataDir, 'staff', dir)));
    expect(names.join(' ')).not.to.include('sam');
  });

  it('sees at once an account another process (staff:add) created or changed', async () => {
    const server = openStaffStore(dataDir);
    expect(await server.accounts.findByEmail('sam@example.org')).to.equal(undefined);
    const cli = openStaffStore(dataDir);
    await cli.accounts.create(account('account-0001', 'sam@example.org'));
    expect((await server.accounts.findByEmail('sam@example.org'))?.id).to.equal('account-0001');
    await cli.accounts.update('account-0001', (a) => ({ ...a, disabled: true }));
    expect((await server.accounts.get('account-0001'))?.disabled).to.equal(true);
  });

  it('changes an account but never its id or email', async () => {
    const { accounts } = openStaffStore(dataDir);
    await accounts.create(account('account-0001', 'sam@example.org'));
    const changed = await accounts.update('account-0001', (a) => ({ ...a, id: 'other-0001', email: 'x@example.org', failedAttempts: 3 }));
    expect(changed).to.include({ id: 'account-0001', email: 'sam@example.org', failedAttempts: 3 });
    expect(await accounts.update('missing-0001', (a) => a)).to.equal(undefined);
  });

  it('keeps sessions on disk across a reopen, and removes them', async () => {
    const idHash = 'a'.repeat(64);
    const session = { idHash, staffId: 'account-0001', csrfToken: 't', createdAt: '2026-03-02T09:00:00.000Z', lastSeenAt: '2026-03-02T09:00:00.000Z' };
    await openStaffStore(dataDir).sessions.add(session);
    const reopened = openStaffStore(dataDir);
    expect(await reopened.sessions.get(idHash)).to.deep.equal(session);
    expect(JSON.parse(readFileSync(join(dataDir, 'staff', 'sessions', `${idHash}.json`), 'utf8'))).to.deep.equal(session);
    await reopened.sessions.remove(idHash);
    expect(await reopened.sessions.list()).to.deep.equal([]);
    expect(await reopened.sessions.get('../../etc/passwd')).to.equal(undefined);
  });

  it('sees at once a session another process (staff:set) ended, and never writes it back', async () => {
    const idHash = 'b'.repeat(64);
    const session = { idHash, staffId: 'account-0001', csrfToken: 't', createdAt: '2026-03-02T09:00:00.000Z', lastSeenAt: '2026-03-02T09:00:00.000Z' };
    const server = openStaffStore(dataDir);
    await server.sessions.add(session);
    expect(await server.sessions.get(idHash)).to.deep.equal(session);
    await openStaffStore(dataDir).sessions.remove(idHash);
    expect(await server.sessions.get(idHash)).to.equal(undefined);
    expect(await server.sessions.update(idHash, (s) => ({ ...s, lastSeenAt: '2026-03-02T10:00:00.000Z' }))).to.equal(undefined);
    expect(readdirSync(join(dataDir, 'staff', 'sessions'))).to.deep.equal([]);
  });
});
