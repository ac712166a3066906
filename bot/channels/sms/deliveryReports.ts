import type { SmsOutbox } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import type { ContactPreferences } from '../contactPreferences.js';
import type { Logger } from '../../platform/logger.js';
import { classifyDeliveryError } from './deliveryErrors.js';
import { mergeDelivery } from './mergeDelivery.js';
import type { SmsDispatcher } from './smsDispatcher.js';

export interface DeliveryReport {
  /** Linkwell's outbox id, from the StatusCallback URL. */
  messageId: string;
  /** Twilio's MessageSid: reports about an earlier attempt of a re-sent message are stale. */
  twilioSid: string;
  status: string;
  errorCode: number | null;
}

/** Re-sends after "unreachable" (30003): the phone may be off or out of signal for a while. */
export const REDELIVERY_DELAYS_MS = [60 * 60_000, 6 * 60 * 60_000];

/**
 * Records Twilio's delivery reports on the outbox message, in any order they arrive, and acts on
 * failures: an opt-out at the carrier stops all messages; an unreachable handset gets the message
 * again later, then its link worker is told; an unknown number or a landline is told at once.
 */
export class DeliveryReports {
  constructor(private readonly deps: { outbox: SmsOutbox; dispatcher: SmsDispatcher; contact: ContactPreferences; clock: Clock; log: Logger }) {}

  async record(report: DeliveryReport): Promise<void> {
    const at = this.deps.clock.now().toISO()!;
    let changed = false;
    const updated = await this.deps.outbox.update(report.messageId, (record) => {
      if (record.twilioSid && record.twilioSid !== report.twilioSid) return record;
      const delivery = mergeDelivery(record.delivery, report.status, report.errorCode, at);
      changed = delivery !== record.delivery;
      return { ...record, delivery };
    });
    if (!updated) {
      this.deps.log.warn('delivery report for an unknown message', { messageId: report.messageId, status: report.status });
      return;
    }
    if (!changed) return;
    const { delivery } = updated;
    if (updated.staff) {
      // A text to staff about an alert: its fate is the alert's business, not a client's.
      const status =
        delivery?.status === 'delivered' ? 'delivered' : delivery?.status === 'undelivered' || delivery?.status === 'failed' ? 'failed' : undefined;
      if (status) await this.deps.dispatcher.onStaffDelivery?.(updated, status);
      return;
    }
    if (delivery?.status === 'delivered') await this.deps.contact.delivered(updated.clientId);
    if (delivery?.status !== 'undelivered' && delivery?.status !== 'failed') return;

    const failure = classifyDeliveryError(report.errorCode);
    this.deps.log.warn('sms not delivered', { messageId: updated.id, status: delivery.status, code: report.errorCode });
    if (failure.optedOut) await this.deps.contact.optOut(updated.clientId, 'twilio-opt-out', 'sms');
    const redeliveries = updated.redeliveries ?? 0;
    if (failure.retryLater && redeliveries < REDELIVERY_DELAYS_MS.length) {
      await this.deps.dispatcher.requeue(updated, REDELIVERY_DELAYS_MS[redeliveries]!);
      return;
    }
    await this.deps.contact.deliveryFailed(updated.clientId, updated.id, report.errorCode, failure.retryLater ? 'unreachable' : failure.problem);
  }
}
