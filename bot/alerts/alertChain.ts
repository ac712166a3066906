import { DateTime } from 'luxon';
import type { AlertContact, AlertTier, ClientRecord } from '../../storage/records.js';
import type { Programme } from '../config/programmeSchema.js';
import { WEEKDAYS } from '../config/scheduleSchema.js';

/** Who an alert goes to, in order, and when the first of them is told. */
export interface AlertRoute {
  /** Asked to act, in order: an urgent alert moves along it until someone acknowledges. */
  chain: AlertContact[];
  /** Told at the same time, without being asked to act (the link worker, out of hours). */
  fyi: AlertContact[];
  /** When to tell the first in the chain: now, or (routine, out of hours) the start of working hours. */
  notifyAt: DateTime;
  /** Whether it escalates when nobody acknowledges it in time (urgent only). */
  escalates: boolean;
  inHours: boolean;
}

/**
 * The route of an alert raised now (pure). In working hours (the programme's, in its own zone) it
 * goes to the client's link worker, then the duty contacts, then the programme lead; out of hours
 * urgent and same-day alerts go to the duty contacts first (the link worker is told too), and a
 * routine one waits for the next working morning. A number that is not enrolled has no link worker.
 */
export function alertRoute(programme: Programme, client: ClientRecord | null, tier: AlertTier, now: DateTime): AlertRoute {
  const linkWorker = programme.linkWorkers.find((w) => w.id === client?.linkWorkerId);
  const worker: AlertContact[] = linkWorker ? [{ role: 'link-worker', id: linkWorker.id, name: linkWorker.name }] : [];
  const duty: AlertContact[] = programme.dutyContacts.map((d) => ({ role: 'duty', id: d.id, name: d.name }));
  const lead: AlertContact[] = programme.alerts.lead ? [{ role: 'lead', id: programme.alerts.lead.id, name: programme.alerts.lead.name }] : [];
  const inHours = isWorkingTime(programme, now);
  const escalates = tier === 'urgent';
  if (inHours || tier === 'routine') {
    const notifyAt = inHours ? now : nextWorkingStart(programme, now);
    const chain = worker.length > 0 ? [...worker, ...duty, ...lead] : [...duty, ...lead];
    return { chain, fyi: [], notifyAt, escalates, inHours };
  }
  const chain = duty.length > 0 ? [...duty, ...lead] : [...worker, ...lead];
  return { chain, fyi: duty.length > 0 ? worker : [], notifyAt: now, escalates, inHours };
}

/** Whether staff are at work at `at`, by the programme's working hours in its own zone. */
export function isWorkingTime(programme: Programme, at: DateTime): boolean {
  const local = at.setZone(programme.timezone);
  const { days, start, end } = programme.workingHours;
  const time = local.toFormat('HH:mm');
  return days.includes(WEEKDAYS[local.weekday - 1]!) && time >= start && time < end;
}

/** The start of the next working period after `at`. */
export function nextWorkingStart(programme: Programme, at: DateTime): DateTime {
  const [hour, minute] = programme.workingHours.start.split(':').map(Number) as [number, number];
  let day = at.setZone(programme.timezone).startOf('day');
  for (let i = 0; i < 8; i += 1, day = day.plus({ days: 1 })) {
    const start = day.set({ hour, minute });
    if (start > at && programme.workingHours.days.includes(WEEKDAYS[start.weekday - 1]!)) return start.toUTC();
  }
  return at;
}
