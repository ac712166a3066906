import type { Programme } from '../config/programmeSchema.js';
import { hoursMs } from '../time/localClock.js';
import { minutesOf } from '../time/quietHours.js';

/** A message fixed by enrolment: a wave or an ending message, and how long it stays open. */
export interface FixedItem {
  kind: 'wave' | 'ending';
  item: string;
  windowMs: number;
}

/** What the planner reads from a programme on every call, worked out once. */
export interface ProgrammePlan {
  /** How far back planDue looks: the longest window and a day. */
  lookBackMs: number;
  checkInWindowMs: number;
  /** Each reminder's delay after its check-in, and how long it stays open after that. */
  reminders: ReadonlyArray<{ afterMs: number; restMs: number }>;
  /** Waves, ending notices and goodbye, in the order fixedDates works them out; follow-ups come after. */
  fixedItems: readonly FixedItem[];
  followUp: FixedItem;
  /** Quiet hours as minutes after local midnight. */
  quietStart: number;
  quietEnd: number;
}

// A parsed programme is frozen (parseProgramme), so what is read from it can be kept with it.
const plans = new WeakMap<Programme, ProgrammePlan>();

/** The per-call constants of a programme. */
export function programmePlan(programme: Programme): ProgrammePlan {
  let plan = plans.get(programme);
  if (!plan) {
    plan = makePlan(programme);
    plans.set(programme, plan);
  }
  return plan;
}

function makePlan(programme: Programme): ProgrammePlan {
  const { checkIn, ending } = programme;
  const longest = Math.max(checkIn.windowHours, 24 * 7, ...programme.waves.map((w) => w.windowHours));
  const week = hoursMs(24 * 7);
  return {
    lookBackMs: hoursMs(longest + 24),
    checkInWindowMs: hoursMs(checkIn.windowHours),
    reminders: checkIn.reminders.map((r) => ({ afterMs: hoursMs(r.afterHours), restMs: hoursMs(checkIn.windowHours - r.afterHours) })),
    fixedItems: [
      ...programme.waves.map((w): FixedItem => ({ kind: 'wave', item: w.id, windowMs: hoursMs(w.windowHours) })),
      ...ending.noticeWeeksBefore.map((weeks): FixedItem => ({ kind: 'ending', item: `notice-${weeks}w`, windowMs: week })),
      ...(ending.goodbye ? [{ kind: 'ending', item: 'goodbye', windowMs: week } satisfies FixedItem] : []),
    ],
    followUp: { kind: 'ending', item: 'follow-up', windowMs: hoursMs(checkIn.windowHours) },
    quietStart: minutesOf(programme.quietHours.start),
    quietEnd: minutesOf(programme.quietHours.end),
  };
}
