import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { AlertRepository, ClientRepository } from '../../../storage/ports.js';
import type { AlertContact, AlertNotification, AlertRecord, AlertTier } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { Programme } from '../../config/programmeSchema.js';
import type { Logger } from '../../platform/logger.js';
import { ackDeadline, alertRoute, missingDeadline, type AlertRoute } from './alertChain.js';
import { postAlertWebhook, webhookAttempt, webhookBody } from './alertWebhook.js';
import { staffAlertText, staffPhone } from './staffAlertText.js';

/** Sends a text to a member of staff; resolves with the outbox message id. */
export interface StaffSms {
  send(to: string, body: string, staff: { alertId: string; contactId: string }): Promise<string>;
}

export interface AlertServiceDeps {
  alerts: AlertRepository;
  clients: Pick<ClientRepository, 'get' | 'update'>;
  programme: Programme;
  /** Absent when SMS is not configured: alerts are then kept, listed and posted to the webhook only. */
  staffSms: StaffSms | undefined;
  webhook?: { url: string; secret: string; post?: typeof postAlertWebhook } | undefined;
  /** Where staff open the alert. */
  alertLink: (alertId: string) => string;
  clock: Clock;
  log: Logger;
  /**
   * Other instances raise, acknowledge and escalate alerts in the same store (PostgreSQL): the
   * store is asked what is due at least every minute, for deadlines of alerts the others raised.
   */
  shared?: boolean;
}

/** How often an instance sharing the store looks at alerts the others raised. */
export const SHARED_LOOK_MS = 60_000;
/** How many due alerts are read at a time (a look after a long stop reads as many pages as it needs). */
const DUE_BATCH = 50;
/** An alert still due after it was acted on (a failure on the way): looked at again this much later, not in a loop. */
const STILL_DUE_RETRY_MS = 60_000;
/** A webhook retry is held this long by the instance posting it; if that instance dies, another tries after. */
const WEBHOOK_LEASE_MS = 60_000;
/** New codes tried before giving up (a code is taken only when another alert has it: rarely twice running). */
const CODE_TRIES = 100;

export type AlertTrigger = AlertRecord['trigger'];

export interface RaiseAlert {
  clientId: string | null;
  fromPhone?: string | undefined;
  tier: AlertTier;
  categories: string[];
  trigger: AlertTrigger;
}

export type AcknowledgeResult = { ok: true; alert: AlertRecord } | { ok: false; reason: 'not_found' | 'resolved' };

/** Which alerts to find (see AlertRepository.find). */
export type AlertQuery = Parameters<AlertRepository['find']>[0];

/** Every new code tried was taken by another alert: the alert could not be kept. */
export class AlertCodeError extends Error {
  override name = 'AlertCodeError';
}

const TIER_RANK: Record<AlertTier, number> = { routine: 0, 'same-day': 1, urgent: 2 };
// No letters or digits that read alike on a small screen (0/O, 1/I/L, 5/S, 8/B, 2/Z).
const CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY34679';

/**
 * Risk alerts from raising to resolution. An alert is written before anyone is told; its link
 * worker (out of hours, the duty contact) gets a discreet text (name, tier, code, link: never what
 * the client wrote); an urgent or same-day one not acknowledged in time goes to the next person in
 * its chain (see ackDeadline), as does one whose text cannot be delivered, and a routine one is
 * flagged in its link worker's list. Only staff acknowledge (ACK <code> from a registered number,
 * or the admin API) and only staff resolve, with a note. Nothing the client says later closes it.
 *
 * Nothing about alerts is held here: every decision reads the store, and is made on the alert as
 * stored, under its lock (an ACK on any instance stops escalation on all). Each alert carries when
 * it next needs attention, so the one timer only wakes this service to ask the store what is due:
 * a restart, or another instance, takes up whatever a stopped one left.
 */
