import { scoreTriggers, type CheckInOutcome } from '../../../dialogs/safety/scoreTriggers.js';
import type { ScoreTriggerConfig } from '../../../dialogs/safety/scoreTriggerConfig.js';
import type { ClientHistoryRepository, ScheduleLedgerRepository } from '../../../storage/ports.js';
import type { CheckInRecord, CheckInSummaryRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { AlertService } from './alertService.js';

/**
 * After a check-in closes (answered, stopped or missed): raise what its scores, or its being
 * missed, call for (K6, loneliness often in a row, UCLA-3 up from baseline, gone quiet). The
 * client's earlier check-ins are not read from their history each time: the ledger keeps the
 * baseline and the last few, summarised, which is all the triggers look back on. Only the months
 * the closed check-in can be in are read.
 */
export function scoreAlerts(deps: {
  history: Pick<ClientHistoryRepository, 'history'>;
  ledger: Pick<ScheduleLedgerRepository, 'read' | 'setRiskHistory'>;
  alerts: Pick<AlertService, 'raise'>;
  config: ScoreTriggerConfig;
  clock: Clock;
}) {
  const { config } = deps;
  // Long enough to see where a run of the longest configured length began.
  const keep = Math.max(config.onsLoneliness.inARow, config.goneQuiet.missedInARow) * 2 + 2;
  return async (clientId: string, checkInId: string): Promise<void> => {
    // A check-in closes at most a wave's window (four weeks) after it started: this month or the last.
    const now = deps.clock.now().toUTC();
    const months = [now.minus({ months: 1 }), now].map((m) => m.toFormat('yyyy-LL'));
    const latest = summary(await deps.history.history(clientId, months), checkInId);
    if (!latest) return;
    const kept = (await deps.ledger.read(clientId)).riskHistory ?? { recent: [] };
    const earlier = kept.recent.filter((c) => c.checkInId !== latest.checkInId);
    const baseline =
      kept.baseline && !earlier.some((c) => c.checkInId === kept.baseline!.checkInId) && kept.baseline.checkInId !== latest.checkInId ? [kept.baseline] : [];
    const outcomes: CheckInOutcome[] = [...baseline, ...earlier, latest];
    await deps.ledger.setRiskHistory(clientId, {
      baseline: latest.waveId === config.uclaRise.baselineWaveId ? latest : kept.baseline,
      recent: [...earlier, latest].slice(-keep),
    });
    for (const trigger of scoreTriggers(outcomes, config)) {
      await deps.alerts.raise({
        clientId,
        tier: trigger.tier,
        categories: [trigger.category],
        trigger: { kind: 'score', reason: trigger.reason, checkInId: trigger.checkInId },
      });
    }
  };
}

function summary(history: Awaited<ReturnType<ClientHistoryRepository['history']>>, checkInId: string): CheckInSummaryRecord | undefined {
  const c = history.checkIns.find((checkIn) => checkIn.id === checkInId);
  if (!c) return undefined;
  return {
    checkInId: c.id,
    kind: c.kind,
    status: c.status,
    ...(c.endedAt ? { endedAt: c.endedAt } : {}),
    waveId: waveIdOf(c),
    scores: history.scores
      .filter((s) => s.checkInId === c.id)
      .map((s) => ({ instrumentId: s.instrumentId, score: s.score, ...(s.flags ? { flags: s.flags } : {}) })),
    responses: history.responses
      .filter((r) => r.checkInId === c.id)
      .map((r) => ({ instrumentId: r.instrumentId, itemId: r.itemId, optionId: r.optionId, value: r.value })),
  };
}

/** The id of the wave a check-in was started for (its occurrence key is `client|wave|<wave id>|<local time>`); undefined for any other check-in. */
export function waveIdOf(checkIn: Pick<CheckInRecord, 'kind' | 'occurrenceKey'>): string | undefined {
  return checkIn.kind === 'wave' ? checkIn.occurrenceKey?.split('|')[2] : undefined;
}
