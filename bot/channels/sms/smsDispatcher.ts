import { randomUUID } from 'node:crypto';
import { heldByAnother } from '../../../storage/outboxLeases.js';
import type { ClientRepository, SmsOutbox } from '../../../storage/ports.js';
import type { OutboundSmsRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { ContactPreferences } from '../contactPreferences.js';
import type { Logger } from '../../platform/logger.js';
import { classifyDeliveryError } from './deliveryErrors.js';
import { mergeDelivery } from './mergeDelivery.js';
import { RateLimiter } from './rateLimiter.js';
import { WaitingTexts } from './waitingTexts.js';
import { TwilioRequestError, type SendResult, type TwilioMessages } from './twilioMessages.js';

export interface SmsDispatcherDeps {
  outbox: SmsOutbox;
  twilio: TwilioMessages;
  clients: ClientRepository;
  contact: ContactPreferences;
  clock: Clock;
  log: Logger;
  /** Messages per second across all clients (the sender's throughput limit). */
  ratePerSecond: number;
  /** Where Twilio reports this message's delivery. */
  statusCallbackUrl: (id: string) => string;
  maxAttempts?: number;
  concurrency?: number;
  /** Other instances send from the same outbox (PostgreSQL): leases are respected at start-up too. */
  sharedOutbox?: boolean;
  /** How many instances share the sender's rate now (each sends at its share of `ratePerSecond`). */
  liveInstances?: () => Promise<number>;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** With backoff capped at 5 minutes, about 45 minutes of Twilio being unreachable before a message fails. */
const MAX_ATTEMPTS = 16;

/**
 * How long an attempt holds its message against other instances: three times the longest a request
 * to Twilio may take (10 s), and short, because a restarted instance (a new one, to the store) waits
 * this long before it finishes what its previous run was sending.
 */
export const SEND_LEASE_MS = 30 * 1000;
/** How often an instance renews the leases of what it will send, and looks for messages another instance left (its lease ran out: it died). */
export const ADOPT_EVERY_MS = 10 * 1000;
/** At most this many messages are taken on in one look-around (about a hundred a second: more than a sender's rate). */
const ADOPT_LIMIT = 1000;

/**
 * Sends the SMS outbox. Every message is written to the outbox before anything is sent; a message
 * is marked `sending` (durably) before each attempt, so after a crash or an ambiguous failure
 * (timeout, reset) Linkwell first asks Twilio whether it arrived instead of sending it twice.
 * Retries back off on 429, 5xx and network errors. One message per client is in flight at a time,
 * in the order they were written; all sends share one rate limit.
 *
 * Several instances may share one outbox (PostgreSQL). Each attempt first takes the message's
 * lease (in the store, atomically): a message another live instance holds is left to it. What a
 * dead instance held is taken over once its lease runs out, as a restart would: a `sending` one is
 * looked for at Twilio before anything is sent again.
 */
export class SmsDispatcher {
  private readonly waiting = new WaitingTexts();
  /** Messages whose last attempt may have reached Twilio. */
  private readonly uncertain = new Set<string>();
  private limiter: RateLimiter;
  /** Instances the rate is shared by, as last counted. */
  private sharers = 1;
  private inFlight = 0;
  private seq = 0;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private stopped = false;
  private started = false;
  private idleWaiters: Array<() => void> = [];
  /** This instance, as it signs the leases it takes. */
  readonly instanceId = randomUUID();
  private cancelAdopt: (() => void) | undefined;

  constructor(private readonly deps: SmsDispatcherDeps) {
    this.limiter = new RateLimiter(deps.ratePerSecond, deps.clock);
  }

  /** Load what a previous run (or a dead instance) left unsent, and start sending. */
  async start(): Promise<void> {
    await this.shareRate();
    const adopted = await this.adopt();
    if (adopted > 0) this.deps.log.info('sms outbox resumed', { unsent: adopted, uncertain: this.uncertain.size });
    this.started = true;
    this.pump();
    // Alone (lowdb), everything unsent was taken on above: there is nobody else to look after.
    if (this.deps.sharedOutbox) this.adoptLater();
  }

  /**
   * Take on the unsent messages nobody holds: none of their client's messages is leased by another
   * live instance (so a client's texts keep their order). Returns how many were taken on.
   */
  private async adopt(): Promise<number> {
    const now = this.deps.clock.now().toISO()!;
    // One process only (lowdb): whatever is unsent is this process's, whoever wrote it. Shared: what
    // nobody live holds, a page at a time (the store finds it: another instance's queue is never read).
    const unsent = this.deps.sharedOutbox ? await this.deps.outbox.leftOver(this.instanceId, now, ADOPT_LIMIT) : await this.deps.outbox.unsent();
    let adopted = 0;
    for (const record of unsent) {
      if (this.waiting.has(record.id)) continue;
      if (record.status === 'sending') this.uncertain.add(record.id);
      this.waiting.set(record);
      this.seq = Math.max(this.seq, record.seq);
      adopted += 1;
    }
    return adopted;
  }

  /** Each of n instances sends at 1/n of the sender's rate: together, never faster than it allows. */
  private async shareRate(): Promise<void> {
    const n = Math.max(1, (await this.deps.liveInstances?.()) ?? 1);
    if (n === this.sharers) return;
    this.sharers = n;
    this.limiter = new RateLimiter(this.deps.ratePerSecond / n, this.deps.clock);
    this.deps.log.info('sms send rate shared', { instances: n, perSecond: this.deps.ratePerSecond / n });
  }

  /**
   * Keep holding what this instance will send: a text can wait its turn behind the send rate far
   * longer than one lease, and a lease that ran out while this instance lives would let another
   * take the text on (and hold it in memory too) only to find, at sending, that this one has it.
   */
  private async renewLeases(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.outbox.renewLeases(this.instanceId, this.waiting.ids(), now.toISO()!, now.plus({ milliseconds: SEND_LEASE_MS }).toISO()!);
  }

  private adoptLater(): void {
    if (this.stopped) return;
    this.cancelAdopt = this.deps.clock.after(ADOPT_EVERY_MS, () => {
      void this.renewLeases()
        .then(() => this.shareRate())
        .then(() => this.adopt())
        .then((n) => {
          if (n > 0) this.deps.log.info('sms outbox took over messages left by another instance', { messages: n });
          this.pump();
        })
        .catch((error: unknown) => this.deps.log.error('sms outbox look-around failed', { error: (error as Error).name }))
        .finally(() => this.adoptLater());
    });
  }

  /** Started and not stopped: it sends what is written to the outbox. */
  get isRunning(): boolean {
    return this.started && !this.stopped;
  }

  /** Send nothing more; resolves once the sends already under way have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelAdopt?.();
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** What became of a text to staff (an alert): told here instead of the client's contact preferences. */
  onStaffDelivery: ((record: OutboundSmsRecord, status: 'sent' | 'delivered' | 'failed') => Promise<void>) | undefined;

  /** Write a message to the outbox, then send it when its turn comes. Returns its id. */
  async enqueue(
    clientId: string,
    to: string,
    body: string,
    options: { compliance?: boolean; id?: string; staff?: OutboundSmsRecord['staff'] } = {},
  ): Promise<string> {
    const now = this.deps.clock.now().toISO()!;
    const record: OutboundSmsRecord = {
      id: options.id ?? randomUUID(),
      clientId,
      to,
      body,
      seq: (this.seq += 1),
      createdAt: now,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      ...(options.compliance ? { compliance: true } : {}),
      ...(options.staff ? { staff: options.staff } : {}),
      // Shared with other instances: held from the start, so none of them takes it while this one lives.
      ...(this.deps.sharedOutbox ? { lease: { owner: this.instanceId, until: this.deps.clock.now().plus({ milliseconds: SEND_LEASE_MS }).toISO()! } } : {}),
    };
    // A message with this id already written (the replay of a turn) is neither written nor sent again.
    if (!(await this.deps.outbox.add(record))) return record.id;
    this.waiting.set(record);
    this.pump();
    return record.id;
  }

  /** Send a finished message again later (the handset was unreachable). */
  async requeue(record: OutboundSmsRecord, afterMs: number): Promise<void> {
    const nextAttemptAt = this.deps.clock.now().plus({ milliseconds: afterMs }).toISO()!;
    const updated = await this.deps.outbox.update(record.id, (r) => ({
      ...r,
      status: 'queued',
      nextAttemptAt,
      redeliveries: (r.redeliveries ?? 0) + 1,
      lastError: { httpStatus: null, code: r.delivery?.errorCode ?? null, reason: `previous attempt ${r.delivery?.status ?? 'not delivered'}` },
      // A new attempt gets a new Twilio message and its own reports.
      twilioSid: undefined,
      delivery: undefined,
    }));
    if (!updated) return;
    // The report settled whether the last attempt reached Twilio: the next one is a new message.
    this.uncertain.delete(updated.id);
    this.waiting.set(updated);
    this.pump();
  }

  /** Resolves once nothing is in flight and nothing waiting is due yet (for tests and shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    if (this.stopped) return;
    const concurrency = this.deps.concurrency ?? 8;
    const now = this.deps.clock.now().toMillis();
    let wakeAt = Number.POSITIVE_INFINITY;
    while (this.inFlight < concurrency) {
      const head = this.waiting.peek();
      if (!head) break;
      const due = Date.parse(head.nextAttemptAt);
      if (due > now) {
        // The soonest of all: nothing else is due before it.
        wakeAt = due;
        break;
      }
      const wait = this.limiter.take();
      if (wait > 0) {
        wakeAt = now + wait;
        break;
      }
      this.launch(head);
    }
    this.schedule(wakeAt);
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private launch(record: OutboundSmsRecord): void {
    this.inFlight += 1;
    this.waiting.setBusy(record.clientId, true);
    void this.attempt(record)
      .catch((error: unknown) => {
        // Twilio could not be asked whether an earlier attempt arrived, or storage failed: keep the
        // message waiting (still uncertain, if it was) and try again shortly.
        if (error instanceof TwilioRequestError) this.deps.log.warn('sms not reconciled yet', { messageId: record.id, reason: error.failure.reason });
        else this.deps.log.error('sms send failed', { messageId: record.id, error });
        const retryMs = error instanceof TwilioRequestError ? (error.failure.retryAfterMs ?? 30_000) : 30_000;
        record.nextAttemptAt = this.deps.clock.now().plus({ milliseconds: retryMs }).toISO()!;
      })
      .finally(() => {
        this.inFlight -= 1;
        this.waiting.setBusy(record.clientId, false);
        if (this.stopped) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        } else {
          this.pump();
        }
      });
  }

  private async attempt(record: OutboundSmsRecord): Promise<void> {
    // Staff texts (alerts) go whatever any client's preferences are.
    const client = record.staff ? undefined : await this.deps.clients.get(record.clientId);
    if (!record.staff && (!client || (client.optedOutAt && !record.compliance))) {
      await this.finish(record, 'failed', { lastError: { httpStatus: null, code: null, reason: client ? 'client has opted out' : 'client not enrolled' } });
      return;
    }
    const held = await this.takeLease(record);
    if (!held) return;
    if (held.status === 'sending') this.uncertain.add(held.id);
    if (this.uncertain.has(held.id) && (await this.foundAtTwilio(held))) return;

    const now = this.deps.clock.now();
    const sending = await this.deps.outbox.update(held.id, (r) => ({ ...r, status: 'sending', sendingSince: now.toISO()!, attempts: r.attempts + 1 }));
    if (!sending) return;
    this.uncertain.add(record.id);
    const result = await this.deps.twilio.send({ to: record.to, body: record.body, statusCallback: this.deps.statusCallbackUrl(record.id) });
    await this.settle(sending, result);
  }

  /**
   * Hold the message for this attempt (atomically, in the store), as it now stands there; undefined
   * (and forgotten here) when it was finished meanwhile or another live instance holds it.
   */
  private async takeLease(record: OutboundSmsRecord): Promise<OutboundSmsRecord | undefined> {
    // One process only (lowdb): nobody else sends, and no write is spent on a lease.
    if (!this.deps.sharedOutbox) return record;
    const now = this.deps.clock.now();
    const until = now.plus({ milliseconds: SEND_LEASE_MS }).toISO()!;
    const held = await this.deps.outbox.update(record.id, (r) =>
      (r.status === 'queued' || r.status === 'sending') && !heldByAnother(r, this.instanceId, now.toMillis())
        ? { ...r, lease: { owner: this.instanceId, until } }
        : r,
    );
    if (held?.lease?.owner === this.instanceId && held.lease.until === until) return held;
    this.waiting.delete(record.id);
    this.uncertain.delete(record.id);
    return undefined;
  }

  private async settle(record: OutboundSmsRecord, result: SendResult): Promise<void> {
    const now = this.deps.clock.now();
    if (result.ok) {
      // Recorded before the message is marked sent: a reconciliation after a crash here finds it claimed.
      await this.deps.outbox.claimSid(record.to, result.sid, record.id, now.toISO()!);
      await this.finish(record, 'sent', { twilioSid: result.sid, sentAt: now.toISO()! }, { status: result.status, at: now.toISO()! });
      if (record.staff) await this.onStaffDelivery?.(record, 'sent');
      return;
    }
    const lastError = { httpStatus: result.httpStatus ?? null, code: result.code ?? null, reason: result.reason };
    const maxAttempts = this.deps.maxAttempts ?? MAX_ATTEMPTS;
    if (result.retry && record.attempts < maxAttempts) {
      if (!result.mayHaveBeenSent) this.uncertain.delete(record.id);
      const delay = result.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (record.attempts - 1));
      const next = await this.deps.outbox.update(record.id, (r) => ({
        ...r,
        status: result.mayHaveBeenSent ? 'sending' : 'queued',
        nextAttemptAt: now.plus({ milliseconds: delay }).toISO()!,
        lastError,
      }));
      if (next) this.waiting.set(next);
      this.deps.log.warn('sms send will be retried', {
        messageId: record.id,
        attempts: record.attempts,
        httpStatus: lastError.httpStatus,
        code: lastError.code,
        retryInMs: delay,
      });
      return;
    }
    await this.finish(record, 'failed', { lastError });
    this.deps.log.warn('sms send failed for good', { messageId: record.id, attempts: record.attempts, httpStatus: lastError.httpStatus, code: lastError.code });
    if (record.staff) {
      await this.onStaffDelivery?.(record, 'failed');
      return;
    }
    const failure = classifyDeliveryError(result.code ?? null);
    if (failure.optedOut) await this.deps.contact.optOut(record.clientId, 'twilio-opt-out', 'sms');
    await this.deps.contact.deliveryFailed(record.clientId, record.id, result.code ?? null, failure.problem);
  }

  /**
   * After an ambiguous attempt: did Twilio take it? If so it is sent, and is not sent again. Only a
   * message Twilio created since that attempt began can be it (Twilio dates to the second), with the
   * same words, and with a sid no other outbox message has claimed; the oldest such is taken.
   */
  private async foundAtTwilio(record: OutboundSmsRecord): Promise<boolean> {
    const began = Date.parse(record.sendingSince ?? record.createdAt);
    const since = new Date(Math.floor(began / 1000) * 1000);
    const candidates = (await this.deps.twilio.listSentTo(record.to, since))
      .filter((m) => m.body === record.body && Date.parse(m.dateCreated) >= since.getTime())
      .sort((a, b) => a.dateCreated.localeCompare(b.dateCreated));
    const now = this.deps.clock.now().toISO()!;
    for (const match of candidates) {
      if (!(await this.deps.outbox.claimSid(record.to, match.sid, record.id, now))) continue;
      await this.finish(record, 'sent', { twilioSid: match.sid, sentAt: match.dateCreated }, { status: match.status, at: now });
      this.deps.log.info('sms found at twilio, not sent again', { messageId: record.id });
      return true;
    }
    this.uncertain.delete(record.id);
    return false;
  }

  /** `seen` is what Twilio said of the message when it was sent or found. */
  private async finish(
    record: OutboundSmsRecord,
    status: 'sent' | 'failed',
    fields: Partial<OutboundSmsRecord>,
    seen?: { status: string; at: string },
  ): Promise<void> {
    this.uncertain.delete(record.id);
    // Merged into the stored record, not `record`: a status callback may have landed during the send.
    await this.deps.outbox.update(record.id, (r) => ({
      ...r,
      ...fields,
      status,
      delivery: seen ? mergeDelivery(r.delivery, seen.status, null, seen.at) : r.delivery,
    }));
    this.waiting.delete(record.id);
  }

  private schedule(at: number): void {
    if (at === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = at;
    if (!Number.isFinite(at)) return;
    this.cancelTimer = this.deps.clock.after(at - this.deps.clock.now().toMillis(), () => {
      this.timerAt = Number.POSITIVE_INFINITY;
      this.cancelTimer = undefined;
      this.pump();
    });
  }

  private isIdle(): boolean {
    if (this.inFlight > 0) return false;
    const now = this.deps.clock.now().toMillis();
    // Only a client's next message can be due: the ones behind it wait for it, however old they are.
    const next = this.waiting.peek();
    return !next || Date.parse(next.nextAttemptAt) > now;
  }
}
