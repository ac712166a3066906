import type { ClientHistoryRepository, ClientRepository } from '../../storage/ports.js';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import { scheduleStateOf } from '../schedule/scheduleState.js';
import { scoreTriggers, type CheckInOutcome } from '../../dialogs/safety/scoreTriggers.js';
import type { ScoreTriggerConfig } from '../../dialogs/safety/scoreTriggerConfig.js';
import type { AlertService } from './alertService.js';

/**
 * After a check-in closes (answered, stopped or missed): raise what its scores, or its being
 * missed, call for (K6, loneliness often twice, UCLA-3 up from baseline, gone quiet), judged on the
 * client's check-ins up to and including it.
 */
export function scoreAlerts(deps: {
  history: Pick<ClientHistoryRepository, 'history'>;
  clients: Pick<ClientRepository, 'get'>;
  alerts: Pick<AlertService, 'raise'>;
  config: ScoreTriggerConfig;
  clock: Clock;
}) {
  return async (clientId: string, checkInId: string): Promise<void> => {
    const client = await deps.clients.get(clientId);
    if (!client) return;
    // Every trigger looks back a few weeks, but for the baseline, taken in the month the programme began:
    // read those months only, not a client's whole history on every check-in.
    const now = deps.clock.now();
    const enrolled = DateTime.fromISO(scheduleStateOf(client).enrolledAt, { zone: 'utc' });
    const months = [...new Set([enrolled, enrolled.plus({ months: 1 }), ...[2, 1, 0].map((n) => now.minus({ months: n }))].map((m) => m.toFormat('yyyy-LL')))];
    const history = await deps.history.history(clientId, months);
    const upTo = history.checkIns.findIndex((c) => c.id === checkInId);
    if (upTo < 0) return;
    const outcomes: CheckInOutcome[] = history.checkIns.slice(0, upTo + 1).map((c) => ({
      checkInId: c.id,
      kind: c.kind,
      status: c.status,
      ...(c.endedAt ? { endedAt: c.endedAt } : {}),
      waveId: c.kind === 'wave' ? c.occurrenceKey?.split('|')[2] : undefined,
      scores: history.scores.filter((s) => s.checkInId === c.id).map((s) => ({ instrumentId: s.instrumentId, score: s.score, ...(s.flags ? { flags: s.flags } : {}) })),
      responses: history.responses
        .filter((r) => r.checkInId === c.id)
        .map((r) => ({ instrumentId: r.instrumentId, itemId: r.itemId, optionId: r.optionId, value: r.value })),
    }));
    for (const trigger of scoreTriggers(outcomes, deps.config)) {
      await deps.alerts.raise({
        clientId,
        tier: trigger.tier,
        categories: [trigger.category],
        trigger: { kind: 'score', reason: trigger.reason, checkInId: trigger.checkInId },
      });
    }
  };
}
