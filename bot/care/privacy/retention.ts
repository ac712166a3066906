import type { ClientHistoryRepository, ClientRepository, WebChatTranscripts } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import type { Logger } from '../../platform/logger.js';

/** What replaces a client's words once the programme's retention period has passed. */
export const REMOVED = '[removed]';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The programme's retention, applied every day: clients' own words older than
 * `retention.clientWordsMonths` are replaced by "[removed]" (coded answers stay, for outcomes).
 */
export class Retention {
  private cancelTimer: (() => void) | undefined;

  constructor(
    private readonly deps: {
      months: number | undefined;
      clients: ClientRepository;
      history: Pick<ClientHistoryRepository, 'removeWordsBefore'>;
      /** Web chat transcripts: messages past the period go whole (a chat is all words). */
      webChat: Pick<WebChatTranscripts, 'removeBefore'>;
      clock: Clock;
      log: Logger;
    },
  ) {}

  /** Apply it now, then once a day. */
  start(): void {
    if (this.deps.months === undefined) return;
    const run = () => {
      void this.applyNow()
        .catch((error: unknown) => this.deps.log.error('retention failed', { error: (error as Error).name }))
        .finally(() => {
          this.cancelTimer = this.deps.clock.after(DAY_MS, run);
        });
    };
    run();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** Remove what is past the period now; resolves with how many records changed. */
  async applyNow(): Promise<number> {
    const { months } = this.deps;
    if (months === undefined) return 0;
    const before = this.deps.clock.now().toUTC().minus({ months }).toISO()!;
    let changed = 0;
    for (const client of await this.deps.clients.list()) {
      changed += await this.deps.history.removeWordsBefore(client.id, before, REMOVED);
      changed += await this.deps.webChat.removeBefore(client.id, before);
    }
    this.deps.log.info('retention applied', { months, records: changed });
    return changed;
  }
}
