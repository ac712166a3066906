import { DateTime } from 'luxon';
import { memoZone } from '../../time/memoZone.js';
import { nextAllowed, type QuietHours } from '../../time/quietHours.js';
import type { GroupMessages } from '../../config/groupMessagesSchema.js';
import { groupLookBackHours, groupOccurrences, type GroupClient, type GroupOccurrence } from './groupOccurrences.js';
import type { Group } from '../../config/groupSchema.js';

/** What the group planner needs to know about a client beyond their links. */
export interface GroupClientState extends GroupClient {
  consentedAt?: string | undefined;
  optedOutAt?: string | undefined;
  pausedUntil?: string | undefined;
  /** An urgent or same-day alert is open: nudges wait (people have taken over). */
  riskOpenSince?: string | undefined;
}

export type GroupDecision =
  | { occurrence: GroupOccurrence; action: 'send' }
  | { occurrence: GroupOccurrence; action: 'wait'; until: DateTime | null; reason: 'paused' | 'quiet-hours' | 'risk-open' }
  | {
      occurrence: GroupOccurrence;
      action: 'skip';
      reason: 'opted-out' | 'no-consent' | 'window-passed' | 'paused' | 'quiet-hours' | 'risk-open' | 'weekly-cap';
    };

export interface GroupPlanInput {
  groups: readonly Group[];
  programmeZone: string;
  settings: GroupMessages;
  quietHours: QuietHours;
  client: GroupClientState;
  /** Keys already decided (sent or skipped) or being sent. */
  decided: (key: string) => boolean;
  /** Group messages already started this local week ('2026-W48'). */
  sentInWeek: (week: string) => number;
  now: DateTime;
}

/**
 * What to do now about a client's group messages that are due and not yet decided. Pure. Each
 * goes once at most (its key is recorded in the ledger whatever becomes of it), so a "no" to a
 * nudge can never be followed by a second nudge for that session. Opted out or not yet agreed:
 * never. Paused, quiet hours, or an open risk alert: wait, while the message is still useful.
 * Over the weekly cap for group messages: skipped, nudges before follow-ups.
 */
export function planGroupDue(input: GroupPlanInput): GroupDecision[] {
  const { client, now, settings } = input;
  const due = groupOccurrences(
    input.groups,
    input.programmeZone,
    settings,
    client,
    now.minus({ hours: groupLookBackHours(settings) }),
    now.plus({ milliseconds: 1 }),
  ).filter((o) => !input.decided(o.key));
  if (due.length === 0) return [];
  const zone = memoZone(client.timezone);
  const week = groupWeek(now, client.timezone);
  let sent = input.sentInWeek(week);
  const allowed = nextAllowed(now.setZone(zone), input.quietHours).toUTC();
  const pausedUntil = client.pausedUntil ? DateTime.fromISO(client.pausedUntil) : undefined;
  return due.map((occurrence): GroupDecision => {
    if (client.optedOutAt) return { occurrence, action: 'skip', reason: 'opted-out' };
    if (!client.consentedAt) return { occurrence, action: 'skip', reason: 'no-consent' };
    if (now >= occurrence.expiresAt) return { occurrence, action: 'skip', reason: 'window-passed' };
    if (pausedUntil && pausedUntil > now) return waitUntil(occurrence, pausedUntil, 'paused');
    if (allowed > now) return waitUntil(occurrence, allowed, 'quiet-hours');
    if (client.riskOpenSince) return { occurrence, action: 'wait', until: null, reason: 'risk-open' };
    if (sent >= settings.weeklyCap) return { occurrence, action: 'skip', reason: 'weekly-cap' };
    sent += 1;
    return { occurrence, action: 'send' };
  });
}

/** The ledger's count of group messages in the client's local ISO week (apart from check-ins'). */
export function groupWeek(at: DateTime, timezone: string): string {
  return `${at.setZone(memoZone(timezone)).toFormat("kkkk-'W'WW")}|groups`;
}

function waitUntil(occurrence: GroupOccurrence, until: DateTime, reason: 'paused' | 'quiet-hours'): GroupDecision {
  return until >= occurrence.expiresAt ? { occurrence, action: 'skip', reason } : { occurrence, action: 'wait', until, reason };
}
