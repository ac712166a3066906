import { ownValue } from '../../platform/http/ownValue.js';
import type { OutboundSmsRecord } from '../../../storage/records.js';

type DeliveryStatus = NonNullable<OutboundSmsRecord['delivery']>['status'];
const RANK: Record<DeliveryStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };
/** Twilio statuses that mean the same to a text message as one of ours. */
const ALIASES: Record<string, DeliveryStatus> = { accepted: 'queued', scheduled: 'queued', read: 'delivered' };

/**
 * The delivery status after a report: later stages win, and a final one (delivered, undelivered,
 * failed) is never replaced, because Twilio's callbacks can arrive out of order.
 */
export function mergeDelivery(current: OutboundSmsRecord['delivery'], status: string, errorCode: number | null, at: string): OutboundSmsRecord['delivery'] {
  const known = Object.hasOwn(RANK, status) ? (status as DeliveryStatus) : ownValue(ALIASES, status);
  if (!known) return current;
  if (current && RANK[current.status] >= RANK[known]) return current;
  return { status: known, errorCode, at };
}
