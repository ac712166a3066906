import { expect } from 'chai';
import type { ScheduleLedgerRepository } from '../../storage/ports.js';

export interface LedgerUnderTest {
  ledger: ScheduleLedgerRepository;
  reopen: () => Promise<ScheduleLedgerRepository>;
  cleanup?: () => Promise<void>;
}

const sent = (at: string) => ({ outcome: 'sent' as const, at });

/**
 * The scheduler's ledger contract on every backend. Its atomic promise: an occurrence is claimed
 * by exactly one caller however many try at once (two instances), and decided once.
 */
export function scheduleLedgerContract(name: string, make: () => Promise<LedgerUnderTest>): void {
  describe(name, () => {
    let subject: LedgerUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('reads an empty ledger for a client with none', async () => {
      expect(await subject.ledger.read('client-a')).to.deep.equal({ clientId: 'client-a', decided: {}, claimed: {}, answered: {}, weeks: {} });
      expect(await subject.ledger.openCheckIn('client-a')).to.equal(undefined);
    });

    it('lets exactly one of many claim an occurrence, even for a client with no ledger yet', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => subject.ledger.claim('client-a', 'weekly|2026-03-02', `2026-03-02T10:00:0${i}.000Z`)),
      );
      expect(claims.filter(Boolean)).to.have.length(1);
    });

    it('keeps every one of many changes made to one ledger at once (none overwrites another)', async () => {
      await subject.ledger.claim('client-a', 'first', '2026-03-02T09:00:00.000Z');
      const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
      await Promise.all([
        ...keys.map((key, i) => subject.ledger.claim('client-a', key, `2026-03-02T10:00:${String(i).padStart(2, '0')}.000Z`)),
        ...keys.map((key) => subject.ledger.markAnswered('client-a', key, '2026-03-02T11:00:00.000Z')),
        subject.ledger.settle('client-a', 'first', sent('2026-03-02T09:00:05.000Z'), '2026-W10'),
      ]);
      const ledger = await (await subject.reopen()).read('client-a');
      expect(Object.keys(ledger.claimed).sort()).to.deep.equal([...keys].sort());
      expect(Object.keys(ledger.answered).sort()).to.deep.equal([...keys].sort());
      expect(ledger.decided).to.deep.equal({ first: sent('2026-03-02T09:00:05.000Z') });
      expect(ledger.weeks).to.deep.equal({ '2026-W10': 1 });
    });

    it('decides an occurrence once, counting a send towards its week, and refuses to claim it again', async () => {
      await subject.ledger.claim('client-a', 'k1', '2026-03-02T10:00:00.000Z');
      await subject.ledger.settle('client-a', 'k1', sent('2026-03-02T10:00:01.000Z'), '2026-W10');
      await subject.ledger.settle('client-a', 'k1', { outcome: 'skipped', at: '2026-03-02T10:00:02.000Z', reason: 'quiet' }, '2026-W10');
      const ledger = await (await subject.reopen()).read('client-a');
      expect(ledger.decided).to.deep.equal({ k1: sent('2026-03-02T10:00:01.000Z') });
      expect(ledger.claimed).to.deep.equal({});
      expect(ledger.weeks).to.deep.equal({ '2026-W10': 1 });
      expect(await subject.ledger.claim('client-a', 'k1', '2026-03-02T10:05:00.000Z')).to.equal(false);
    });

    it('frees a released claim for another try, and records several skips at once', async () => {
      await subject.ledger.claim('client-a', 'k2', '2026-03-02T10:00:00.000Z');
      await subject.ledger.release('client-a', 'k2');
      expect(await subject.ledger.claim('client-a', 'k2', '2026-03-02T10:01:00.000Z')).to.equal(true);
      await subject.ledger.settleAll('client-a', [
        { key: 'k3', decision: { outcome: 'skipped', at: '2026-03-02T10:02:00.000Z', reason: 'paused' } },
        { key: 'k4', decision: { outcome: 'skipped', at: '2026-03-02T10:02:00.000Z', reason: 'paused' } },
      ]);
      expect(Object.keys((await subject.ledger.read('client-a')).decided).sort()).to.deep.equal(['k3', 'k4']);
    });

    it('keeps the open check-in, answers and risk history, and erases a client whole', async () => {
      const open = { checkInId: 'c1', occurrenceKey: 'k5', expiresAt: '2026-03-04T10:00:00.000Z' };
      await subject.ledger.setOpenCheckIn('client-a', open);
      await subject.ledger.markAnswered('client-a', 'k5', '2026-03-02T11:00:00.000Z');
      await subject.ledger.markAnswered('client-a', 'k5', '2026-03-02T12:00:00.000Z');
      expect(await (await subject.reopen()).openCheckIn('client-a')).to.deep.equal(open);
      expect((await subject.ledger.read('client-a')).answered).to.deep.equal({ k5: '2026-03-02T11:00:00.000Z' });
      await subject.ledger.setOpenCheckIn('client-a', undefined);
      expect(await subject.ledger.openCheckIn('client-a')).to.equal(undefined);
      await subject.ledger.erase('client-a');
      expect((await subject.ledger.read('client-a')).answered).to.deep.equal({});
    });

    it('drops decisions older than a few months when it writes', async () => {
      await subject.ledger.settle('client-a', 'old', sent('2025-09-01T10:00:00.000Z'));
      await subject.ledger.settle('client-a', 'new', sent('2026-03-02T10:00:00.000Z'));
      expect(Object.keys((await subject.ledger.read('client-a')).decided)).to.deep.equal(['new']);
    });
  });
}
