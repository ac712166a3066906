import type { Zone } from 'luxon';
import type { ClientPlan } from './clientPlan.js';
import { HOUR_MS, stampOf, wallOf } from '../time/localClock.js';
import type { OccurrenceKind, PlannedOccurrence } from './planned.js';
import type { ProgrammePlan } from './programmePlan.js';
import { routineSlots } from './routineOccurrences.js';

export type { PlannedOccurrence } from './planned.js';

const RANK: Record<OccurrenceKind, number> = { wave: 0, routine: 1, ending: 2, reminder: 3 };

// planDue looks back over the longest window on every pass, once a minute: what falls due in the
// next hour is worked out with it, and the next passes only filter that list.
const AHEAD_MS = HOUR_MS;

/**
 * A superset of plannedBetween(from, to) (the caller keeps what is due in [from, to)), remembered
 * with the client's plan until `from` or `to` leaves the span it covers.
 */
export function plannedAround(plan: ProgrammePlan, client: ClientPlan, id: string, from: number, to: number): readonly PlannedOccurrence[] {
  if (from < client.windowFrom || to > client.windowTo) {
    client.windowPlanned = plannedBetween(plan, client, id, from, to + AHEAD_MS);
    client.windowFrom = from;
    client.windowTo = to + AHEAD_MS;
  }
  return client.windowPlanned;
}

/** A client's occurrences due in [from, to), epoch milliseconds: in time order, and by rank at the same time. */
export function plannedBetween(plan: ProgrammePlan, client: ClientPlan, id: string, from: number, to: number): PlannedOccurrence[] {
  const { zone } = client;
  const all: PlannedOccurrence[] = [];
  const { due } = client;
  for (let i = 0; i < due.length; i += 1) {
    const at = due[i]!;
    if (at < from || at >= to) continue;
    const { kind, item, windowMs } = plan.fixedItems[i] ?? plan.followUp;
    all.push(planned(id, zone, kind, item, at, at + windowMs));
  }
  for (const { at } of routineSlots(client, from - plan.checkInWindowMs, to)) {
    // Routine check-ins run for the programme's length; after it, only follow-ups.
    if (at >= client.routineEndMs) continue;
    if (at >= from) all.push(planned(id, zone, 'routine', 'check-in', at, at + plan.checkInWindowMs));
    for (const { afterMs, restMs } of plan.reminders) {
      const remindAt = at + afterMs;
      if (remindAt < from || remindAt >= to) continue;
      // A reminder names its check-in as the check-in's own key does: by the local time it went (moved
      // forward when its time did not exist that day), so the two are always found together.
      all.push(planned(id, zone, 'reminder', stampOf(wallOf(zone, at)), remindAt, remindAt + restMs));
    }
  }
  return all.sort((a, b) => a.dueMs - b.dueMs || a.rank - b.rank);
}

function planned(id: string, zone: Zone, kind: OccurrenceKind, item: string, dueMs: number, expiresMs: number): PlannedOccurrence {
  // Joined rather than concatenated: one flat string (~70 B) where `${}` leaves a tree of pieces
  // (~330 B), and 100,000 clients keep theirs between passes.
  return { key: [id, kind, item, stampOf(wallOf(zone, dueMs))].join('|'), kind, item, dueMs, expiresMs, rank: RANK[kind] };
}
