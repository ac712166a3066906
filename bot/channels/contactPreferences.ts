import type { DateTime } from 'luxon';
import type { ClientHistoryRepository, ClientRepository } from '../../storage/ports.js';
import type { ClientRecord, ContactSource, DeliveryProblem } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';

/** Failed deliveries in a row after which the link worker is told. */
export const REPEATED_FAILURES = 3;

/**
 * How Linkwell may reach a client: agreed or not yet (YES), opted out (STOP), paused until a date
 * (PAUSE).
 * The current state lives on the client record (read on every send); every change is also kept as
 * an event with its time and source, for the link worker and for audit.
 */
export class ContactPreferences {
  constructor(
    private readonly deps: {
      clients: ClientRepository;
      history: Pick<ClientHistoryRepository, 'recordEvent'>;
      clock: Clock;
    },
  ) {}

  /**
   * The client agreed (replied YES to the welcome, which asks for both): to texts, and to their
   * answers going to their link worker; each recorded on its own, with time, channel and the text
   * that agreed. False when they had agreed to both already.
   */
  async consent(clientId: string, channel: string, messageKey?: string): Promise<boolean> {
    const at = this.now();
    const given = { at, channel, ...(messageKey ? { messageKey } : {}) };
    let added: Array<'texts' | 'sharing'> = [];
    await this.change(clientId, (c) => {
      const agreed = agreementsOf(c);
      added = (['texts', 'sharing'] as const).filter((kind) => !agreed[kind]);
      if (added.length === 0) return undefined;
      return { ...c, consentedAt: c.consentedAt ?? at, agreements: { ...agreed, ...Object.fromEntries(added.map((kind) => [kind, given])) } };
    });
    if (added.includes('texts')) await this.deps.history.recordEvent(clientId, { type: 'consented', at, source: 'reply', channel });
    if (added.includes('sharing')) await this.deps.history.recordEvent(clientId, { type: 'agreed-to-sharing', at, source: 'reply', channel });
    return added.length > 0;
  }

  /** Stop every message to the client. False when they had already opted out. */
  async optOut(clientId: string, source: ContactSource, channel: string): Promise<boolean> {
    const at = this.now();
    const changed = await this.change(clientId, (c) => (c.optedOutAt ? undefined : { ...c, optedOutAt: at }));
    if (changed) await this.deps.history.recordEvent(clientId, { type: 'opted-out', at, source, channel });
    return changed;
  }

  /** Messages may be sent again (a pause, if any, still applies). False when they had not opted out. */
  async optIn(clientId: string, source: ContactSource, channel: string): Promise<boolean> {
    const at = this.now();
    const changed = await this.change(clientId, ({ optedOutAt, ...c }) => (optedOutAt ? c : undefined));
    if (changed) await this.deps.history.recordEvent(clientId, { type: 'opted-in', at, source, channel });
    return changed;
  }

  /** No scheduled messages before `until`. */
  async pause(clientId: string, until: DateTime, source: ContactSource, channel: string): Promise<void> {
    const iso = until.toUTC().toISO()!;
    await this.change(clientId, (c) => ({ ...c, pausedUntil: iso }));
    await this.deps.history.recordEvent(clientId, { type: 'paused', at: this.now(), until: iso, source, channel });
  }

  /** End a pause early. False when there was none. */
  async resume(clientId: string, source: ContactSource, channel: string): Promise<boolean> {
    const changed = await this.change(clientId, ({ pausedUntil, ...c }) => (pausedUntil ? c : undefined));
    if (changed) await this.deps.history.recordEvent(clientId, { type: 'resumed', at: this.now(), source, channel });
    return changed;
  }

  /** A message reached the client: the run of failures is over. */
  async delivered(clientId: string): Promise<void> {
    await this.change(clientId, ({ deliveryFailuresInARow, ...c }) => (deliveryFailuresInARow ? c : undefined));
  }

  /**
   * A message did not reach the client. `problem` (unknown number, landline, unreachable for
   * good...) is recorded for the link worker at once; any failure counts towards REPEATED_FAILURES.
   */
  async deliveryFailed(clientId: string, messageId: string, code: number | null, problem?: DeliveryProblem): Promise<void> {
    const at = this.now();
    let count = 0;
    await this.change(clientId, (c) => {
      count = (c.deliveryFailuresInARow ?? 0) + 1;
      return { ...c, deliveryFailuresInARow: count };
    });
    if (problem) await this.deps.history.recordEvent(clientId, { type: 'delivery-problem', at, problem, code, messageId });
    if (count === REPEATED_FAILURES) {
      await this.deps.history.recordEvent(clientId, { type: 'delivery-problem', at, problem: 'repeated-failures', code, messageId });
    }
  }

  private async change(clientId: string, change: (client: ClientRecord) => ClientRecord | undefined): Promise<boolean> {
    let changed = false;
    await this.deps.clients.update(clientId, (client) => {
      const next = change(client);
      changed = next !== undefined;
      return next ?? client;
    });
    return changed;
  }

  private now(): string {
    return this.deps.clock.now().toISO()!;
  }
}

/**
 * What a client has agreed to. A client who replied YES before agreements were kept apart agreed
 * to a welcome that said their link worker sees their answers: both, at consentedAt.
 */
export function agreementsOf(client: ClientRecord): NonNullable<ClientRecord['agreements']> {
  if (client.agreements) return client.agreements;
  if (!client.consentedAt) return {};
  const before = { at: client.consentedAt, channel: client.channel };
  return { texts: before, sharing: before };
}

/** Agreed to both: check-ins may run and their answers be kept. */
export function hasAgreed(client: ClientRecord): boolean {
  const { texts, sharing } = agreementsOf(client);
  return texts !== undefined && sharing !== undefined;
}
