import { expect } from 'chai';
import type { StaffRepository, StaffSessionRepository } from '../../storage/ports.js';
import type { StaffAccountRecord, StaffSessionRecord } from '../../storage/records.js';

export interface StaffStoresUnderTest {
  accounts: StaffRepository;
  sessions: StaffSessionRepository;
  /** Another process's view of the same data (a CLI beside the server, or another instance). */
  other: () => Promise<{ accounts: StaffRepository; sessions: StaffSessionRepository }>;
  cleanup?: () => Promise<void>;
}

export const account = (id: string, email: string): StaffAccountRecord => ({
  id,
  email,
  name: 'Sam Okafor',
  role: 'link-worker',
  linkWorkerId: 'sam',
  passwordHash: 'scrypt$1024$8$1$salt$hash',
  failedAttempts: 0,
  createdAt: '2026-03-02T09:00:00.000Z',
});
const session = (n: number, staffId = 'staff-0001'): StaffSessionRecord => ({
  idHash: n.toString(16).padStart(64, '0'),
  staffId,
  csrfToken: `csrf-${n}`,
  createdAt: '2026-03-02T09:00:00.000Z',
  lastSeenAt: '2026-03-02T09:00:00.000Z',
});

/**
 * Staff accounts' and sessions' contract on every backend. Atomic promises: one account per email
 * (compared without case) however many are made at once; a change never alters an account's id or
 * email; a session ended anywhere is gone everywhere and is never written back.
 */
export function staffStoresContract(name: string, make: () => Promise<StaffStoresUnderTest>): void {
  describe(name, () => {
    let subject: StaffStoresUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('finds an account by email in any case, and makes one account per email however many try at once', async () => {
      const made = await Promise.all(
        ['staff-0001', 'staff-0002', 'staff-0003'].map((id, i) => subject.accounts.create(account(id, i === 1 ? 'SAM@example.org ' : 'sam@example.org'))),
      );
      expect(made.filter((r) => r.ok)).to.have.length(1);
      expect(made.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).to.deep.equal(['duplicate_email', 'duplicate_email']);
      const found = await (await subject.other()).accounts.findByEmail('Sam@Example.org');
      expect(found?.email).to.equal('sam@example.org');
      expect(await subject.accounts.findByEmail('nobody@example.org')).to.equal(undefined);
    });

    it('changes an account but never its id or email, sees a change made elsewhere at once, and lists by email', async () => {
      await subject.accounts.create(account('staff-0001', 'sam@example.org'));
      await subject.accounts.create(account('staff-0002', 'ada@example.org'));
      const changed = await subject.accounts.update('staff-0001', (a) => ({ ...a, id: 'other', email: 'x@example.org', failedAttempts: 3 }));
      expect([changed?.id, changed?.email, changed?.failedAttempts]).to.deep.equal(['staff-0001', 'sam@example.org', 3]);
      await (await subject.other()).accounts.update('staff-0001', (a) => ({ ...a, disabled: true }));
      expect((await subject.accounts.get('staff-0001'))?.disabled).to.equal(true);
      expect((await subject.accounts.list()).map((a) => a.email)).to.deep.equal(['ada@example.org', 'sam@example.org']);
      expect(await subject.accounts.update('staff-9999', (a) => a)).to.equal(undefined);
    });

    it('keeps sessions, ends one everywhere, and never writes an ended one back', async () => {
      await subject.sessions.add(session(1));
      await subject.sessions.add(session(2, 'staff-0002'));
      const again = await subject.sessions.add(session(1)).then(
        () => 'added',
        () => 'refused',
      );
      expect(again).to.equal('refused');
      const other = await subject.other();
      expect(await other.sessions.get(session(1).idHash)).to.deep.equal(session(1));
      await other.sessions.remove(session(1).idHash);
      expect(await subject.sessions.get(session(1).idHash)).to.equal(undefined);
      expect(await subject.sessions.update(session(1).idHash, (s) => ({ ...s, lastSeenAt: '2026-03-02T10:00:00.000Z' })), 'not written back').to.equal(
        undefined,
      );
      expect(await subject.sessions.get(session(1).idHash)).to.equal(undefined);
      const seen = await subject.sessions.update(session(2).idHash, (s) => ({ ...s, idHash: 'changed', lastSeenAt: '2026-03-02T10:00:00.000Z' }));
      expect([seen?.idHash, seen?.lastSeenAt]).to.deep.equal([session(2).idHash, '2026-03-02T10:00:00.000Z']);
      expect((await subject.sessions.list()).map((s) => s.staffId)).to.deep.equal(['staff-0002']);
    });
  });
}
