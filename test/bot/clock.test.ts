import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';

describe('ManualClock', () => {
  const start = DateTime.fromISO('2026-03-29T00:30:00Z');

  it('fires timers in time order as it is advanced past them, each seeing its own due time', () => {
    const clock = new ManualClock(start);
    const seen: string[] = [];
    clock.after(60_000, () => seen.push(`b ${clock.now().toISOTime()}`));
    clock.after(1_000, () => seen.push(`a ${clock.now().toISOTime()}`));
    clock.after(3_600_000, () => seen.push('c'));
    clock.advance({ minutes: 5 });
    expect(seen).to.deep.equal(['a 00:30:01.000Z', 'b 00:31:00.000Z']);
    expect(clock.now().toISO()).to.equal('2026-03-29T00:35:00.000Z');
    expect(clock.pendingTimers).to.equal(1);
  });

  it('fires a timer set by a timer when the clock passes it too, and never a cancelled one', () => {
    const clock = new ManualClock(start);
    const seen: number[] = [];
    const cancel = clock.after(500, () => seen.push(0));
    clock.after(1_000, () => clock.after(1_000, () => seen.push(2)));
    cancel();
    clock.advance({ seconds: 3 });
    expect(seen).to.deep.equal([2]);
  });
});
