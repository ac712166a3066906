import type { Store } from '../../storage/ports.js';
import type { AppConfig } from '../config/env.js';
import type { Programme } from '../config/programmeSchema.js';
import type { ClientChanged } from '../platform/clientChanged.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../time/clock.js';

/** What every builder of the composition root starts from. */
export interface Ground {
  config: AppConfig;
  programme: Programme;
  clock: Clock;
  log: Logger;
  store: Store;
  /** Said by whatever changes a client; the scheduler listens (buildSchedule). */
  clientChanged: ClientChanged;
  /** The public base URL, or the local one once the server listens. */
  baseUrl: () => string;
  /** 'manual': timers run only when a test drives them on its clock. */
  schedulerMode: 'auto' | 'manual';
}
