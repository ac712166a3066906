import { DateTime } from 'luxon';
import type { ClientRecord } from '../../storage/records.js';
import type { ClientScheduleState } from './planDue.js';

/**
 * What the planner needs of an enrolled client: their zone, their own day and time, when their
 * programme started (a set start date, else the moment they were enrolled) and what holds
 * messages back.
 */
export function scheduleStateOf(client: ClientRecord): ClientScheduleState {
  const enrolledAt = client.programmeStartDate ? DateTime.fromISO(client.programmeStartDate, { zone: client.timezone }).toUTC().toISO()! : client.createdAt;
  return {
    id: client.id,
    timezone: client.timezone,
    enrolledAt,
    preferredDay: client.preferredDay,
    preferredTime: client.preferredTimeWindow?.start,
    consentedAt: client.consentedAt,
    optedOutAt: client.optedOutAt,
    pausedUntil: client.pausedUntil,
  };
}
