import { createHmac } from 'node:crypto';
import type { AlertRecord } from '../../storage/records.js';

/** What the webhook receives: the alert without anything the client wrote (which is never in it). */
export function webhookBody(alert: AlertRecord, link: string): string {
  const { id, code, clientId, tier, categories, trigger, state, createdAt, acknowledgedAt } = alert;
  return JSON.stringify({ type: 'linkwell.alert', id, code, clientId, tier, categories, trigger, state, createdAt, acknowledgedAt: acknowledgedAt ?? null, link });
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
