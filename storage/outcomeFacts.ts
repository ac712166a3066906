import type { AttendanceRecord, CheckInRecord, ClientHistory, ItemResponseRecord, ScoreRecord } from './records.js';

/**
 * What the programme outcomes need of one client, and nothing more: at each measurement wave, the
 * instruments asked or answered (and in which versions), the latest answer to each item and the
 * latest complete score of each instrument; and their group sessions counted by what happened and
 * by barrier. A few KB per client, kept up to date by the client history as it writes the records
 * they come from (OutcomeTally), so the outcomes page reads these and no one's history.
 */
export interface OutcomeFacts {
  /** By wave id: every wave a check-in was started for (known to the programme or not). */
  waves: Record<string, WaveFacts>;
  /** Absent until the client has a group session on record. */
  attendance?: AttendanceFacts | undefined;
}

export interface WaveFacts {
  /** Instruments the wave's check-ins asked, or had answers to. */
  instruments: Record<string, InstrumentFacts>;
  /** The latest complete score of each instrument (by when it was computed). */
  scores: Record<string, DatedScore>;
}

export interface InstrumentFacts {
  /** Versions answered (whatever the answer's status), sorted. */
  versions: string[];
  /** At least one item was answered with a value. */
  answered: boolean;
  /** The latest answer with a value to each item (by when it was given). */
  items: Record<string, DatedAnswer>;
}

// Pairs and triples, not objects: a client's facts are read for every page, and these are most of them.
/** A score and when it was computed (ISO). */
export type DatedScore = [score: number, at: string];
/** An item's coded answer, the option it was (null for a number given), and when it was given (ISO). */
export type DatedAnswer = [value: number, optionId: string | null, at: string];

/** A client's group sessions: how many by what happened, and per barrier the sessions it was given for. */
export interface AttendanceFacts {
  went: number;
  didnt: number;
  unknown: number;
  barriers: Record<string, number>;
}

/** A change to one client's facts, made in place. */
export type FactsChange = (facts: OutcomeFacts) => void;

/**
 * Bump when the facts are worked out differently: lowdb works every client's out again on opening
 * (its tally records the version); PostgreSQL needs a migration marking every row stale.
 */
export const OUTCOME_FACTS_VERSION = 1;

export function emptyFacts(): OutcomeFacts {
  return { waves: {} };
}

/** Whether the facts count towards the outcomes at all (a wave asked, or a group session). */
export function hasFacts(facts: OutcomeFacts): boolean {
  return Object.keys(facts.waves).length > 0 || facts.attendance !== undefined;
}

/**
 * The wave a check-in was started for: its occurrence key is `client|wave|<wave id>|<local time>`
 * (the same rule as bot/care/alerts' waveIdOf, which storage cannot import); undefined for any other.
 */
export function waveOfCheckIn(checkIn: Pick<CheckInRecord, 'kind' | 'occurrenceKey'>): string | undefined {
  return checkIn.kind === 'wave' ? checkIn.occurrenceKey?.split('|')[2] : undefined;
}

/** A check-in started: a wave's counts its client as asked. Undefined when it changes nothing. */
export function checkInChange(checkIn: CheckInRecord): FactsChange | undefined {
  const waveId = waveOfCheckIn(checkIn);
  if (waveId === undefined) return undefined;
  return (facts) => {
    const wave = waveIn(facts, waveId);
    for (const instrumentId of checkIn.instrumentIds) instrumentIn(wave, instrumentId);
  };
}

/** An answer kept (once: not the replay of a turn). Undefined when it changes nothing. */
export function responseChange(checkIn: CheckInRecord, response: ItemResponseRecord): FactsChange | undefined {
  const waveId = waveOfCheckIn(checkIn);
  if (waveId === undefined) return undefined;
  return (facts) => {
    const instrument = instrumentIn(waveIn(facts, waveId), response.instrumentId);
    if (!instrument.versions.includes(response.instrumentVersion)) instrument.versions = [...instrument.versions, response.instrumentVersion].sort();
    if (response.status !== 'answered' || response.value === null) return;
    instrument.answered = true;
    const kept = instrument.items[response.itemId];
    // An answer given at the same moment as the one kept is the later written, as in the history.
    if (!kept || Date.parse(response.answeredAt) >= Date.parse(kept[2]))
      instrument.items[response.itemId] = [response.value, response.optionId, response.answeredAt];
  };
}

/** A check-in closed with scores (again, after a late answer: the latest complete one counts). */
export function scoresChange(checkIn: CheckInRecord, scores: readonly ScoreRecord[]): FactsChange | undefined {
  const waveId = waveOfCheckIn(checkIn);
  const complete = scores.filter((s) => s.complete && s.score !== null);
  if (waveId === undefined || complete.length === 0) return undefined;
  return (facts) => {
    const wave = waveIn(facts, waveId);
    for (const score of complete) {
      const kept = wave.scores[score.instrumentId];
      if (!kept || Date.parse(score.computedAt) >= Date.parse(kept[1])) wave.scores[score.instrumentId] = [score.score!, score.computedAt];
    }
  };
}

/** A group session's record made (`before` undefined) or changed. Undefined when it changes nothing counted. */
export function attendanceChange(
  before: Pick<AttendanceRecord, 'attendance' | 'barriers'> | undefined,
  after: Pick<AttendanceRecord, 'attendance' | 'barriers'>,
): FactsChange | undefined {
  const barriersOf = (record: Pick<AttendanceRecord, 'barriers'>) => [...new Set(record.barriers)].sort();
  if (before && before.attendance === after.attendance && barriersOf(before).join('|') === barriersOf(after).join('|')) return undefined;
  return (facts) => {
    const counts = (facts.attendance ??= { went: 0, didnt: 0, unknown: 0, barriers: {} });
    if (before) {
      counts[before.attendance] -= 1;
      for (const id of barriersOf(before)) {
        counts.barriers[id] = (counts.barriers[id] ?? 0) - 1;
        // A barrier no session has any more is no barrier of this client's.
        if (counts.barriers[id]! <= 0) delete counts.barriers[id];
      }
    }
    counts[after.attendance] += 1;
    for (const id of barriersOf(after)) counts.barriers[id] = (counts.barriers[id] ?? 0) + 1;
  };
}

/** A client's facts worked out from their whole history, records taken in the order they were written. */
export function factsOfHistory(history: Pick<ClientHistory, 'checkIns' | 'responses' | 'scores' | 'attendance'>): OutcomeFacts {
  const facts = emptyFacts();
  const checkIns = new Map(history.checkIns.map((c) => [c.id, c]));
  for (const checkIn of history.checkIns) checkInChange(checkIn)?.(facts);
  for (const response of history.responses) {
    const checkIn = checkIns.get(response.checkInId);
    if (checkIn) responseChange(checkIn, response)?.(facts);
  }
  for (const score of history.scores) {
    const checkIn = checkIns.get(score.checkInId);
    if (checkIn) scoresChange(checkIn, [score])?.(facts);
  }
  for (const session of history.attendance) attendanceChange(undefined, session)?.(facts);
  return facts;
}

function waveIn(facts: OutcomeFacts, waveId: string): WaveFacts {
  return (facts.waves[waveId] ??= { instruments: {}, scores: {} });
}

function instrumentIn(wave: WaveFacts, instrumentId: string): InstrumentFacts {
  return (wave.instruments[instrumentId] ??= { versions: [], answered: false, items: {} });
}
