import { DateTime } from 'luxon';
import type { AlertContact, AlertRecord, AlertTier, ClientRecord } from '../../../storage/records.js';
import type { Programme } from '../../config/programmeSchema.js';
import { isWorkingTime, nextWorkingStart, workingDayEnd, workingDaysAfter } from './workingDay.js';

/** Who an alert goes to, in order, and when the first of them is told. */
export interface AlertRoute {
  /** Asked to act, in order: an urgent or same-day alert moves along it until someone acknowledges. */
  chain: AlertContact[];
  /** Told at the same time, without being asked to act (the link worker, out of hours). */
  fyi: AlertContact[];
  /** When to tell the first in the chain: now, or (routine, out of hours) the start of working hours. */
  notifyAt: DateTime;
  /** Whether it goes on to the next person when nobody acknowledges it in time (urgent, same-day); routine is flagged instead. */
  escalates: boolean;
  inHours: boolean;
}

/**
 * The route of an alert raised now (pure). In working hours (the programme's, in its own zone) it
 * goes to the client's link worker, then the duty contacts, then the programme lead; out of hours
 * urgent and same-day alerts go to the duty contacts first (the link worker is told too), a
 * same-day one to the programme's out-of-hours contact before them if it has one, and a routine
 * one waits for the next working morning. A number that is not enrolled has no link worker.
 */
export function alertRoute(programme: Programme, client: ClientRecord | null, tier: AlertTier, now: DateTime): AlertRoute {
  const linkWorker = programme.linkWorkers.find((w) => w.id === client?.linkWorkerId);
  const worker: AlertContact[] = linkWorker ? [{ role: 'link-worker', id: linkWorker.id, name: linkWorker.name }] : [];
  const duty: AlertContact[] = programme.dutyContacts.map((d) => ({ role: 'duty', id: d.id, name: d.name }));
  const lead: AlertContact[] = programme.alerts.lead ? [{ role: 'lead', id: programme.alerts.lead.id, name: programme.alerts.lead.name }] : [];
  const inHours = isWorkingTime(programme, now);
  const escalates = tier !== 'routine';
  if (inHours || tier === 'routine') {
    const notifyAt = inHours ? now : nextWorkingStart(programme, now);
    const chain = worker.length > 0 ? [...worker, ...duty, ...lead] : [...duty, ...lead];
    return { chain, fyi: [], notifyAt, escalates, inHours };
  }
  const outOfHours = programme.alerts.outOfHours;
  // The out-of-hours service stands in for the duty rota: it is asked, and texted, as a duty contact.
  const first: AlertContact[] = tier === 'same-day' && outOfHours ? [{ role: 'duty', id: outOfHours.id, name: outOfHours.name }, ...duty] : duty;
  const chain = first.length > 0 ? [...first, ...lead] : [...worker, ...lead];
  return { chain, fyi: first.length > 0 ? worker : [], notifyAt: now, escalates, inHours };
}

/**
 * When an alert needs acting on if the person at `step` of its chain, told at `toldAt`, has not
 * acknowledged it (pure). Urgent: `alerts.ackTimeoutMinutes` later. Same-day: told in working hours,
 * the end of that working day (or `alerts.sameDay.inHours` minutes); told out of hours,
 * `alerts.sameDay.outOfHoursMinutes` later. Both then go to the next person; with nobody left there
 * is no time. Routine: the start of the `alerts.routine.flagAfterWorkingDays`th working day after,
 * when it is flagged in its link worker's list.
 */
export function ackDeadline(programme: Programme, alert: Pick<AlertRecord, 'tier' | 'chain'>, step: number, toldAt: DateTime): DateTime | undefined {
  const settings = programme.alerts;
  if (alert.tier === 'routine') return workingDaysAfter(programme, toldAt, settings.routine.flagAfterWorkingDays);
  if (step + 1 >= alert.chain.length) return undefined;
  if (alert.tier === 'urgent') return toldAt.plus({ minutes: settings.ackTimeoutMinutes });
  const { inHours, outOfHoursMinutes } = settings.sameDay;
  const endOfDay = workingDayEnd(programme, toldAt);
  if (!endOfDay) return toldAt.plus({ minutes: outOfHoursMinutes });
  return inHours === 'end-of-working-day' ? endOfDay : toldAt.plus({ minutes: inHours });
}

/** A routine alert nobody acknowledged in time: it is in its link worker's list as a flag until someone does. */
export function isFlagged(alert: Pick<AlertRecord, 'tier' | 'state' | 'escalations'>): boolean {
  // Routine alerts never move on for want of an acknowledgement: that escalation is the flag.
  return alert.tier === 'routine' && alert.state === 'open' && alert.escalations.some((e) => e.reason === 'not-acknowledged');
}

/**
 * The deadline an open alert should have and has not: alerts kept before same-day and routine ones
 * had deadlines, counted from when the person it is with was told. Undefined when it has one, waits
 * to be told, is urgent, is flagged already or has nobody further to go to.
 */
export function missingDeadline(programme: Programme, alert: AlertRecord): DateTime | undefined {
  if (alert.state !== 'open' || alert.tier === 'urgent' || alert.escalateAt || alert.notifyAt || isFlagged(alert)) return undefined;
  const current = alert.chain[alert.step];
  const told =
    alert.notifications.filter((n) => !n.fyi && n.channel === 'sms' && n.to.id === current?.id).at(-1)?.at ?? alert.escalations.at(-1)?.at ?? alert.createdAt;
  return ackDeadline(programme, alert, alert.step, DateTime.fromISO(told, { zone: 'utc' }));
}
