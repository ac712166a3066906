import type { DateTime } from 'luxon';
import type { Clock } from '../../time/clock.js';

/** A value and when it was computed. */
export interface Computed<T> {
  value: T;
  computedAt: DateTime;
}

/**
 * Keeps a costly value for `maxAgeMs` (0: not kept at all), so a page, its reloads and its downloads
 * share one reading. Requests that come while it is being computed wait for the same computation
 * (the outcomes page uses only this). A failure is not kept.
 * Older than `maxAgeMs` but younger than `staleMs`, the kept value is given at once (the page says
 * when it was worked out) while a fresh one is worked out behind it; older than that, a request waits.
 */
export class OutcomesCache<T> {
  private kept: Computed<T> | undefined;
  private pending: Promise<Computed<T>> | undefined;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
    private readonly staleMs = maxAgeMs,
  ) {}

  get(): Promise<Computed<T>> {
    const age = this.kept ? this.clock.now().toMillis() - this.kept.computedAt.toMillis() : Infinity;
    if (this.kept && age < this.maxAgeMs) return Promise.resolve(this.kept);
    const fresh = this.refresh();
    if (this.kept && age < this.staleMs) {
      fresh.catch(() => undefined);
      return Promise.resolve(this.kept);
    }
    return fresh;
  }

  /** Work the value out ahead of the first request (after start-up), unless it is kept or under way. */
  warm(): void {
    if (!this.kept) this.refresh().catch(() => undefined);
  }

  private refresh(): Promise<Computed<T>> {
    const now = this.clock.now();
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
