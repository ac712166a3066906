import type { ScheduleLedgerRepository } from '../../storage/ports.js';
import type { CheckInHooks } from '../../dialogs/checkInDialog.js';
import type { Clock } from '../clock.js';

/**
 * Keeps the scheduler's ledger in step with check-ins as they happen: which one is open and until
 * when (so its window can close it), and which scheduled ones were answered (so no reminder goes).
 * `changed` tells the dispatcher to look at the client again.
 */
export function checkInLedgerHooks(ledger: ScheduleLedgerRepository, clock: Clock, changed: (clientId: string) => void): CheckInHooks {
  return {
    opened: async (clientId, open) => {
      await ledger.setOpenCheckIn(clientId, open);
      changed(clientId);
    },
    answered: async (clientId, occurrenceKey) => {
      await ledger.markAnswered(clientId, occurrenceKey, clock.now().toISO()!);
    },
    closed: async (clientId, checkInId) => {
      if ((await ledger.read(clientId)).openCheckIn?.checkInId === checkInId) await ledger.setOpenCheckIn(clientId, undefined);
      changed(clientId);
    },
  };
}
