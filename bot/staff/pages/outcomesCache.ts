import type { DateTime } from 'luxon';
import type { Clock } from '../../clock.js';

/** A value and when it was computed. */
export interface Computed<T> {
  value: T;
  computedAt: DateTime;
}

/**
 * Keeps a costly value (the programme outcomes read every client's history: seconds for 2,000
 * clients) for `maxAgeMs`, so the page, its reloads and the summary downloads share one reading.
 * Requests that come while it is being computed wait for the same computation. A failure is not kept.
 */
export class OutcomesCache<T> {
  private kept: Computed<T> | undefined;
  private pending: Promise<Computed<T>> | undefined;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<Computed<T>> {
    const now = this.clock.now();
    if (this.kept && now.toMillis() - this.kept.computedAt.toMillis() < this.maxAgeMs) return Promise.resolve(this.kept);
    this.pending ??= this.compute().then(
      (value) => {
        this.pending = undefined;
        this.kept = { value, computedAt: now };
        return this.kept;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}
