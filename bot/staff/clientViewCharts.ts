import type { CheckInRecord, ClientHistory, ItemResponseRecord, ScoreRecord } from '../../storage/records.js';
import { waveIdOf } from '../care/alerts/scoreAlerts.js';
import type { ChartData } from './pages/chartData.js';

/** ONS4's items in the order the ONS reports them; anxiety runs the other way (higher is worse). */
export const ONS4_ITEMS = [
  { id: 'life_satisfaction', label: 'Life satisfaction' },
  { id: 'worthwhile', label: 'Worthwhile' },
  { id: 'happiness', label: 'Happiness' },
  { id: 'anxiety', label: 'Anxiety' },
] as const;

/** ONS loneliness codes as the instrument stores them: 1 is the loneliest. */
export const ONS_LONELINESS_LABELS: Readonly<Record<number, string>> = {
  1: 'Often/always',
  2: 'Some of the time',
  3: 'Occasionally',
  4: 'Hardly ever',
  5: 'Never',
};

/** One check-in's outcome measures: what the charts and their tables show. Null: not asked or not scored. */
export interface OutcomeRow {
  checkInId: string;
  /** When the check-in started (ISO). */
  at: string;
  waveId: string | undefined;
  ucla3: number | null;
  onsLoneliness: number | null;
  ons4: Record<(typeof ONS4_ITEMS)[number]['id'], number | null>;
  k6: number | null;
}

/** The four charts of the client page, as charts.js draws them and chart-data.json returns them. */
export interface ClientCharts {
  ucla3: ChartData;
  onsLoneliness: ChartData;
  ons4: ChartData;
  k6: ChartData;
}

/** A check-in's answers and scores, gathered in one pass over the history. */
export interface CheckInParts {
  responses: ItemResponseRecord[];
  scores: ScoreRecord[];
}

/** Responses and scores by check-in id (one pass each: a long history is walked once). */
export function partsByCheckIn(history: Pick<ClientHistory, 'responses' | 'scores'>): Map<string, CheckInParts> {
  const parts = new Map<string, CheckInParts>();
  const of = (id: string) => {
    let found = parts.get(id);
    if (!found) parts.set(id, (found = { responses: [], scores: [] }));
    return found;
  };
  for (const response of history.responses) of(response.checkInId).responses.push(response);
  for (const score of history.scores) of(score.checkInId).scores.push(score);
  return parts;
}

/** The outcome measures of every check-in that has any, oldest first. */
export function outcomeRows(checkIns: readonly CheckInRecord[], parts: ReadonlyMap<string, CheckInParts>): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const checkIn of checkIns) {
    const found = parts.get(checkIn.id);
    if (!found) continue;
    const score = (instrumentId: string) => found.scores.find((s) => s.instrumentId === instrumentId)?.score ?? null;
    const answer = (instrumentId: string, itemId: string) =>
      found.responses.find((r) => r.instrumentId === instrumentId && r.itemId === itemId && r.value !== null)?.value ?? null;
    const row: OutcomeRow = {
      checkInId: checkIn.id,
      at: checkIn.startedAt,
      waveId: waveIdOf(checkIn),
      ucla3: score('ucla3'),
      onsLoneliness: answer('ons-loneliness', 'lonely'),
      ons4: {
        life_satisfaction: answer('ons4', 'life_satisfaction'),
        worthwhile: answer('ons4', 'worthwhile'),
        happiness: answer('ons4', 'happiness'),
        anxiety: answer('ons4', 'anxiety'),
      },
      k6: score('k6'),
    };
    const ons4 = Object.values(row.ons4).some((v) => v !== null);
    if (row.ucla3 !== null || row.onsLoneliness !== null || ons4 || row.k6 !== null) rows.push(row);
  }
  return rows.sort((a, b) => a.at.localeCompare(b.at));
}

/** A wave's name for people: "week-8" → "Week 8". */
export function waveLabel(waveId: string): string {
  const words = waveId.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A line for each wave check-in the client was sent (the first, when a wave was started twice). */
export function waveMarkers(checkIns: readonly CheckInRecord[]): Array<{ x: string; label: string }> {
  const seen = new Map<string, string>();
  for (const checkIn of checkIns) {
    const waveId = waveIdOf(checkIn);
    if (waveId && (!seen.has(waveId) || checkIn.startedAt < seen.get(waveId)!)) seen.set(waveId, checkIn.startedAt);
  }
  return [...seen].sort((a, b) => a[1].localeCompare(b[1])).map(([waveId, x]) => ({ x, label: waveLabel(waveId) }));
}

/** Chart.js data for UCLA-3, ONS loneliness, ONS4 (four lines) and K6, only points that were answered. */
export function clientCharts(rows: readonly OutcomeRow[], markers: Array<{ x: string; label: string }>): ClientCharts {
  const points = (pick: (row: OutcomeRow) => number | null) =>
    rows.flatMap((row) => {
      const y = pick(row);
      return y === null ? [] : [{ x: row.at, y }];
    });
  return {
    ucla3: {
      kind: 'line',
      yLabel: 'UCLA-3 total (3–9, higher is lonelier)',
      yMin: 3,
      yMax: 9,
      series: [{ label: 'UCLA-3', points: points((r) => r.ucla3) }],
      markers,
    },
    onsLoneliness: {
      kind: 'line',
      yLabel: 'How often lonely (1 often/always – 5 never)',
      yMin: 1,
      yMax: 5,
      series: [{ label: 'ONS loneliness', points: points((r) => r.onsLoneliness) }],
      markers,
    },
    ons4: {
      kind: 'line',
      yLabel: 'ONS4 (0–10; anxiety: higher is worse)',
      yMin: 0,
      yMax: 10,
      series: ONS4_ITEMS.map((item) => ({ label: item.label, points: points((r) => r.ons4[item.id]) })),
      markers,
    },
    k6: {
      kind: 'line',
      yLabel: 'K6 total (0–24, 13+ probable serious distress)',
      yMin: 0,
      yMax: 24,
      series: [{ label: 'K6', points: points((r) => r.k6) }],
      markers,
    },
  };
}
