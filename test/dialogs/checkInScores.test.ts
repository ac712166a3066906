import { expect } from 'chai';
import { DialogTestClient } from 'botbuilder-testing';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { instrumentSchema } from '../../dialogs/instruments/instrumentSchema.js';
import { wordingSchema } from '../../dialogs/wording/wording.js';
import { RecordingHistory } from '../support/recordingHistory.js';
import { fixtureMetric, wellbeingSeven } from './instrumentFixtures.js';

const who = { clientId: 'client-1', clientName: 'Jean', linkWorkerName: 'Sam', programmeName: 'Demo Programme' };

/** Run a whole check-in by SMS, replying with each of `says` in turn, then "no" to the open question. */
async function checkIn(instrumentIds: string[], says: string[]): Promise<RecordingHistory> {
  const history = new RecordingHistory();
  const library = new Map([...builtinInstruments, ['wellbeing-7', instrumentSchema.parse(wellbeingSeven)]]);
  const dialog = new CheckInDialog({
    instruments: instrumentIds.map((id) => library.get(id)!),
    wording: wordingSchema.parse({}),
    history,
    clock: new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z')),
  });
  const client = new DialogTestClient('sms', dialog, who);
  for (const text of ['start', ...says, 'no']) await client.sendActivity(text);
  expect(history.checkIns[0], 'the check-in ran to its end').to.include({ status: 'completed' });
  return history;
}

const scoresOf = (history: RecordingHistory) =>
  history.scores.map(({ checkInId, computedAt, instrumentVersion, ...score }) => {
    expect(checkInId).to.equal(history.checkIns[0]!.id);
    return score;
  });

describe('CheckInDialog scores', () => {
  it('stores the K6 total with its distress flag, and each ONS4 answer with its band', async () => {
    const history = await checkIn(['k6', 'ons4'], ['5', 'all of the time', '5', '5', '5', '5', '0', '5', '7', '10']);
    expect(scoresOf(history)).to.deep.equal([
      { instrumentId: 'k6', score: 24, complete: true, band: null, flags: ['probable serious psychological distress'] },
      {
        instrumentId: 'ons4',
        score: null,
        complete: true,
        band: null,
        flags: [],
        itemBands: { life_satisfaction: 'low', worthwhile: 'medium', happiness: 'high', anxiety: 'high' },
      },
    ]);
  });

  it('stores no K6 total, and no flag, when one item was skipped', async () => {
    const history = await checkIn(['k6'], ['5', '5', 'skip', '5', '5', '5']);
    expect(scoresOf(history)).to.deep.equal([{ instrumentId: 'k6', score: null, complete: false, band: null, flags: [] }]);
  });

  it("stores a programme instrument's converted score with its raw total, band and flag", async () => {
    // Items 2 and 5 are reverse-coded: answering 1 to all seven counts 5 × 1 + 2 × 5 = 15.
    const history = await checkIn(['wellbeing-7'], ['1', '1', '1', '1', '1', '1', '1']);
    expect(scoresOf(history)).to.deep.equal([
      { instrumentId: 'wellbeing-7', score: fixtureMetric(15), rawScore: 15, complete: true, band: 'low', flags: ['low wellbeing'] },
    ]);
  });

  it('stores the UCLA-3 band, and nothing for questions reported item by item', async () => {
    const history = await checkIn(['ucla3', 'ons-loneliness', 'gss-health', 'groups'], ['2', '2', '3', '1', '2', '3']);
    expect(scoresOf(history)).to.deep.equal([{ instrumentId: 'ucla3', score: 7, complete: true, band: 'lonely', flags: [] }]);
  });
});
