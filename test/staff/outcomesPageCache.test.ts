import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { OutcomesCache } from '../../bot/staff/pages/outcomesCache.js';

describe('OutcomesCache', () => {
  let clock: ManualClock;
  let computed: number;
  let fail: boolean;
  let cache: OutcomesCache<number>;

  beforeEach(() => {
    clock = new ManualClock(DateTime.fromISO('2026-03-02T09:00:00Z'));
    computed = 0;
    fail = false;
    cache = new OutcomesCache(
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        if (fail) throw new Error('could not read');
        return (computed += 1);
      },
      clock,
      60_000,
    );
  });

  it('gives the same figures, and when they were worked out, for a minute', async () => {
    const first = await cache.get();
    clock.advance({ seconds: 59 });
    const again = await cache.get();
    expect(again.value).to.equal(1);
    expect(again.computedAt.toISO()).to.equal(first.computedAt.toISO());
    clock.advance({ seconds: 1 });
    const fresh = await cache.get();
    expect(fresh.value).to.equal(2);
    expect(fresh.computedAt.toISO()).to.equal(clock.now().toISO());
  });

  it('works the figures out once for requests that come together', async () => {
    const [a, b, c] = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect([a.value, b.value, c.value]).to.deep.equal([1, 1, 1]);
    expect(computed).to.equal(1);
  });

  it('does not keep a failure: the next request tries again', async () => {
    fail = true;
    const error = await cache.get().catch((e: Error) => e);
    expect((error as Error).message).to.equal('could not read');
    fail = false;
    expect((await cache.get()).value).to.equal(1);
  });

  it('shows figures up to the stale age at once while fresh ones are worked out behind them', async () => {
    const stale = new OutcomesCache(
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return (computed += 1);
      },
      clock,
      60_000,
      15 * 60_000,
    );
    expect((await stale.get()).value).to.equal(1);
    clock.advance({ minutes: 10 });
    // Kept figures at once, worked out ten minutes ago; the next request has the fresh ones.
    const kept = await stale.get();
    expect([kept.value, clock.now().diff(kept.computedAt, 'minutes').minutes]).to.deep.equal([1, 10]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await stale.get()).value).to.equal(2);
    // Older than the stale age: the request waits for fresh figures.
    clock.advance({ minutes: 16 });
    expect((await stale.get()).value).to.equal(3);
  });

  it('works the figures out ahead of the first request when warmed, once', async () => {
    cache.warm();
    cache.warm();
    expect((await cache.get()).value).to.equal(1);
    expect(computed).to.equal(1);
  });
});
