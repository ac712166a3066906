import type { Clock } from '../clock.js';

/**
 * A token bucket: at most `perSecond` sends a second on average, with bursts of up to one
 * second's worth (at least one message).
 */
export class RateLimiter {
  private tokens: number;
  private readonly capacity: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, perSecond);
    this.tokens = this.capacity;
    this.last = clock.now().toMillis();
  }

  /** Take a token if one is free (returns 0), else how many ms until one will be. */
  take(): number {
    const now = this.clock.now().toMillis();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
