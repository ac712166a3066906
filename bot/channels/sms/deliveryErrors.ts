import { ownValue } from '../../platform/http/ownValue.js';
import type { DeliveryProblem } from '../../../storage/records.js';

/** What a Twilio error code on a message means for the client and their link worker. */
export interface DeliveryFailure {
  /** The client opted out at the carrier or with Twilio: send nothing more. */
  optedOut: boolean;
  /** Worth sending again later (the handset may come back). */
  retryLater: boolean;
  /** Told to the link worker at once; other failures only count towards "repeated failures". */
  problem: DeliveryProblem | undefined;
}

const CLASSES: Record<number, DeliveryFailure> = {
  21610: { optedOut: true, retryLater: false, problem: 'opted-out-at-carrier' },
  30003: { optedOut: false, retryLater: true, problem: undefined },
  30005: { optedOut: false, retryLater: false, problem: 'unknown-number' },
  30006: { optedOut: false, retryLater: false, problem: 'landline' },
  21211: { optedOut: false, retryLater: false, problem: 'unknown-number' },
  21614: { optedOut: false, retryLater: false, problem: 'landline' },
};

/** A failure reported by a delivery status callback (ErrorCode), or a send the REST API refused for good. */
export function classifyDeliveryError(code: number | null): DeliveryFailure {
  return (code !== null && ownValue(CLASSES, code)) || { optedOut: false, retryLater: false, problem: undefined };
}
