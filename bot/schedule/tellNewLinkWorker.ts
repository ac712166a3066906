import { DateTime } from 'luxon';
import type { ClientRepository } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';
import { memoZone } from '../time/memoZone.js';
import { nextAllowed, type QuietHours } from '../time/quietHours.js';
import type { ScheduledDelivery } from './scheduleDispatcher.js';

/**
 * Tells a client the name of their new link worker: at once, or when their pause or quiet hours end
 * (written on the client's record as `linkWorkerNotice`, which the scheduler sends when it is due:
 * a restart, or another instance, still tells them). Resolves false when the client cannot be told
 * (opted out, no conversation).
 */
export function tellNewLinkWorker(deps: {
  turns: Pick<ScheduledDelivery, 'deliver'>;
  clients: Pick<ClientRepository, 'get' | 'update'>;
  quietHours: QuietHours;
  clock: Clock;
}): (client: ClientRecord) => Promise<boolean> {
  const send = async (clientId: string, worker: string): Promise<boolean> => {
    const client = await deps.clients.get(clientId);
    // Reassigned again meanwhile: the later change tells them.
    if (!client || client.optedOutAt || client.riskOpenSince || client.linkWorkerId !== worker) return false;
    const at = deps.clock.now().toUTC().toFormat("yyyy-LL-dd'T'HH:mm");
    return (await deps.turns.deliver(client, { kind: 'link-worker-changed', occurrenceKey: `${client.id}|link-worker|${worker}|${at}` })) === 'sent';
  };
  return async (client) => {
    // Opted out: never. An urgent or same-day alert open: people are in touch, and tell them.
    if (client.optedOutAt || client.riskOpenSince) return false;
    const now = deps.clock.now().setZone(memoZone(client.timezone));
    // Paused: told when the pause ends (outside quiet hours).
    const from = client.pausedUntil && DateTime.fromISO(client.pausedUntil) > now ? DateTime.fromISO(client.pausedUntil).setZone(now.zone) : now;
    const allowed = nextAllowed(from, deps.quietHours);
    if (allowed <= now) return send(client.id, client.linkWorkerId);
    await deps.clients.update(client.id, (c) => ({ ...c, linkWorkerNotice: { linkWorkerId: client.linkWorkerId, notBefore: allowed.toUTC().toISO()! } }));
    return true;
  };
}
