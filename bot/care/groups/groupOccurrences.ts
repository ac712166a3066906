import { DateTime } from 'luxon';
import type { ClientGroupLink } from '../../../storage/records.js';
import { memoZone } from '../../time/memoZone.js';
import type { GroupMessages } from '../../config/groupMessagesSchema.js';
import type { Group } from '../../config/groupSchema.js';
import { groupSessions, type GroupSession } from './groupSessions.js';

/** A message about one session of a group: a nudge before it, or "did you make it?" after. */
export interface GroupOccurrence {
  /** Stable: `<client>|group-nudge|<session key>` or `<client>|group-follow-up|<session key>`. */
  key: string;
  kind: 'group-nudge' | 'group-follow-up';
  group: Group;
  session: GroupSession;
  due: DateTime;
  /** After this it is not sent (a nudge must arrive before the session; a follow-up while it is fresh). */
  expiresAt: DateTime;
}

/** What the planner needs of a client. */
export interface GroupClient {
  id: string;
  timezone: string;
  groups?: readonly ClientGroupLink[] | undefined;
}

/** A nudge is no use in the last quarter of an hour before a session. */
const NUDGE_CLOSES_BEFORE_MINUTES = 15;
/** A morning-of nudge whose time falls too close to the session goes this long before it instead. */
const LATE_NUDGE_LEAD_MINUTES = 60;
/** How far back a pass must look: a follow-up can be due this long after its session started. */
export function groupLookBackHours(settings: GroupMessages): number {
  return settings.followUpWindowHours + 24;
}

/**
 * The nudges and follow-ups due in [from, to) for a client's group links. Pure. Only links the
 * client is `interested` in or `going` to count, and only sessions after the link was set. A nudge
 * goes when the client asked for one (the day before or the morning of, at their time or the
 * programme's); a follow-up goes after every session they were nudged about, or are `going` to.
 * Times are the client's local clock; sessions are the group's (see groupSessions).
 */
export function groupOccurrences(
  groups: readonly Group[],
  programmeZone: string,
  settings: GroupMessages,
  client: GroupClient,
  from: DateTime,
  to: DateTime,
): GroupOccurrence[] {
  const links = (client.groups ?? []).filter((link) => link.status !== 'stopped');
  if (links.length === 0) return [];
  const zone = memoZone(client.timezone);
  // A nudge is due up to two days before its session (an hour more when the clocks go back); a follow-up up to the window after it.
  const sessionsFrom = from.minus({ hours: settings.followUpWindowHours });
  const sessionsTo = to.plus({ days: 2, hours: 2 });
  const found: GroupOccurrence[] = [];
  for (const link of links) {
    const group = groups.find((g) => g.id === link.groupId);
    if (!group) continue;
    const since = DateTime.fromISO(link.since).toMillis();
    for (const session of groupSessions(group, programmeZone, sessionsFrom, sessionsTo)) {
      if (session.start.toMillis() <= since) continue;
      const nudge = link.nudge === 'off' ? undefined : nudgeOf(client.id, group, session, link, settings, zone);
      if (nudge) found.push(nudge);
      if (nudge || link.status === 'going') found.push(followUpOf(client.id, group, session, settings, zone));
    }
  }
  const fromMs = from.toMillis();
  const toMs = to.toMillis();
  return (
    found
      .filter((o) => o.due.toMillis() >= fromMs && o.due.toMillis() < toMs)
      // At the same instant a nudge comes first (the weekly cap keeps nudges before follow-ups).
      .sort((a, b) => a.due.toMillis() - b.due.toMillis() || (a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind === 'group-nudge' ? -1 : 1))
  );
}

function nudgeOf(
  clientId: string,
  group: Group,
  session: GroupSession,
  link: ClientGroupLink,
  settings: GroupMessages,
  zone: ReturnType<typeof memoZone>,
): GroupOccurrence {
  const start = session.start.setZone(zone);
  const expiresAt = start.minus({ minutes: NUDGE_CLOSES_BEFORE_MINUTES });
  const dayBefore = link.nudge === 'day-before';
  const [hour, minute] = (link.nudgeTime ?? (dayBefore ? settings.dayBeforeTime : settings.morningOfTime)).split(':').map(Number) as [number, number];
  let due = (dayBefore ? start.minus({ days: 1 }) : start).set({ hour, minute, second: 0, millisecond: 0 });
  if (due >= expiresAt) due = start.minus({ minutes: LATE_NUDGE_LEAD_MINUTES });
  return { key: `${clientId}|group-nudge|${session.key}`, kind: 'group-nudge', group, session, due: due.toUTC(), expiresAt: expiresAt.toUTC() };
}

function followUpOf(clientId: string, group: Group, session: GroupSession, settings: GroupMessages, zone: ReturnType<typeof memoZone>): GroupOccurrence {
  return {
    key: `${clientId}|group-follow-up|${session.key}`,
    kind: 'group-follow-up',
    group,
    session,
    due: session.end.setZone(zone).plus({ minutes: settings.followUpAfterMinutes }).toUTC(),
    expiresAt: session.start.plus({ hours: settings.followUpWindowHours }).toUTC(),
  };
}