export class AlertService {
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  private working: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AlertServiceDeps) {}

  /** Give old alerts their missing deadlines and catch up on what fell due while stopped. */
  async start(): Promise<void> {
    await this.serial(() => this.rearm());
    await this.tick();
  }

  /** Resolves once the change under way (a timer, a raise, an acknowledgement) is done. */
  idle(): Promise<void> {
    return this.working;
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    return this.working;
  }

  /**
   * Raise an alert and tell whoever must act now. A client with an open, unacknowledged alert of
   * the same or a higher tier gets no second one: the new trigger is added to it.
   */
  async raise(input: RaiseAlert): Promise<{ alert: AlertRecord; route: AlertRoute; isNew: boolean }> {
    return this.serial(async () => {
      const now = this.deps.clock.now();
      const client = input.clientId ? ((await this.deps.clients.get(input.clientId)) ?? null) : null;
      const route = alertRoute(this.deps.programme, client, input.tier, now);
      // Theirs being dealt with, oldest first, as the store has them now (whichever instance raised them).
      const theirs = (await this.deps.alerts.find({ clientId: input.clientId, state: 'unresolved' })).reverse();
      // One message raises one alert, however often its turn runs (a replay after a crash).
      const sameMessage = theirs.find(
        (a) => TIER_RANK[a.tier] >= TIER_RANK[input.tier] && [a.trigger, ...(a.furtherTriggers ?? [])].some((t) => sameTrigger(t, input.trigger)),
      );
      if (sameMessage) return { alert: sameMessage, route, isNew: false };
      const existing = theirs.find((a) => a.state === 'open' && a.clientId !== null && TIER_RANK[a.tier] >= TIER_RANK[input.tier]);
      if (existing) {
        const updated = await this.save(existing.id, (a) => ({
          ...a,
          categories: [...new Set([...a.categories, ...input.categories])],
          furtherTriggers: [...(a.furtherTriggers ?? []), { ...input.trigger, at: now.toISO()! }],
        }));
        return { alert: updated ?? existing, route, isNew: false };
      }
      const alert = await this.addWithNewCode({
        id: randomUUID(),
        code: '',
        clientId: input.clientId,
        ...(input.fromPhone ? { fromPhone: input.fromPhone } : {}),
        tier: input.tier,
        categories: input.categories,
        trigger: input.trigger,
        state: 'open',
        createdAt: now.toISO()!,
        chain: route.chain,
        step: 0,
        ...(route.notifyAt > now ? { notifyAt: route.notifyAt.toISO()! } : {}),
        notifications: [],
        escalations: [],
      });
      this.deps.log.warn('risk alert raised', { alertId: alert.id, clientId: alert.clientId, tier: alert.tier, categories: alert.categories });
      if (client && input.tier !== 'routine') await this.deps.clients.update(client.id, (c) => ({ ...c, riskOpenSince: c.riskOpenSince ?? alert.createdAt }));
      if (route.notifyAt <= now) await this.tellFirst(alert.id, route.fyi);
      await this.postWebhook(alert.id, false);
      await this.sleep();
      return { alert: (await this.deps.alerts.get(alert.id)) ?? alert, route, isNew: true };
    });
  }

  /** A member of staff has it: escalation stops. By the code staff were sent, or by id (admin API). */
  acknowledge(codeOrId: string, by: { id: string; via: 'sms' | 'admin-api' | 'staff-pages' }): Promise<AcknowledgeResult> {
    return this.serial(async () => {
      const found = (await this.deps.alerts.byCode(codeOrId.trim().toUpperCase())) ?? (await this.deps.alerts.get(codeOrId));
      if (!found) return { ok: false, reason: 'not_found' };
      const now = this.deps.clock.now().toISO()!;
      let acknowledged = false;
      // Decided on the alert as stored: another instance may have had it acknowledged or resolved since.
      const alert = await this.save(found.id, (a) => {
        if (a.state !== 'open') return a;
        acknowledged = true;
        return { ...a, state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by, escalateAt: undefined, notifyAt: undefined };
      });
      if (!alert) return { ok: false, reason: 'not_found' };
      if (alert.state === 'resolved') return { ok: false, reason: 'resolved' };
      if (acknowledged) this.deps.log.info('risk alert acknowledged', { alertId: alert.id, by: by.id, via: by.via });
      return { ok: true, alert };
    });
  }

  /** Close an alert, with what was done. The client's risk flag clears once none of theirs is open. */
  resolve(id: string, by: string, note: string): Promise<AlertRecord | undefined> {
    return this.serial(async () => {
      const now = this.deps.clock.now().toISO()!;
      const alert = await this.save(id, (a) =>
        a.state === 'resolved'
          ? a
          : { ...a, state: 'resolved', resolvedAt: now, resolvedBy: by, resolutionNote: note, escalateAt: undefined, notifyAt: undefined },
      );
      if (!alert) return undefined;
      const clientId = alert.clientId;
      if (clientId && !(await this.deps.alerts.find({ clientId, state: 'unresolved' })).some((a) => a.tier !== 'routine')) {
        await this.deps.clients.update(clientId, ({ riskOpenSince: _, ...c }) => c);
      }
      return alert;
    });
  }

  /** One alert, by id. */
  get(id: string): Promise<AlertRecord | undefined> {
    return this.deps.alerts.get(id);
  }

  /** Alerts by the store's indexes (see AlertRepository.find), newest first. */
  find(query: AlertQuery): Promise<AlertRecord[]> {
    return this.deps.alerts.find(query);
  }

  /** Resolved alerts (of `clientIds` only, when given), the most recently resolved first, at most `limit`. */
  recentlyResolved(query: { clientIds?: readonly string[] | undefined; limit: number }): Promise<AlertRecord[]> {
    return this.deps.alerts.recentlyResolved(query);
  }

  /** Remove every alert about a client (their data was erased): no more escalation, nothing kept. Returns how many went. */
  async removeForClient(clientId: string): Promise<number> {
    return this.serial(async () => {
      const theirs = await this.deps.alerts.find({ clientId });
      for (const alert of theirs) await this.deps.alerts.remove(alert.id);
      return theirs.length;
    });
  }

  /** Alerts (newest first), optionally only in one state or about one client. */
  list(filter: { state?: AlertRecord['state'] | undefined; clientId?: string | undefined } = {}): Promise<AlertRecord[]> {
    return this.deps.alerts.find({ state: filter.state || undefined, clientId: filter.clientId || undefined });
  }

  /** What the SMS outbox learnt of a text to staff: a failure moves the alert on to the next person. */
  async staffDelivery(alertId: string, messageId: string, status: 'sent' | 'delivered' | 'failed'): Promise<void> {
    await this.serial(async () => {
      const alert = await this.save(alertId, (a) => ({
        ...a,
        notifications: a.notifications.map((n) => (n.messageId === messageId && n.status !== 'delivered' ? { ...n, status } : n)),
      }));
      if (!alert || status !== 'failed' || alert.state !== 'open') return;
      const failed = alert.notifications.find((n) => n.messageId === messageId);
      const current = alert.chain[alert.step];
      if (failed && !failed.fyi && current && failed.to.id === current.id) await this.escalate(alert.id, 'undeliverable');
      await this.sleep();
    });
  }

  /** Escalate, notify and retry whatever the store says has fallen due. */
  tick(): Promise<void> {
    return this.serial(async () => {
      const now = this.deps.clock.now();
      const attended = new Set<string>();
      try {
        for (;;) {
          const due = await this.deps.alerts.due(now.toISO()!, DUE_BATCH);
          // Each alert once a look: one still due after its turn is not taken again and again.
          const fresh = due.filter((a) => !attended.has(a.id));
          for (const alert of fresh) {
            attended.add(alert.id);
            // One alert failing (a text that could not be queued) holds up none of the others; it stays due.
            await this.attend(alert, now).catch((error: unknown) =>
              this.deps.log.error('risk alert could not be acted on', { alertId: alert.id, error: (error as Error).message }),
            );
          }
          if (due.length < DUE_BATCH || fresh.length === 0) break;
        }
      } finally {
        await this.sleep(now);
      }
    });
  }

  /** When the next alert falls due, as the store has it (it may have passed: the next tick acts on it). */
  async nextDue(): Promise<DateTime | undefined> {
    const at = await this.deps.alerts.soonestDue();
    return at === undefined ? undefined : DateTime.fromISO(at, { zone: 'utc' });
  }

  /** Act on what is due of one alert, as found due at `now`; each step decides again on the alert as stored. */
  private async attend(alert: AlertRecord, now: DateTime): Promise<void> {
    const due = (at: string | undefined) => at !== undefined && DateTime.fromISO(at) <= now;
    if (alert.state === 'open' && due(alert.notifyAt)) await this.tellFirst(alert.id, []);
    if (alert.state === 'open' && due(alert.escalateAt)) await (alert.tier === 'routine' ? this.flag(alert.id) : this.escalate(alert.id, 'not-acknowledged'));
    if (alert.notifications.some((n) => n.channel === 'webhook' && n.status === 'failed' && due(n.retryAt))) await this.postWebhook(alert.id, true);
  }

  private async tellFirst(alertId: string, fyi: AlertContact[]): Promise<void> {
    let told = false;
    const alert = await this.save(alertId, (a) => {
      // Decided on the alert as stored: another instance may have told them, or had it acknowledged.
      if (a.state !== 'open' || (a.notifyAt && DateTime.fromISO(a.notifyAt) > this.deps.clock.now())) return a;
      if (a.notifications.some((n) => !n.fyi && n.to.id === a.chain[0]?.id)) return a.notifyAt ? { ...a, notifyAt: undefined } : a;
      told = true;
      return { ...a, notifyAt: undefined, escalateAt: this.escalateAtFrom(a, this.deps.clock.now(), 0) };
    });
    if (!alert || !told) return;
    const first = alert.chain[0];
    if (first) await this.notify(alert, first, false);
    for (const contact of fyi) await this.notify(alert, contact, true);
  }

  /** A routine alert not acknowledged in time: flagged in the list of whoever has it, nobody else asked or texted. */
  private async flag(alertId: string): Promise<void> {
    const now = this.deps.clock.now();
    let flagged = false;
    const alert = await this.save(alertId, (a) => {
      if (a.state !== 'open' || !a.escalateAt || DateTime.fromISO(a.escalateAt) > now) return a;
      const to = a.chain[a.step];
      flagged = true;
      return {
        ...a,
        escalateAt: undefined,
        escalations: to ? [...a.escalations, { at: now.toISO()!, to, reason: 'not-acknowledged' as const }] : a.escalations,
      };
    });
    if (alert && flagged) this.deps.log.info('routine alert flagged: not acknowledged in time', { alertId, role: alert.chain[alert.step]?.role });
  }

  /**
   * Alerts kept before every tier had a deadline (only urgent ones did) get one now, counted from
   * when their current person was told: a same-day alert nobody acknowledged moves on, and a
   * routine one is flagged, at the next tick. Only open alerts can lack one: a few, found by index.
   */
  private async rearm(): Promise<void> {
    for (const alert of await this.deps.alerts.find({ state: 'open' })) {
      if (!missingDeadline(this.deps.programme, alert)) continue;
      await this.save(alert.id, (a) => {
        const due = missingDeadline(this.deps.programme, a);
        return due ? { ...a, escalateAt: due.toISO()! } : a;
      });
    }
  }

  private async escalate(alertId: string, reason: 'not-acknowledged' | 'undeliverable'): Promise<void> {
    const now = this.deps.clock.now();
    let moved = false;
    const alert = await this.save(alertId, (a) => {
      // Decided on the alert as stored: acknowledged elsewhere, or moved on by another instance, it stays.
      if (a.state !== 'open') return a;
      if (reason === 'not-acknowledged' && !(a.escalateAt && DateTime.fromISO(a.escalateAt) <= now)) return a;
      const step = a.step + 1;
      const to = a.chain[step];
      if (!to) return { ...a, escalateAt: undefined };
      moved = true;
      return { ...a, step, escalateAt: this.escalateAtFrom(a, now, step), escalations: [...a.escalations, { at: now.toISO()!, to, reason }] };
    });
    if (alert?.state !== 'open') return;
    if (!moved && reason === 'not-acknowledged' && alert.escalateAt) return;
    const to = alert.chain[alert.step];
    if (!moved || !to) {
      // Nobody left to ask: it stays open, listed for staff, and is logged loudly.
      this.deps.log.error('risk alert has nobody left to go to', { alertId, reason });
      return;
    }
    this.deps.log.warn('risk alert escalated', { alertId, step: alert.step, role: to.role, reason });
    await this.notify(alert, to, false);
  }

  /** When the person at `step`, told now, has to have acknowledged it by (see ackDeadline). */
  private escalateAtFrom(alert: AlertRecord, now: DateTime, step: number): string | undefined {
    return ackDeadline(this.deps.programme, alert, step, now)?.toISO() ?? undefined;
  }

  private async notify(alert: AlertRecord, to: AlertContact, fyi: boolean): Promise<void> {
    const phone = staffPhone(this.deps.programme, to);
    const notification: AlertNotification = { at: this.deps.clock.now().toISO()!, to, channel: 'sms', status: 'queued', attempts: 1, ...(fyi ? { fyi } : {}) };
    if (!this.deps.staffSms || !phone) {
      this.deps.log.error('risk alert could not be texted', {
        alertId: alert.id,
        role: to.role,
        reason: this.deps.staffSms ? 'no phone number' : 'SMS is not configured',
      });
      await this.save(alert.id, (a) => ({ ...a, notifications: [...a.notifications, { ...notification, status: 'failed' }] }));
      if (!fyi && alert.state === 'open' && alert.chain[alert.step]?.id === to.id) await this.escalate(alert.id, 'undeliverable');
      return;
    }
    const client = alert.clientId ? await this.deps.clients.get(alert.clientId) : undefined;
    const text = staffAlertText(alert, client, { programmeName: this.deps.programme.name, link: this.deps.alertLink(alert.id), fyi });
    const messageId = await this.deps.staffSms.send(phone, text, { alertId: alert.id, contactId: to.id });
    await this.save(alert.id, (a) => ({ ...a, notifications: [...a.notifications, { ...notification, messageId }] }));
  }

  /**
   * Post an alert to the programme's webhook: the first try as it is raised, or (`retry`) a try
   * after a failure, once due. A retry is claimed on the alert as stored first (its time moved on by
   * a lease), so of several instances looking at once only one posts it.
   */
  private async postWebhook(alertId: string, retry: boolean): Promise<void> {
    const webhook = this.deps.webhook;
    if (!webhook && !retry) return;
    const now = this.deps.clock.now();
    let claimed = false;
    const alert = !retry
      ? await this.deps.alerts.get(alertId)
      : await this.save(alertId, (a) => {
          const last = a.notifications.find((n) => n.channel === 'webhook');
          if (last?.status !== 'failed' || !last.retryAt || DateTime.fromISO(last.retryAt) > now) return a;
          claimed = true;
          // No webhook configured any more: no more tries.
          const retryAt = webhook ? now.plus({ milliseconds: WEBHOOK_LEASE_MS }).toISO()! : undefined;
          return { ...a, notifications: a.notifications.map((n) => (n === last ? { ...n, retryAt } : n)) };
        });
    if (!webhook || !alert || (retry && !claimed)) return;
    const attempts = (alert.notifications.find((n) => n.channel === 'webhook')?.attempts ?? 0) + 1;
    const ok = await (webhook.post ?? postAlertWebhook)(
      webhook.url,
      webhook.secret,
      webhookBody(alert, this.deps.alertLink(alert.id)),
      String(now.toUnixInteger()),
    );
    const entry = webhookAttempt(attempts, ok, now);
    if (!ok) this.deps.log.warn('alert webhook failed', { alertId, attempts });
    await this.save(alertId, (a) => ({ ...a, notifications: [...a.notifications.filter((n) => n.channel !== 'webhook'), entry] }));
  }

  private save(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    return this.deps.alerts.update(id, change);
  }

  /** Keep a new alert under a code no other alert has (the store refuses one taken, by any instance). */
  private async addWithNewCode(alert: AlertRecord): Promise<AlertRecord> {
    for (let tries = 0; tries < CODE_TRIES; tries++) {
      const coded = { ...alert, code: Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('') };
      if ((await this.deps.alerts.add(coded)).ok) return coded;
    }
    throw new AlertCodeError(`No free alert code found in ${CODE_TRIES} tries`);
  }

  /** One change to alerts at a time: a text to staff, a timer and an ACK can arrive together. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.working.then(work, work);
    this.working = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Set the one timer for when the store says the next alert falls due (shared: at least every
   * SHARED_LOOK_MS, for alerts the other instances raised). It only wakes tick(), which asks the
   * store again, so a timer lost with its process loses nothing. After a look at `lookedAt`, an
   * alert due since then was acted on already: it is looked at again STILL_DUE_RETRY_MS later.
   */
  private async sleep(lookedAt?: DateTime): Promise<void> {
    if (this.stopped) return;
    let next: DateTime | undefined;
    try {
      next = await this.nextDue();
    } catch (error) {
      this.deps.log.error('alert timers failed', { error: (error as Error).message });
      next = this.deps.clock.now().plus({ milliseconds: STILL_DUE_RETRY_MS });
    }
    const now = this.deps.clock.now();
    if (next && lookedAt && next <= lookedAt) next = now.plus({ milliseconds: STILL_DUE_RETRY_MS });
    const look = now.plus({ milliseconds: SHARED_LOOK_MS });
    if (this.deps.shared && !(next && next < look)) next = look;
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (!next) return;
    this.cancelTimer = this.deps.clock.after(Math.max(0, next.toMillis() - now.toMillis()), () => {
      this.cancelTimer = undefined;
      void this.tick().catch((error: unknown) => this.deps.log.error('alert timers failed', { error: (error as Error).message }));
    });
  }
}

/** The same message (by its channel's id) raising again; a score trigger is never the same. */
function sameTrigger(a: AlertTrigger, b: AlertTrigger): boolean {
  return a.kind === 'message' && b.kind === 'message' && a.messageId !== '' && a.messageId === b.messageId && a.channel === b.channel;
}
