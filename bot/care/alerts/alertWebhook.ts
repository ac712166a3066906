import { createHmac } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { AlertNotification, AlertRecord } from '../../../storage/records.js';

const RETRIES_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000];

/** What the webhook receives: the alert without anything the client wrote (which is never in it). */
export function webhookBody(alert: AlertRecord, link: string): string {
  const { id, code, clientId, tier, categories, trigger, state, createdAt, acknowledgedAt } = alert;
  return JSON.stringify({
    type: 'linkwell.alert',
    id,
    code,
    clientId,
    tier,
    categories,
    trigger,
    state,
    createdAt,
    acknowledgedAt: acknowledgedAt ?? null,
    link,
  });
}

/** HMAC-SHA256 of `<timestamp>.<body>`, hex: the receiver recomputes it with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POST a signed alert; true when the receiver answered 2xx within 10 seconds. */
export async function postAlertWebhook(url: string, secret: string, body: string, timestamp: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Linkwell-Timestamp': timestamp, 'X-Linkwell-Signature': webhookSignature(secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** The record of a webhook attempt: a failure is tried again after 1, 5, 15, 60 and 180 minutes, then left. */
export function webhookAttempt(attempts: number, ok: boolean, now: DateTime): AlertNotification {
  const retryIn = RETRIES_MS[attempts - 1];
  return {
    at: now.toISO()!,
    to: { role: 'webhook', id: 'webhook', name: 'programme webhook' },
    channel: 'webhook',
    status: ok ? 'delivered' : 'failed',
    attempts,
    ...(!ok && retryIn !== undefined ? { retryAt: now.plus({ milliseconds: retryIn }).toISO()! } : {}),
  };
}
