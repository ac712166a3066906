import { expect } from 'chai';
import type { ExpiringRecords } from '../../storage/ports.js';

export interface ExpiringRecordsUnderTest {
  /** Records of a kind, as this instance sees them. */
  open: <T>(kind: string) => ExpiringRecords<T>;
  /** The same, as another instance sharing the store sees them (this instance where there is only one). */
  other: <T>(kind: string) => ExpiringRecords<T>;
  cleanup?: () => Promise<void>;
}

const T0 = '2026-03-02T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/**
 * Short-lived shared records, the contract every backend passes. Atomic promise: a change is made
 * under the record's lock, so changes at the same moment (from any instance) are never lost.
 */
export function expiringRecordsContract(name: string, make: () => Promise<ExpiringRecordsUnderTest>): void {
  describe(name, () => {
    let subject: ExpiringRecordsUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => subject.cleanup?.());

    const count = (records: ExpiringRecords<number>, key: string, now: string, minutes = 10) =>
      records.change(key, now, (n) => ({ value: (n ?? 0) + 1, expiresAt: at(minutes) }));

    it('hands a change what is kept, until it expires, and keeps each kind and key apart', async () => {
      const strikes = subject.open<number>('strikes');
      expect(await count(strikes, 'ann@example.org', at(0))).to.equal(1);
      expect(await count(strikes, 'ann@example.org', at(1))).to.equal(2);
      expect(await count(strikes, 'bob@example.org', at(1)), 'another key').to.equal(1);
      expect(await count(subject.open<number>('other'), 'ann@example.org', at(1)), 'another kind').to.equal(1);
      expect(await count(strikes, 'ann@example.org', at(9))).to.equal(3);
      expect(await count(strikes, 'ann@example.org', at(10)), 'expired: forgotten').to.equal(1);
    });

    it('keeps what another instance wrote, and loses no change made at the same moment from two instances', async () => {
      const mine = subject.open<number>('texts');
      const theirs = subject.other<number>('texts');
      await count(mine, 'SM1', at(0));
      expect(await theirs.change('SM1', at(1), (n) => ({ value: n ?? -1, expiresAt: at(10) })), 'seen by the other').to.equal(1);
      await Promise.all(Array.from({ length: 20 }, (_, i) => count(i % 2 ? mine : theirs, 'SM2', at(1))));
      expect(await mine.change('SM2', at(2), (n) => ({ value: n ?? 0, expiresAt: at(10) }))).to.equal(20);
    });

    it('keeps a record whole (an object), and a change that throws changes nothing', async () => {
      const records = subject.open<{ failures: number; lockedUntil?: number }>('staff');
      await records.change('k', at(0), () => ({ value: { failures: 0, lockedUntil: 123 }, expiresAt: at(15) }));
      await records
        .change('k', at(1), () => {
          throw new Error('no');
        })
        .catch(() => undefined);
      expect(await records.change('k', at(2), (r) => ({ value: r ?? { failures: -1 }, expiresAt: at(15) }))).to.deep.equal({ failures: 0, lockedUntil: 123 });
    });
  });
}
