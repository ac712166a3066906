import type { ScheduleLedgerRepository } from '../../storage/ports.js';
import type { CheckInHooks } from '../../dialogs/checkInDialog.js';
import type { ClientRepository } from '../../storage/ports.js';
import type { Clock } from '../time/clock.js';
import type { QuietHours } from '../time/quietHours.js';
import { nextAllowed } from '../time/quietHours.js';
import { memoZone } from '../time/memoZone.js';
import type { ClientChanged } from '../platform/clientChanged.js';

/** How long "later" waits before asking again (then the next hour outside quiet hours). */
const LATER_HOURS = 3;

/**
 * Keeps the scheduler's ledger in step with check-ins as they happen: which one is open and until
 * when (so its window can close it), and which scheduled ones were answered (so no reminder goes).
 * `clientChanged` tells whoever plans (the dispatcher) to look at the client again.
 */
export function checkInLedgerHooks(deps: {
  ledger: ScheduleLedgerRepository;
  clients: Pick<ClientRepository, 'get'>;
  quietHours: QuietHours;
  clock: Clock;
  clientChanged: Pick<ClientChanged, 'emit'>;
}): CheckInHooks {
  const { ledger, clock, clientChanged } = deps;
  const changed = (clientId: string) => clientChanged.emit(clientId);
  const openNow = async (clientId: string, checkInId: string) => {
    const open = await ledger.openCheckIn(clientId);
    return open?.checkInId === checkInId ? open : undefined;
  };
  return {
    opened: async (clientId, open) => {
      await ledger.setOpenCheckIn(clientId, open);
      changed(clientId);
    },
    answered: async (clientId, occurrenceKey) => {
      await ledger.markAnswered(clientId, occurrenceKey, clock.now().toISO()!);
    },
    closed: async (clientId, checkInId) => {
      if (await openNow(clientId, checkInId)) await ledger.setOpenCheckIn(clientId, undefined);
      changed(clientId);
    },
    later: async (clientId, checkInId) => {
      const open = await openNow(clientId, checkInId);
      const client = await deps.clients.get(clientId);
      if (!open || !client) return;
      const at = nextAllowed(clock.now().plus({ hours: LATER_HOURS }).setZone(memoZone(client.timezone)), deps.quietHours).toUTC();
      // Past its window it is not asked again: it closes as missed, keeping what was answered.
      if (at.toISO()! < open.expiresAt) await ledger.setOpenCheckIn(clientId, { ...open, resumeAt: at.toISO()! });
      changed(clientId);
    },
    replied: async (clientId, checkInId) => {
      const open = await openNow(clientId, checkInId);
      if (open?.resumeAt) await ledger.setOpenCheckIn(clientId, { ...open, resumeAt: undefined });
    },
  };
}
