import { DateTime } from 'luxon';
import type { ClientRecord, ScheduleLedgerRecord } from '../../storage/records.js';
import type { Programme } from '../config/programmeSchema.js';
import type { ScheduledMessage } from '../channels/scheduledMessage.js';
import { memoZone } from '../time/memoZone.js';
import type { Occurrence } from './occurrences.js';
import type { Decision } from './planDue.js';
import { nextAllowed } from '../time/quietHours.js';
import { scheduleStateOf } from './scheduleState.js';

/** A welcome unsent a week after enrolment is stale; the link worker will have been in touch. */
const WELCOME_WINDOW_HOURS = 7 * 24;

/**
 * The enrolment welcome, which asks for consent, for a client on SMS (a web chat client is
 * welcomed when they open their link): sent outside quiet hours within a week of enrolment.
 */
export function welcomeDecision(
  programme: Pick<Programme, 'quietHours'>,
  client: ClientRecord,
  record: ScheduleLedgerRecord,
  now: DateTime,
): Decision | undefined {
  if (client.channel !== 'sms' || client.consentedAt) return undefined;
  const zone = memoZone(client.timezone);
  const enrolled = DateTime.fromISO(client.createdAt, { zone });
  const key = `${client.id}|welcome|enrolment|${enrolled.toFormat("yyyy-LL-dd'T'HH:mm")}`;
  if (record.decided[key] || record.claimed[key]) return undefined;
  const occurrence: Occurrence = {
    key,
    kind: 'ending',
    item: 'welcome',
    due: enrolled.toUTC(),
    expiresAt: enrolled.plus({ hours: WELCOME_WINDOW_HOURS }).toUTC(),
  };
  if (client.optedOutAt) return { occurrence, action: 'skip', reason: 'opted-out' };
  if (now >= occurrence.expiresAt) return { occurrence, action: 'skip', reason: 'window-passed' };
  const allowed = nextAllowed(now.setZone(zone), programme.quietHours);
  if (allowed > now) return { occurrence, action: 'wait', until: allowed.toUTC(), reason: 'quiet-hours' };
  return { occurrence, action: 'send' };
}

/** What the bot is asked to send for a planned occurrence. */
export function messageForOccurrence(programme: Programme, client: ClientRecord, occurrence: Occurrence): ScheduledMessage {
  const occurrenceKey = occurrence.key;
  const expiresAt = occurrence.expiresAt.toISO()!;
  if (occurrence.item === 'welcome') return { kind: 'welcome', occurrenceKey };
  switch (occurrence.kind) {
    case 'wave': {
      const wave = programme.waves.find((w) => w.id === occurrence.item)!;
      return { kind: 'check-in', occurrenceKey, checkInKind: 'wave', instrumentIds: wave.instruments, expiresAt };
    }
    case 'routine':
      return { kind: 'check-in', occurrenceKey, checkInKind: 'routine', instrumentIds: programme.checkIn.instruments, expiresAt };
    case 'reminder':
      return { kind: 'reminder', occurrenceKey, checkInKey: `${client.id}|routine|check-in|${occurrence.item}` };
    case 'ending': {
      if (occurrence.item === 'follow-up') {
        return { kind: 'check-in', occurrenceKey, checkInKind: 'follow-up', instrumentIds: programme.checkIn.instruments, expiresAt };
      }
      const state = scheduleStateOf(client);
      const endDate = DateTime.fromISO(state.enrolledAt, { zone: memoZone(client.timezone) })
        .plus({ weeks: programme.lengthWeeks })
        .toISODate()!;
      if (occurrence.item === 'goodbye') return { kind: 'notice', occurrenceKey, notice: 'goodbye', endDate };
      const weeks = Number(/^notice-(\d+)w$/.exec(occurrence.item)?.[1]);
      return { kind: 'notice', occurrenceKey, notice: 'ending', weeks, endDate };
    }
  }
}
