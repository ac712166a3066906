import { DateTime } from 'luxon';
import type { AlertRecord, AlertTier, CheckInRecord, CheckInSummaryRecord, ClientHistory, ClientRecord } from '../../storage/records.js';
import { waveIdOf } from '../care/alerts/scoreAlerts.js';
import { scheduleStateOf } from '../schedule/scheduleState.js';
import { tierLabel, TIER_ORDER } from './alertInbox.js';

const UCLA = 'ucla3';
const ONS = 'ons-loneliness';
const ONS_ITEM = 'lonely';
/** UCLA-3 up this much (on 3–9) counts as worse. */
export const UCLA_WORSE_BY = 2;
/** No message from a consented client for this long: gone quiet. */
export const QUIET_DAYS = 14;
/** Scheduled check-ins missed in a row: gone quiet. */
export const QUIET_MISSED = 2;
/** A programme ending within this many weeks is flagged. */
export const ENDING_WEEKS = 4;
/** Response rate and groups attended look back this far. */
export const LOOKBACK_WEEKS = 8;
/** How many months of history the caseload reads per client (covers LOOKBACK_WEEKS). */
export const HISTORY_MONTHS = 3;

/** Why a client needs attention: most pressing first. */
export type Need =
  | { kind: 'alert'; tier: AlertTier; text: string }
  | { kind: 'quiet'; text: string }
  | { kind: 'worse'; text: string }
  | { kind: 'ending'; text: string };

/** What the caseload page shows of one client. */
export interface CaseloadRow {
  client: ClientRecord;
  needs: Need[];
  /** 0 (urgent alert) … 6 (nothing pressing): the sort key before the name. */
  rank: number;
  /** The client's last message of the months read; null when there is none. */
  lastContact: string | null;
  /** Scheduled check-ins answered of those sent in the last LOOKBACK_WEEKS (closed ones only). */
  responseRate: { answered: number; sent: number };
  /** UCLA-3 totals of the months read, oldest first. */
  ucla: Array<{ at: string; score: number }>;
  /** Group sessions the client said they went to in the last LOOKBACK_WEEKS. */
  groupsAttended: number;
}

/** What one client's row is worked out from. */
export interface CaseloadInput {
  client: ClientRecord;
  /** The client's history of the last HISTORY_MONTHS months only. */
  recent: Pick<ClientHistory, 'checkIns' | 'responses' | 'scores' | 'notes' | 'events' | 'attendance'>;
  /** The baseline check-in, from the ledger, when it is not among `recent`. */
  baseline?: Pick<CheckInSummaryRecord, 'checkInId' | 'scores' | 'responses'> | undefined;
  /** The client's alerts not yet resolved. */
  openAlerts: ReadonlyArray<Pick<AlertRecord, 'tier' | 'state'>>;
}

export interface CaseloadContext {
  now: DateTime;
  lengthWeeks: number;
  /** The wave whose scores are the baseline (the programme's uclaRise.baselineWaveId). */
  baselineWaveId: string;
}

const RANK = { quiet: 3, worse: 4, ending: 5, none: 6 } as const;

/** One client's row: needs, last contact, response rate, loneliness over time and groups attended. */
export function caseloadRow(input: CaseloadInput, context: CaseloadContext): CaseloadRow {
  const { now } = context;
  const since = now.minus({ weeks: LOOKBACK_WEEKS }).toISO()!;
  const lastContact = lastContactOf(input.recent);
  const closedScheduled = input.recent.checkIns.filter((c) => c.kind !== 'on-request' && c.status !== 'open');
  const recentScheduled = closedScheduled.filter((c) => c.startedAt >= since);
  const answeredIds = new Set(input.recent.responses.filter((r) => r.status === 'answered').map((r) => r.checkInId));
  const needs = [
    ...alertNeeds(input.openAlerts),
    ...quietNeeds(input, closedScheduled, lastContact, now),
    ...worseNeeds(input, context),
    ...endingNeeds(input.client, context),
  ];
  return {
    client: input.client,
    needs,
    rank: Math.min(RANK.none, ...needs.map(rankOf)),
    lastContact,
    responseRate: { answered: recentScheduled.filter((c) => c.status === 'completed' || answeredIds.has(c.id)).length, sent: recentScheduled.length },
    ucla: uclaSeries(input.recent),
    groupsAttended: input.recent.attendance.filter((a) => a.attendance === 'went' && a.sessionStart >= since && a.sessionStart <= now.toISO()!).length,
  };
}

