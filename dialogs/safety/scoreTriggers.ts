import type { RiskTier } from './riskLexicon.js';
import { defaultScoreTriggerConfig, type ScoreTriggerConfig } from './scoreTriggerConfig.js';

const K6 = 'k6';
const ONS = 'ons-loneliness';
const ONS_ITEM = 'lonely';
const UCLA = 'ucla3';

/** What scoreTriggers needs of one check-in, as stored. */
export interface CheckInOutcome {
  checkInId: string;
  kind: 'routine' | 'wave' | 'follow-up' | 'on-request' | undefined;
  /** 'completed' | 'missed' | 'stopped' | 'abandoned' | 'open' */
  status: string;
  endedAt?: string;
  /** The measurement wave it was started for ("baseline"), when kind is 'wave'. */
  waveId?: string | undefined;
  scores: Array<{ instrumentId: string; score: number | null; flags?: string[] }>;
  responses: Array<{ instrumentId: string; itemId: string; optionId: string | null; value: number | null }>;
}

export type RiskTriggerReason = 'k6-total' | 'k6-item' | 'ons-often-repeated' | 'ucla-rise' | 'gone-quiet';

export interface RiskTrigger {
  tier: RiskTier;
  category: string;
  reason: RiskTriggerReason;
  checkInId: string;
}

/**
 * The alerts the latest check-in's scores (or its being missed) raise, given the client's
 * check-ins oldest first. Only what the latest one causes: a run that carries on (still lonely
 * often, a third check-in missed) is not raised again until it has ended and started anew.
 */
export function scoreTriggers(history: readonly CheckInOutcome[], config: ScoreTriggerConfig = defaultScoreTriggerConfig): RiskTrigger[] {
  const latest = history.at(-1);
  if (!latest) return [];
  const raise = (rule: { tier: RiskTier }, category: string, reason: RiskTriggerReason): RiskTrigger => ({
    tier: rule.tier,
    category,
    reason,
    checkInId: latest.checkInId,
  });
  const triggers: RiskTrigger[] = [];

  const { k6Total, k6Items, onsLoneliness, uclaRise, goneQuiet } = config;
  const k6 = scoreOf(latest, K6);
  if (k6Total.enabled && k6 !== null && k6 >= k6Total.atLeast) triggers.push(raise(k6Total, k6Total.category, 'k6-total'));

  if (k6Items.enabled) {
    for (const [itemId, category] of Object.entries(k6Items.items)) {
      const option = lastOption(latest, K6, itemId);
      if (option !== null && k6Items.options.includes(option)) triggers.push(raise(k6Items, category, 'k6-item'));
    }
  }

  if (onsLoneliness.enabled && lastOption(latest, ONS, ONS_ITEM) !== null) {
    const answers = history.flatMap((c) => lastOption(c, ONS, ONS_ITEM) ?? []);
    if (runLength(answers, (option) => onsLoneliness.options.includes(option)) === onsLoneliness.inARow) {
      triggers.push(raise(onsLoneliness, onsLoneliness.category, 'ons-often-repeated'));
    }
  }

  if (uclaRise.enabled && risenFromBaseline(history, uclaRise.by, uclaRise.baselineWaveId)) triggers.push(raise(uclaRise, uclaRise.category, 'ucla-rise'));

  if (goneQuiet.enabled && quietRun(history) === goneQuiet.missedInARow) triggers.push(raise(goneQuiet, goneQuiet.category, 'gone-quiet'));
  return triggers;
}

function scoreOf(checkIn: CheckInOutcome, instrumentId: string): number | null {
  return checkIn.scores.find((s) => s.instrumentId === instrumentId)?.score ?? null;
}

/** The option last given to an item in a check-in (a later answer replaces an earlier one). */
function lastOption(checkIn: CheckInOutcome, instrumentId: string, itemId: string): string | null {
  const answers = checkIn.responses.filter((r) => r.instrumentId === instrumentId && r.itemId === itemId && r.optionId !== null);
  return answers.at(-1)?.optionId ?? null;
}

function runLength<T>(values: readonly T[], counts: (value: T) => boolean): number {
  let run = 0;
  for (let i = values.length - 1; i >= 0 && counts(values[i]!); i--) run++;
  return run;
}

/**
 * Whether the latest check-in's UCLA-3 total is `by` or more above the baseline, for the first time
 * since it was last below: the baseline is the UCLA-3 total of the wave `baselineWaveId`, or the
 * client's first UCLA-3 total when that wave has none (missed, or not recorded).
 */
function risenFromBaseline(history: readonly CheckInOutcome[], by: number, baselineWaveId: string): boolean {
  const totals = history.flatMap((c, index) => {
    const score = scoreOf(c, UCLA);
    return score === null ? [] : [{ index, score, baseline: c.waveId === baselineWaveId }];
  });
  const latest = totals.at(-1);
  if (!latest || latest.index !== history.length - 1) return false;
  const baseline = totals.find((t) => t.baseline) ?? totals[0]!;
  if (baseline === latest || latest.score - baseline.score < by) return false;
  const previous = totals.at(-2);
  return !previous || previous.index <= baseline.index || previous.score - baseline.score < by;
}

/**
 * How many routine check-ins in a row, ending with the latest, the client has missed without a
 * word. A missed wave or follow-up neither counts nor breaks the run; any other check-in, or a
 * missed one with an answer in it, breaks it. A check-in with no kind is taken as routine.
 */
function quietRun(history: readonly CheckInOutcome[]): number {
  const routine = (c: CheckInOutcome) => c.kind === 'routine' || c.kind === undefined;
  const silent = (c: CheckInOutcome) => c.status === 'missed' && c.responses.every((r) => r.value === null && r.optionId === null);
  const latest = history.at(-1);
  if (!latest || !routine(latest) || !silent(latest)) return 0;
  let run = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const c = history[i]!;
    if (!silent(c)) break;
    if (routine(c)) run++;
  }
  return run;
}
