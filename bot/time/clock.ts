import { DateTime } from 'luxon';

/**
 * The only source of "now" and of timers in Linkwell, so schedules, retries and expiries can be
 * tested on a fake clock. Always UTC.
 */
export interface Clock {
  now(): DateTime;
  /** Run `fn` once `ms` have passed on this clock; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** The real clock, in UTC. */
export const systemClock: Clock = {
  now: () => DateTime.utc(),
  after: (ms, fn) => {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

interface ManualTimer {
  dueMs: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when told to: for tests and simulations. Its timers fire as it passes them. */
export class ManualClock implements Clock {
  private current: DateTime;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start: DateTime) {
    this.current = start.toUTC();
  }

  now(): DateTime {
    return this.current;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { dueMs: this.current.toMillis() + Math.max(0, ms), seq: (this.seq += 1), fn };
    this.timers.push(timer);
    if (ms <= 0) queueMicrotask(() => this.fireDue());
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  set(to: DateTime): void {
    this.moveTo(to.toUTC());
  }

  advance(by: Parameters<DateTime['plus']>[0]): void {
    this.moveTo(this.current.plus(by));
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private moveTo(to: DateTime): void {
    // Timers fire in time order, each seeing the clock at its own due time.
    for (;;) {
      const next = this.timers.filter((t) => t.dueMs <= to.toMillis()).sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      if (next.dueMs > this.current.toMillis()) this.current = DateTime.fromMillis(next.dueMs, { zone: 'utc' });
      next.fn();
    }
    if (to > this.current) this.current = to;
  }

  private fireDue(): void {
    this.moveTo(this.current);
  }
}
