import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { AlertRepository, ClientRepository } from '../../storage/ports.js';
import type { AlertContact, AlertNotification, AlertRecord, AlertTier } from '../../storage/records.js';
import type { Clock } from '../clock.js';
import type { Programme } from '../config/programmeSchema.js';
import type { Logger } from '../logger.js';
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
   * Other instances raise, acknowledge and escalate alerts in the same store (PostgreSQL): what is
   * open is read from the store before each decision, and looked at every minute.
   */
  shared?: boolean;
}

/** How often an instance sharing the store looks at alerts the others raised. */
export const SHARED_LOOK_MS = 60_000;

export type AlertTrigger = AlertRecord['trigger'];

export interface RaiseAlert {
  clientId: string | null;
  fromPhone?: string | undefined;
  tier: AlertTier;
  categories: string[];
  trigger: AlertTrigger;
}

export type AcknowledgeResult = { ok: true; alert: AlertRecord } | { ok: false; reason: 'not_found' | 'resolved' };

const TIER_RANK: Record<AlertTier, number> = { routine: 0, 'same-day': 1, urgent: 2 };
// No letters or digits that read alike on a small screen (0/O, 1/I/L, 5/S, 8/B, 2/Z).
const CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY34679';

/**
 * Risk alerts from raising to resolution. An alert is written before anyone is told; its link
 * worker (out of hours, the duty contact) gets a discreet text (name, tier, code, link: never what
 * the client wrote); an urgent or same-day one not acknowledged in time goes to the next person in
 * its chain (see ackDeadline), as does one whose text cannot be delivered, and a routine one is
 * flagged in its link worker's list. Timers are kept in the alert itself, so a restart escalates on
 * time. Only staff acknowledge (ACK <code> from a registered number, or the admin API) and only
 * staff resolve, with a note. Nothing the client says later closes it.
 */
