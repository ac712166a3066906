import { expect } from 'chai';
import { DateTime, IANAZone } from 'luxon';
import { memoZone } from '../../bot/time/memoZone.js';
import { transitions, ZONES } from './parityCases.js';

describe('memoZone', () => {
  for (const [name, from, to] of [
    ['Europe/London', '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z'],
    ['America/New_York', '2026-10-31T00:00:00Z', '2026-11-02T12:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z'], // a half-hour change
    ['Asia/Kathmandu', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'], // +05:45
  ] as const) {
    it(`gives the same offsets as Intl every minute across a change in ${name}`, () => {
      const memo = memoZone(name);
      const real = IANAZone.create(name);
      for (let t = DateTime.fromISO(from).toMillis(); t < DateTime.fromISO(to).toMillis(); t += 60_000) {
        if (memo.offset(t) !== real.offset(t)) throw new Error(`${name} at ${new Date(t).toISOString()}: ${memo.offset(t)} != ${real.offset(t)}`);
      }
      expect(DateTime.fromISO('2026-07-01T12:00:00Z').setZone(memo).toISO()).to.equal(DateTime.fromISO('2026-07-01T12:00:00Z').setZone(name).toISO());
    });
  }

  for (const name of [...ZONES, 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
    it(`gives Intl's offset in ${name} over three years, and to the millisecond around each change`, () => {
      const memo = memoZone(name);
      const real = IANAZone.create(name);
      const from = DateTime.fromISO('2025-01-01T00:00:00Z').toMillis();
      const samples: number[] = [];
      for (let n = 0; n < 3 * 365 * 4; n += 1) samples.push(from + n * 6 * 3_600_000 + ((n * 7919) % 360) * 60_000 + (n % 1000));
      for (const change of transitions(name, DateTime.fromMillis(from), DateTime.fromISO('2028-01-01T00:00:00Z'))) {
        for (let t = change - 3_600_000; t <= change + 3_600_000; t += 60_000) samples.push(t, t - 1, t + 999);
      }
      for (const t of samples) {
        if (memo.offset(t) !== real.offset(t)) throw new Error(`${name} at ${new Date(t).toISOString()}: ${memo.offset(t)} != ${real.offset(t)}`);
      }
    });
  }

  it('answers NaN for a zone that does not exist, as luxon does', () => {
    expect(memoZone('Mars/Olympus_Mons').offset(0)).to.be.NaN;
    expect(memoZone('Mars/Olympus_Mons').isValid).to.equal(false);
  });
});
