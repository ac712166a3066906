import { DateTime } from 'luxon';

/** The only source of "now" in Linkwell, so schedules and expiries can be tested on a fake clock. Always UTC. */
export interface Clock {
  now(): DateTime;
}

/** The real clock, in UTC. */
export const systemClock: Clock = {
  now: () => DateTime.utc(),
};

/** A clock that only moves when told to: for tests and simulations. */
export class ManualClock implements Clock {
  private current: DateTime;
  constructor(start: DateTime) {
    this.current = start.toUTC();
  }
  now(): DateTime {
    return this.current;
  }
  set(to: DateTime): void {
    this.current = to.toUTC();
  }
  advance(by: Parameters<DateTime['plus']>[0]): void {
    this.current = this.current.plus(by);
  }
}
