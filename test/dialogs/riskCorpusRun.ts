import type { RiskLexicon, RiskTier } from '../../dialogs/safety/riskLexicon.js';
import { screenMessage } from '../../dialogs/safety/screenMessage.js';
import type { RiskCorpusEntry, RiskGroup } from './riskCorpus.js';

/** Groups whose explicit statements must all raise urgent (issue 6 target: 100%). */
export const MUST_CATCH: readonly RiskGroup[] = ['explicit', 'misspelt'];
/** Groups on which an urgent alert is a false alarm unless labelled urgent (target: under 2%). */
export const MUST_NOT_ALARM: readonly RiskGroup[] = ['ordinary', 'idiom'];
export const FALSE_ALARM_LIMIT = 0.02;

export interface RiskResult extends RiskCorpusEntry {
  got: RiskTier | null;
  categories: string[];
}

export interface RiskCorpusReport {
  results: RiskResult[];
  /** Entries labelled urgent in MUST_CATCH groups, and how many were raised urgent. */
  mustCatch: { total: number; caught: number };
  /** Entries not labelled urgent in MUST_NOT_ALARM groups, and how many were raised urgent. */
  falseAlarms: { total: number; alarms: number; rate: number };
}

/** Screen every corpus entry and measure the two targets. */
export function runRiskCorpus(corpus: readonly RiskCorpusEntry[], lexicon: RiskLexicon): RiskCorpusReport {
  const results = corpus.map((entry) => {
    const finding = screenMessage(entry.text, lexicon);
    return { ...entry, got: finding?.tier ?? null, categories: finding?.categories ?? [] };
  });
  const catchable = results.filter((r) => MUST_CATCH.includes(r.group) && r.label === 'urgent');
  const quiet = results.filter((r) => MUST_NOT_ALARM.includes(r.group) && r.label !== 'urgent');
  const alarms = quiet.filter((r) => r.got === 'urgent').length;
  return {
    results,
    mustCatch: { total: catchable.length, caught: catchable.filter((r) => r.got === 'urgent').length },
    falseAlarms: { total: quiet.length, alarms, rate: quiet.length === 0 ? 0 : alarms / quiet.length },
  };
}
