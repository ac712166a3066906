import type { AlertRecord } from './records.js';

/**
 * When an alert next needs attention (ISO, UTC), as every backend indexes it: while open, its
 * escalation or its first notification; while not resolved, the retry of a failed notification
 * (the webhook). Undefined when nothing about it is waiting. PostgreSQL keeps the same rule in
 * `alert_due_at` (migration 0012): the alert contract holds both to it.
 */
export function alertDueAt(alert: AlertRecord): string | undefined {
  if (alert.state === 'resolved') return undefined;
  const times = [
    ...(alert.state === 'open' ? [alert.escalateAt, alert.notifyAt] : []),
    ...alert.notifications.map((n) => (n.status === 'failed' ? n.retryAt : undefined)),
  ]
    .filter((at): at is string => typeof at === 'string')
    // Deadlines come in the programme's zone (+01:00 in summer): compared as instants, not as text.
    .map((at) => Date.parse(at))
    .filter((ms) => !Number.isNaN(ms));
  return times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
}