export class AlertService {
  private readonly live = new Map<string, AlertRecord>();
  private readonly codes = new Set<string>();
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  private working: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AlertServiceDeps) {}

  /** Load alerts not yet resolved and catch up on what fell due while stopped. */
  async start(): Promise<void> {
    for (const alert of await this.deps.alerts.list()) {
      this.codes.add(alert.code);
      if (alert.state !== 'resolved') this.live.set(alert.id, alert);
    }
    await this.rearm();
    await this.tick();
  }

  /** Shared: what is open (and every code) as the store has it now, whichever instance changed it. */
  private async refresh(): Promise<void> {
    if (!this.deps.shared) return;
    const all = await this.deps.alerts.list();
    this.live.clear();
    for (const alert of all) {
      this.codes.add(alert.code);
      if (alert.state !== 'resolved') this.live.set(alert.id, alert);
    }
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
      await this.refresh();
      const now = this.deps.clock.now();
      const client = input.clientId ? ((await this.deps.clients.get(input.clientId)) ?? null) : null;
      const route = alertRoute(this.deps.programme, client, input.tier, now);
      // One message raises one alert, however often its turn runs (a replay after a crash).
      const sameMessage = [...this.live.values()].find(
        (a) => a.clientId === input.clientId && TIER_RANK[a.tier] >= TIER_RANK[input.tier] && [a.trigger, ...(a.furtherTriggers ?? [])].some((t) => sameTrigger(t, input.trigger)),
      );
      if (sameMessage) return { alert: sameMessage, route, isNew: false };
      const existing = [...this.live.values()].find(
        (a) => a.state === 'open' && a.clientId !== null && a.clientId === input.clientId && TIER_RANK[a.tier] >= TIER_RANK[input.tier],
      );
      if (existing) {
        const updated = await this.save(existing.id, (a) => ({
          ...a,
          categories: [...new Set([...a.categories, ...input.categories])],
          furtherTriggers: [...(a.furtherTriggers ?? []), { ...input.trigger, at: now.toISO()! }],
        }));
        return { alert: updated ?? existing, route, isNew: false };
      }
      const alert: AlertRecord = {
        id: randomUUID(),
        code: this.newCode(),
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
      };
      await this.deps.alerts.add(alert);
      this.live.set(alert.id, alert);
      this.deps.log.warn('risk alert raised', { alertId: alert.id, clientId: alert.clientId, tier: alert.tier, categories: alert.categories });
      if (client && input.tier !== 'routine') await this.deps.clients.update(client.id, (c) => ({ ...c, riskOpenSince: c.riskOpenSince ?? alert.createdAt }));
      if (route.notifyAt <= now) await this.tellFirst(alert.id, route.fyi);
      await this.postWebhook(alert.id);
      this.sleep();
      return { alert: this.live.get(alert.id)!, route, isNew: true };
    });
  }

  /** A member of staff has it: escalation stops. By the code staff were sent, or by id (admin API). */
  acknowledge(codeOrId: string, by: { id: string; via: 'sms' | 'admin-api' | 'staff-pages' }): Promise<AcknowledgeResult> {
    return this.serial(async () => {
      await this.refresh();
      const wanted = codeOrId.trim().toUpperCase();
      const found = [...this.live.values()].find((a) => a.code === wanted || a.id === codeOrId) ?? (await this.deps.alerts.get(codeOrId));
      if (!found) return { ok: false, reason: 'not_found' };
      if (found.state === 'resolved') return { ok: false, reason: 'resolved' };
      if (found.state === 'acknowledged') return { ok: true, alert: found };
      const now = this.deps.clock.now().toISO()!;
      const alert = await this.save(found.id, (a) => ({ ...a, state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by, escalateAt: undefined, notifyAt: undefined }));
      this.deps.log.info('risk alert acknowledged', { alertId: found.id, by: by.id, via: by.via });
      return { ok: true, alert: alert! };
    });
  }

  /** Close an alert, with what was done. The client's risk flag clears once none of theirs is open. */
  resolve(id: string, by: string, note: string): Promise<AlertRecord | undefined> {
    return this.serial(async () => {
      const now = this.deps.clock.now().toISO()!;
      const alert = await this.save(id, (a) =>
        a.state === 'resolved' ? a : { ...a, state: 'resolved', resolvedAt: now, resolvedBy: by, resolutionNote: note, escalateAt: undefined, notifyAt: undefined },
      );
      if (!alert) return undefined;
      this.live.delete(id);
      const clientId = alert.clientId;
      if (clientId && ![...this.live.values()].some((a) => a.clientId === clientId && a.tier !== 'routine')) {
        await this.deps.clients.update(clientId, ({ riskOpenSince: _, ...c }) => c);
      }
      return alert;
    });
  }

  /** One alert, by id. */
  get(id: string): Promise<AlertRecord | undefined> {
    return this.deps.alerts.get(id);
  }

  /** Every alert (newest first), optionally only in one state or about one client. */
  /** Remove every alert about a client (their data was erased): no more escalation, nothing kept. Returns how many went. */
  async removeForClient(clientId: string): Promise<number> {
    return this.serial(async () => {
      const theirs = (await this.deps.alerts.list()).filter((a) => a.clientId === clientId);
      for (const alert of theirs) {
        this.live.delete(alert.id);
        await this.deps.alerts.remove(alert.id);
      }
      await this.rearm();
      return theirs.length;
    });
  }

  async list(filter: { state?: string | undefined; clientId?: string | undefined } = {}): Promise<AlertRecord[]> {
    const all = await this.deps.alerts.list();
    return all.filter((a) => (!filter.state || a.state === filter.state) && (!filter.clientId || a.clientId === filter.clientId)).reverse();
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
      this.sleep();
    });
  }

  /** Escalate, notify and retry whatever has fallen due. */
  tick(): Promise<void> {
    return this.serial(async () => {
      await this.refresh();
      const now = this.deps.clock.now();
      for (const alert of [...this.live.values()]) {
        if (alert.state === 'open' && alert.notifyAt && DateTime.fromISO(alert.notifyAt) <= now) await this.tellFirst(alert.id, []);
        const current = this.live.get(alert.id)!;
        if (current.state === 'open' && current.escalateAt && DateTime.fromISO(current.escalateAt) <= now) {
          await (current.tier === 'routine' ? this.flag(alert.id) : this.escalate(alert.id, 'not-acknowledged'));
        }
        const webhook = this.live.get(alert.id)!.notifications.find((n) => n.channel === 'webhook' && n.status === 'failed' && n.retryAt);
        if (webhook && DateTime.fromISO(webhook.retryAt!) <= now) await this.postWebhook(alert.id);
      }
      this.sleep();
    });
  }

  /** When the next timer of any live alert falls due. */
  nextDue(): DateTime | undefined {
    const times = [...this.live.values()].flatMap((a) => [
      ...(a.state === 'open' && a.escalateAt ? [a.escalateAt] : []),
      ...(a.state === 'open' && a.notifyAt ? [a.notifyAt] : []),
      ...a.notifications.flatMap((n) => (n.status === 'failed' && n.retryAt ? [n.retryAt] : [])),
    ]);
    return times.length > 0 ? DateTime.fromISO(times.sort()[0]!, { zone: 'utc' }) : undefined;
  }

  private async tellFirst(alertId: string, fyi: AlertContact[]): Promise<void> {
    let told = false;
    const alert = await this.save(alertId, (a) => {
      // Decided on the alert as stored: another instance may have told them, or had it acknowledged.
      if (a.state !== 'open' || a.notifications.some((n) => !n.fyi && n.to.id === a.chain[0]?.id) || (a.notifyAt && DateTime.fromISO(a.notifyAt) > this.deps.clock.now())) return a;
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
    const now = this.deps.clock.now().toISO()!;
    const alert = await this.save(alertId, (a) => {
      if (a.state !== 'open' || !a.escalateAt) return a;
      const to = a.chain[a.step];
      return { ...a, escalateAt: undefined, escalations: to ? [...a.escalations, { at: now, to, reason: 'not-acknowledged' as const }] : a.escalations };
    });
    if (alert) this.deps.log.info('routine alert flagged: not acknowledged in time', { alertId, role: alert.chain[alert.step]?.role });
  }

  /**
   * Alerts kept before every tier had a deadline (only urgent ones did) get one now, counted from
   * when their current person was told: a same-day alert nobody acknowledged moves on, and a
   * routine one is flagged, at the next tick.
   */
  private async rearm(): Promise<void> {
    for (const alert of [...this.live.values()]) {
      const due = missingDeadline(this.deps.programme, alert);
      if (due) await this.save(alert.id, (a) => ({ ...a, escalateAt: due.toISO()! }));
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
    if (!alert || alert.state !== 'open') return;
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
      this.deps.log.error('risk alert could not be texted', { alertId: alert.id, role: to.role, reason: this.deps.staffSms ? 'no phone number' : 'SMS is not configured' });
      await this.save(alert.id, (a) => ({ ...a, notifications: [...a.notifications, { ...notification, status: 'failed' }] }));
      if (!fyi && alert.state === 'open' && alert.chain[alert.step]?.id === to.id) await this.escalate(alert.id, 'undeliverable');
      return;
    }
    const client = alert.clientId ? await this.deps.clients.get(alert.clientId) : undefined;
    const text = staffAlertText(alert, client, { programmeName: this.deps.programme.name, link: this.deps.alertLink(alert.id), fyi });
    const messageId = await this.deps.staffSms.send(phone, text, { alertId: alert.id, contactId: to.id });
    await this.save(alert.id, (a) => ({ ...a, notifications: [...a.notifications, { ...notification, messageId }] }));
  }

  private async postWebhook(alertId: string): Promise<void> {
    const webhook = this.deps.webhook;
    const alert = this.live.get(alertId);
    if (!webhook || !alert) return;
    const attempts = (alert.notifications.find((n) => n.channel === 'webhook')?.attempts ?? 0) + 1;
    const now = this.deps.clock.now();
    const ok = await (webhook.post ?? postAlertWebhook)(webhook.url, webhook.secret, webhookBody(alert, this.deps.alertLink(alert.id)), String(now.toUnixInteger()));
    const entry = webhookAttempt(attempts, ok, now);
    if (!ok) this.deps.log.warn('alert webhook failed', { alertId, attempts });
    await this.save(alertId, (a) => ({ ...a, notifications: [...a.notifications.filter((n) => n.channel !== 'webhook'), entry] }));
  }

  private async save(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    const updated = await this.deps.alerts.update(id, change);
    if (updated && updated.state !== 'resolved') this.live.set(id, updated);
    return updated;
  }

  private newCode(): string {
    for (;;) {
      const code = Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
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

  private sleep(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const due = this.nextDue();
    // Shared: alerts other instances raised have timers too; looked at every minute at least.
    const look = this.deps.clock.now().plus({ milliseconds: SHARED_LOOK_MS });
    const next = this.deps.shared && !(due && due < look) ? look : due;
    if (!next) return;
    this.cancelTimer = this.deps.clock.after(Math.max(0, next.toMillis() - this.deps.clock.now().toMillis()), () => {
      this.cancelTimer = undefined;
      void this.tick().catch((error: unknown) => this.deps.log.error('alert timers failed', { error: (error as Error).message }));
    });
  }
}

/** The same message (by its channel's id) raising again; a score trigger is never the same. */
function sameTrigger(a: AlertTrigger, b: AlertTrigger): boolean {
  return a.kind === 'message' && b.kind === 'message' && a.messageId !== '' && a.messageId === b.messageId && a.channel === b.channel;
}