/** Most pressing first; the same need by name. */
export function byNeed(a: CaseloadRow, b: CaseloadRow): number {
  return a.rank - b.rank || a.client.name.localeCompare(b.client.name, 'en', { sensitivity: 'base' }) || a.client.id.localeCompare(b.client.id);
}

/** Whether the baseline must come from the ledger: there are loneliness answers to compare and no baseline wave among them. */
export function needsLedgerBaseline(recent: CaseloadInput['recent'], baselineWaveId: string): boolean {
  const hasLoneliness = recent.scores.some((s) => s.instrumentId === UCLA) || recent.responses.some((r) => r.instrumentId === ONS);
  return hasLoneliness && !recent.checkIns.some((c) => isBaseline(c, baselineWaveId));
}

function rankOf(need: Need): number {
  return need.kind === 'alert' ? TIER_ORDER[need.tier] : RANK[need.kind];
}

function alertNeeds(alerts: CaseloadInput['openAlerts']): Need[] {
  const worst = [...alerts].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || (a.state === 'open' ? -1 : 1))[0];
  if (!worst) return [];
  const more = alerts.length > 1 ? ` (${alerts.length} alerts)` : '';
  return [{ kind: 'alert', tier: worst.tier, text: `${tierLabel(worst.tier)} alert ${worst.state === 'open' ? 'open' : 'acknowledged'}${more}` }];
}

function quietNeeds(input: CaseloadInput, closedScheduled: CaseloadInput['recent']['checkIns'], lastContact: string | null, now: DateTime): Need[] {
  let missed = 0;
  for (const checkIn of [...closedScheduled].reverse()) {
    if (checkIn.status !== 'missed') break;
    missed += 1;
  }
  if (missed >= QUIET_MISSED) return [{ kind: 'quiet', text: `Gone quiet: ${missed} missed` }];
  const { client } = input;
  // Quiet by choice is not gone quiet: not yet agreed, opted out or paused.
  const paused = client.pausedUntil !== undefined && client.pausedUntil > now.toISO()!;
  if (!client.consentedAt || client.optedOutAt || paused) return [];
  const from = [lastContact, client.consentedAt]
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1)!;
  const days = Math.floor(now.diff(DateTime.fromISO(from), 'days').days);
  return days >= QUIET_DAYS
    ? [{ kind: 'quiet', text: lastContact ? `Gone quiet: no reply for ${days} days` : `Gone quiet: no reply since agreeing, ${days} days` }]
    : [];
}

