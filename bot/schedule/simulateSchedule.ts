import { DateTime } from 'luxon';
import type { Programme } from '../config/programmeSchema.js';
import type { Occurrence } from './occurrences.js';
import { planDue, type ClientScheduleState, type Ledger, type SkipReason } from './planDue.js';
import { isoWeekOf, wallOf } from '../time/localClock.js';
import { memoZone } from '../time/memoZone.js';

export interface SimulatedEvent {
  occurrence: Occurrence;
  /** When it would be sent (when due, or when what held it back ended) or given up. */
  at: DateTime;
  outcome: 'sent' | 'skipped';
  reason?: SkipReason;
}

/**
 * Run the planner every `stepMinutes` over a span, as the dispatcher does, keeping its ledger in
 * memory: what would be sent when, and what would be skipped and why. `answers` says whether the
 * client answers a sent check-in (default: always); `client` may change over time.
 */
export function simulateSchedule(options: {
  programme: Programme;
  client: (now: DateTime) => ClientScheduleState;
  from: DateTime;
  to: DateTime;
  stepMinutes?: number;
  answers?: (occurrence: Occurrence) => boolean;
  /** Spans when the planner did not run (downtime). */
  down?: (now: DateTime) => boolean;
}): SimulatedEvent[] {
  const sent = new Set<string>();
  const skipped = new Set<string>();
  const answered = new Set<string>();
  const perWeek = new Map<string, number>();
  const ledger: Ledger = { sent, skipped, answered, sentInWeek: (week) => perWeek.get(week) ?? 0 };
  const events: SimulatedEvent[] = [];
  // A dispatcher wakes when a wait ends; the simulation's steps are coarser, so remember when.
  // (null: held by something with no known end, such as waiting for consent: it goes when found free.)
  const heldUntil = new Map<string, DateTime | null>();
  for (let now = options.from; now < options.to; now = now.plus({ minutes: options.stepMinutes ?? 60 })) {
    if (options.down?.(now)) continue;
    const client = options.client(now);
    for (const decision of planDue(options.programme, client, ledger, now)) {
      const { occurrence } = decision;
      if (decision.action === 'send') {
        sent.add(occurrence.key);
        const week = isoWeekOf(wallOf(memoZone(client.timezone), now.toMillis()));
        perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
        if (occurrence.kind === 'routine' && (options.answers?.(occurrence) ?? true)) answered.add(occurrence.key);
        const held = heldUntil.get(occurrence.key);
        const at = held === null ? now : DateTime.min(DateTime.max(occurrence.due, held ?? occurrence.due), now);
        events.push({ occurrence, at, outcome: 'sent' });
      } else if (decision.action === 'wait') {
        heldUntil.set(occurrence.key, decision.until);
      } else {
        skipped.add(occurrence.key);
        events.push({ occurrence, at: now, outcome: 'skipped', reason: decision.reason });
      }
    }
  }
  return events;
}
