import { DateTime } from 'luxon';
import type { CheckInRecord, ClientEvent, ClientHistory, ClientRecord } from '../../storage/records.js';
import type { Programme } from '../config/programmeSchema.js';
import {
  clientCharts,
  outcomeRows,
  partsByCheckIn,
  waveLabel,
  waveMarkers,
  type CheckInParts,
  type ClientCharts,
  type OutcomeRow,
} from './clientViewCharts.js';

/** Something that happened, for the timeline: a check-in with its answers, or an event. */
export type TimelineEntry = { kind: 'check-in'; at: string; checkIn: CheckInRecord; parts: CheckInParts } | { kind: 'event'; at: string; event: ClientEvent };

/** The programme's dates for one client (local dates, yyyy-MM-dd). */
export interface ProgrammeDates {
  start: string;
  end: string;
  /** When each measurement wave is due (from the programme), in order. */
  waves: Array<{ id: string; label: string; date: string }>;
}

/** Everything the client page shows, worked out from one read of the history. */
export interface ClientView {
  client: ClientRecord;
  history: ClientHistory;
  linkWorkerName: string;
  dates: ProgrammeDates;
  rows: OutcomeRow[];
  charts: ClientCharts;
  /** Newest first. */
  timeline: TimelineEntry[];
}

/** The client page's view of a client and their history. */
export function clientView(programme: Programme, client: ClientRecord, history: ClientHistory): ClientView {
  const parts = partsByCheckIn(history);
  const rows = outcomeRows(history.checkIns, parts);
  const timeline: TimelineEntry[] = [
    ...history.checkIns.map((checkIn) => ({
      kind: 'check-in' as const,
      at: checkIn.startedAt,
      checkIn,
      parts: parts.get(checkIn.id) ?? { responses: [], scores: [] },
    })),
    ...history.events.map((event) => ({ kind: 'event' as const, at: event.at, event })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return {
    client,
    history,
    linkWorkerName: linkWorkerName(programme, client.linkWorkerId),
    dates: programmeDates(programme, client),
    rows,
    charts: clientCharts(rows, waveMarkers(history.checkIns)),
    timeline,
  };
}

export function linkWorkerName(programme: Pick<Programme, 'linkWorkers'>, id: string): string {
  return programme.linkWorkers.find((w) => w.id === id)?.name ?? id;
}

/** Start, end and wave dates as the scheduler counts them: from the set start date, else enrolment. */
export function programmeDates(
  programme: Pick<Programme, 'lengthWeeks' | 'waves'>,
  client: Pick<ClientRecord, 'programmeStartDate' | 'createdAt' | 'timezone'>,
): ProgrammeDates {
  const start = client.programmeStartDate
    ? DateTime.fromISO(client.programmeStartDate, { zone: client.timezone })
    : DateTime.fromISO(client.createdAt, { zone: client.timezone });
  const end = start.plus({ weeks: programme.lengthWeeks });
  return {
    start: start.toISODate()!,
    end: end.toISODate()!,
    waves: programme.waves.map((wave) => {
      const at = wave.at === 'enrolment' ? start : wave.at === 'programmeEnd' ? end : start.plus(wave.at);
      return { id: wave.id, label: waveLabel(wave.id), date: at.toISODate()! };
    }),
  };
}
