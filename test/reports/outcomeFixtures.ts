import { readFileSync } from 'node:fs';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme, type Programme } from '../../bot/config/programmeSchema.js';
import type { AttendanceRecord, CheckInKind, CheckInRecord, ClientHistory, ClientRecord, ItemResponseRecord, ScoreRecord } from '../../storage/records.js';

/** The demo programme ('demo'), with the default waves: baseline, week-8, programme-end, month-18. */
export function demoProgramme(): Programme {
  return parseProgramme(JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')), 'test');
}

export function client(id: string, programmeId = 'demo'): ClientRecord {
  return {
    id,
    programmeId,
    name: `Name of ${id}`,
    phone: '+447700900123',
    timezone: 'Europe/London',
    linkWorkerId: 'lw',
    channel: 'sms',
    createdAt: '2026-01-01T09:00:00.000Z',
  };
}

export function emptyHistory(clientId: string): ClientHistory {
  return { clientId, conversationReferences: {}, checkIns: [], responses: [], scores: [], notes: [], events: [], attendance: [], tasks: [] };
}

/** What a client gave in one check-in: a UCLA-3 score (complete unless said), ONS loneliness option, number of groups. */
export interface Given {
  ucla3?: number;
  ucla3Incomplete?: boolean;
  lonely?: 'often_always' | 'some_of_the_time' | 'occasionally' | 'hardly_ever' | 'never';
  groups?: number;
  late?: boolean;
}

const LONELY_CODES = { often_always: 1, some_of_the_time: 2, occasionally: 3, hardly_ever: 4, never: 5 } as const;

/** A check-in as the scheduler starts it: a wave's carries the wave id in its occurrence key. */
export function checkIn(clientId: string, kind: CheckInKind, item: string, startedAt = '2026-01-05T10:00:00.000Z'): CheckInRecord {
  return {
    id: `${clientId}-${kind}-${item}`,
    clientId,
    channel: 'sms',
    instrumentIds: ['ucla3', 'ons-loneliness', 'groups'],
    status: 'completed',
    startedAt,
    kind,
    occurrenceKey: kind === 'on-request' ? undefined : `${clientId}|${kind}|${item}|2026-01-05T10:00`,
  };
}

export function response(
  c: CheckInRecord,
  instrumentId: string,
  itemId: string,
  value: number | null,
  optionId: string | null,
  extra: Partial<ItemResponseRecord> = {},
): ItemResponseRecord {
  return {
    checkInId: c.id,
    instrumentId,
    instrumentVersion: '1',
    itemId,
    value,
    optionId,
    status: value === null ? 'skipped' : 'answered',
    raw: value === null ? 'skip' : String(value),
    channel: c.channel,
    answeredAt: c.startedAt,
    ...extra,
  };
}

/** Add a check-in and what was given in it to a history. */
export function give(history: ClientHistory, c: CheckInRecord, given: Given): ClientHistory {
  const late = given.late ? { late: true } : {};
  const responses: ItemResponseRecord[] = [];
  const scores: ScoreRecord[] = [];
  if (given.ucla3 !== undefined) {
    // Items whose codes add up to the score (each 1–3); the last left out when incomplete.
    const items = ['lack_companionship', 'left_out', 'isolated'];
    let rest = given.ucla3;
    items.forEach((itemId, i) => {
      const value = i === 2 ? rest : Math.min(3, rest - (2 - i));
      rest -= value;
      if (given.ucla3Incomplete && i === 2) responses.push(response(c, 'ucla3', itemId, null, null));
      else responses.push(response(c, 'ucla3', itemId, value, `code-${value}`, late));
    });
    scores.push({
      checkInId: c.id,
      instrumentId: 'ucla3',
      instrumentVersion: '1',
      score: given.ucla3Incomplete ? null : given.ucla3,
      complete: !given.ucla3Incomplete,
      computedAt: c.startedAt,
    });
  }
  if (given.lonely) responses.push(response(c, 'ons-loneliness', 'lonely', LONELY_CODES[given.lonely], given.lonely, late));
  if (given.groups !== undefined) responses.push(response(c, 'groups', 'count', given.groups, null, late));
  return { ...history, checkIns: [...history.checkIns, c], responses: [...history.responses, ...responses], scores: [...history.scores, ...scores] };
}

/** A client's history with one wave check-in per wave given. */
export function waves(clientId: string, byWave: Record<string, Given>): ClientHistory {
  return Object.entries(byWave).reduce((h, [waveId, given]) => give(h, checkIn(clientId, 'wave', waveId), given), emptyHistory(clientId));
}

/** Clients c1..cN of the demo programme and their histories, from what each gave per wave. */
export function cohort(rows: ReadonlyArray<Record<string, Given>>, prefix = 'c'): { clients: ClientRecord[]; histories: ClientHistory[] } {
  const clients = rows.map((_, i) => client(`${prefix}${i + 1}`));
  return { clients, histories: rows.map((row, i) => waves(clients[i]!.id, row)) };
}

export function session(groupId: string, day: string, attendance: AttendanceRecord['attendance'], barriers: string[] = []): AttendanceRecord {
  return {
    sessionKey: `${groupId}|${day}T10:00`,
    groupId,
    sessionStart: `${day}T10:00:00.000Z`,
    attendance,
    barriers,
    channel: 'sms',
    updatedAt: `${day}T18:00:00.000Z`,
  };
}
