import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import { DateTime } from 'luxon';
import { createRequire } from 'node:module';
import type webpushModule from 'web-push';
import type { PushSubscriptionRecord, PushSubscriptionStore } from '../../../../storage/ports.js';
import type { ClientRecord } from '../../../../storage/records.js';
import type { Clock } from '../../../time/clock.js';
import { hasAgreed } from '../../contactPreferences.js';
import type { Logger } from '../../../platform/logger.js';
import { memoZone } from '../../../time/memoZone.js';
import { isQuiet, type QuietHours } from '../../../time/quietHours.js';
import type { VapidDetails } from '../../../config/vapid.js';

const require = createRequire(import.meta.url);
/** web-push, loaded with the first notice: a server without Web Push configured never loads it. */
const webPush = () => require('web-push') as typeof webpushModule;

export type PushKind = 'check-in' | 'message';

/** Why nothing was sent. */
export type PushSkipReason = 'opted-out' | 'paused' | 'not-agreed' | 'quiet-hours' | 'no-subscriptions' | 'store-error';

export interface PushResult {
  /** Browsers whose push service took the message. */
  sent: number;
  /** Subscriptions dropped: the push service said they are gone (404, 410), or they had expired. */
  removed: number;
  skipped?: PushSkipReason;
}

/** What a notification says: never a name, a question or anything the client wrote (a lock screen is public). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
}

/** A check-in waiting is worth little after a few hours; the chat itself keeps it. */
export const PUSH_TTL_SECONDS = 4 * 3600;

const BODIES: Record<PushKind, string> = {
  'check-in': 'Linkwell has a check-in for you',
  message: 'Linkwell has a message for you',
};

/** The words of a push of this kind. */
export function pushPayload(kind: PushKind): PushPayload {
  return { title: 'Linkwell', body: BODIES[kind], url: '/chat' };
}

export interface WebPushNotifierDeps {
  subscriptions: PushSubscriptionStore;
  vapid: VapidDetails;
  clock: Clock;
  log: Logger;
  /** The programme's quiet hours, kept in each client's own time zone. */
  quietHours: QuietHours;
  /** web-push's own `agent` request option (tests trust a local push service through one). */
  agent?: Agent | undefined;
  /** Socket timeout of one request to a push service. */
  timeoutMs?: number | undefined;
}

type Outcome = 'sent' | 'removed' | 'failed';

/**
 * Tells a web chat client's browsers that Linkwell has something for them, with Web Push (the
 * web-push library encrypts each message to the browser and signs it with our VAPID key). Sends
 * nothing to a client who opted out, is paused or has not agreed, nor in their quiet hours.
 * A subscription the push service says is gone is removed; any other failure is logged and kept.
 */
export class WebPushNotifier {
  constructor(private readonly deps: WebPushNotifierDeps) {}

  /** Push to each of the client's browsers; never throws. */
  async notify(client: ClientRecord, kind: PushKind): Promise<PushResult> {
    const skipped = this.reasonToWait(client);
    if (skipped) return { sent: 0, removed: 0, skipped };
    let subscriptions: PushSubscriptionRecord[];
    try {
      subscriptions = await this.deps.subscriptions.list(client.id);
    } catch (error) {
      this.deps.log.error('web push: subscriptions could not be read', { clientId: client.id, error: errorName(error) });
      return { sent: 0, removed: 0, skipped: 'store-error' };
    }
    if (subscriptions.length === 0) return { sent: 0, removed: 0, skipped: 'no-subscriptions' };
    const payload = JSON.stringify(pushPayload(kind));
    const outcomes = await Promise.all(subscriptions.map((subscription) => this.sendOne(client.id, subscription, payload, kind)));
    const result = { sent: count(outcomes, 'sent'), removed: count(outcomes, 'removed') };
    this.deps.log.info('web push', { clientId: client.id, kind, ...result, failed: count(outcomes, 'failed') });
    return result;
  }

  private reasonToWait(client: ClientRecord): PushSkipReason | undefined {
    const now = this.deps.clock.now();
    if (client.optedOutAt) return 'opted-out';
    if (client.pausedUntil && DateTime.fromISO(client.pausedUntil) > now) return 'paused';
    if (!hasAgreed(client)) return 'not-agreed';
    if (isQuiet(now.setZone(memoZone(client.timezone)), this.deps.quietHours)) return 'quiet-hours';
    return undefined;
  }

  private async sendOne(clientId: string, subscription: PushSubscriptionRecord, payload: string, kind: PushKind): Promise<Outcome> {
    const endpoint = endpointTag(subscription.endpoint);
    try {
      if (typeof subscription.expirationTime === 'number' && subscription.expirationTime <= this.deps.clock.now().toMillis()) {
        await this.deps.subscriptions.remove(clientId, subscription.endpoint);
        this.deps.log.info('web push: expired subscription removed', { clientId, endpoint });
        return 'removed';
      }
      await webPush().sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
        vapidDetails: this.deps.vapid,
        TTL: PUSH_TTL_SECONDS,
        urgency: 'normal',
        // A newer push of the same kind replaces one the browser has not fetched yet.
        topic: kind,
        contentEncoding: 'aes128gcm',
        timeout: this.deps.timeoutMs ?? 10_000,
        ...(this.deps.agent ? { agent: this.deps.agent } : {}),
      });
      return 'sent';
    } catch (error) {
      const status = error instanceof webPush().WebPushError ? error.statusCode : undefined;
      if (status === 404 || status === 410) return this.removeGone(clientId, subscription, endpoint, status);
      // Never the error itself: its message or fields can carry the endpoint.
      this.deps.log.warn('web push: not delivered', { clientId, endpoint, ...(status ? { status } : { error: errorName(error) }) });
      return 'failed';
    }
  }

  private async removeGone(clientId: string, subscription: PushSubscriptionRecord, endpoint: string, status: number): Promise<Outcome> {
    try {
      await this.deps.subscriptions.remove(clientId, subscription.endpoint);
      this.deps.log.info('web push: subscription gone, removed', { clientId, endpoint, status });
      return 'removed';
    } catch (error) {
      this.deps.log.error('web push: gone subscription could not be removed', { clientId, endpoint, status, error: errorName(error) });
      return 'failed';
    }
  }
}

/** A short stable name for an endpoint in logs: the URL itself is a capability to reach the browser. */
export function endpointTag(endpoint: string): string {
  return `push#${createHash('sha256').update(endpoint).digest('hex').slice(0, 10)}`;
}

function errorName(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.name;
  return typeof error;
}

function count(outcomes: readonly Outcome[], outcome: Outcome): number {
  return outcomes.filter((o) => o === outcome).length;
}