function worseNeeds(input: CaseloadInput, context: CaseloadContext): Need[] {
  const needs: Need[] = [];
  const baseline = input.recent.checkIns.find((c) => isBaseline(c, context.baselineWaveId));
  const baselineId = baseline?.id ?? input.baseline?.checkInId;
  const ucla = uclaSeries(input.recent);
  const latest = ucla.at(-1);
  if (latest) {
    const previous = ucla.at(-2);
    const base = baseline
      ? input.recent.scores.find((s) => s.checkInId === baseline.id && s.instrumentId === UCLA)?.score
      : input.baseline?.scores.find((s) => s.instrumentId === UCLA)?.score;
    const fromBase = typeof base === 'number' && latest.checkInId !== baselineId ? latest.score - base : 0;
    const fromPrevious = previous ? latest.score - previous.score : 0;
    if (fromBase >= UCLA_WORSE_BY && fromBase >= fromPrevious) needs.push({ kind: 'worse', text: `UCLA-3 up ${fromBase} since baseline` });
    else if (fromPrevious >= UCLA_WORSE_BY) needs.push({ kind: 'worse', text: `UCLA-3 up ${fromPrevious} since last check-in` });
  }
  // ONS codes run from 1 (often/always) to 5 (never): a lower code is lonelier.
  const ons = onsSeries(input.recent);
  const now = ons.at(-1);
  if (now) {
    const base = baseline
      ? ons.find((o) => o.checkInId === baseline.id)?.value
      : (input.baseline?.responses.find((r) => r.instrumentId === ONS && r.itemId === ONS_ITEM)?.value ?? undefined);
    const previous = ons.at(-2)?.value;
    const since =
      typeof base === 'number' && now.checkInId !== baselineId && now.value < base
        ? 'baseline'
        : previous !== undefined && now.value < previous
          ? 'last check-in'
          : undefined;
    if (since) needs.push({ kind: 'worse', text: `Lonely more often since ${since}: now ${ONS_LABELS[now.value] ?? now.value}` });
  }
  return needs;
}

const ONS_LABELS: Record<number, string> = { 1: 'often/always', 2: 'some of the time', 3: 'occasionally', 4: 'hardly ever', 5: 'never' };

function endingNeeds(client: ClientRecord, context: CaseloadContext): Need[] {
  const end = programmeEnd(client, context.lengthWeeks);
  const days = Math.ceil(end.diff(context.now, 'days').days);
  if (days <= 0 || days > ENDING_WEEKS * 7) return [];
  const text =
    days === 1 ? 'Ends tomorrow' : days < 7 ? `Ends in ${days} days` : `Ends in ${Math.round(days / 7)} ${Math.round(days / 7) === 1 ? 'week' : 'weeks'}`;
  return [{ kind: 'ending', text }];
}

/** When the client's programme ends: lengthWeeks from their programme start (or enrolment), as the scheduler counts it. */
export function programmeEnd(client: ClientRecord, lengthWeeks: number): DateTime {
  return DateTime.fromISO(scheduleStateOf(client).enrolledAt, { zone: client.timezone }).plus({ weeks: lengthWeeks });
}

/** The client's last message: an answer, a note, a reply about a group, or a keyword (STOP, PAUSE). */
function lastContactOf(recent: CaseloadInput['recent']): string | null {
  const times = [
    ...recent.responses.filter((r) => r.status === 'answered' || r.raw !== null).map((r) => r.answeredAt),
    ...recent.notes.map((n) => n.createdAt),
    ...recent.attendance.filter((a) => a.attendance !== 'unknown' || a.intention !== undefined).map((a) => a.updatedAt),
    ...recent.events.flatMap((e) => ('source' in e && (e.source === 'reply' || e.source === 'sms-keyword') ? [e.at] : [])),
  ];
  return times.sort().at(-1) ?? null;
}

function uclaSeries(recent: CaseloadInput['recent']): Array<{ at: string; score: number; checkInId: string }> {
  const startedAt = new Map(recent.checkIns.map((c) => [c.id, c.startedAt]));
  return recent.scores
    .filter((s): s is typeof s & { score: number } => s.instrumentId === UCLA && typeof s.score === 'number')
    .map((s) => ({ at: startedAt.get(s.checkInId) ?? s.computedAt, score: s.score, checkInId: s.checkInId }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

function onsSeries(recent: CaseloadInput['recent']): Array<{ at: string; value: number; checkInId: string }> {
  return recent.responses
    .filter((r): r is typeof r & { value: number } => r.instrumentId === ONS && r.itemId === ONS_ITEM && typeof r.value === 'number')
    .map((r) => ({ at: r.answeredAt, value: r.value, checkInId: r.checkInId }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

function isBaseline(checkIn: Pick<CheckInRecord, 'kind' | 'occurrenceKey'>, baselineWaveId: string): boolean {
  return waveIdOf(checkIn) === baselineWaveId;
}
