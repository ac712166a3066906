import { expect } from 'chai';
import { DialogTestClient } from 'botbuilder-testing';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { checkInInstruments, parseProgramme } from '../../bot/config/programmeSchema.js';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { wordingSchema } from '../../dialogs/wording/wording.js';
import { describeActivity } from '../support/describeActivity.js';
import { RecordingHistory } from '../support/recordingHistory.js';
import { programmeProblems } from '../support/programmeProblems.js';

const base = {
  id: 'p',
  name: 'P',
  timezone: 'Europe/London',
  linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
  checkIn: { instruments: ['ucla3', 'ons-loneliness'] },
};

describe('programme instrument lines', () => {
  it("says the programme's own intro and thank-you around a built-in instrument, its items unchanged", async () => {
    const programme = parseProgramme(
      { ...base, instrumentLines: { ucla3: { intro: 'Three short ones about company.', thanks: 'Thanks, that helps us a lot.' } } },
      'test',
    );
    const dialog = new CheckInDialog({
      instruments: checkInInstruments(programme),
      wording: wordingSchema.parse({}),
      history: new RecordingHistory(),
      clock: new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z')),
    });
    const client = new DialogTestClient('sms', dialog, { clientId: 'c1', clientName: 'Jean', linkWorkerName: 'Sam', programmeName: 'P' });
    const replies = async (text: string) => {
      const all = [describeActivity(await client.sendActivity(text))];
      for (let next = client.getNextReply(); next; next = client.getNextReply()) all.push(describeActivity(next));
      return all.join('\n');
    };
    expect(await replies('go')).to.match(/Three short ones about company\.\nHow often do you feel that you lack companionship\?/);
    await replies('1');
    await replies('1');
    expect(await replies('1')).to.match(/^Thanks, that helps us a lot\.\nHow often do you feel lonely\?/);
  });

  it('refuses lines for an instrument the programme does not know, and anything but intro and thanks', () => {
    expect(programmeProblems({ ...base, instrumentLines: { swemwbs: { intro: 'Hello' } } })).to.include(
      'programme.instrumentLines.swemwbs: unknown instrument "swemwbs"; known: ucla3, ons-loneliness, ons4, k6, gss-health, groups, link-worker-relationship, group-belonging',
    );
    expect(programmeProblems({ ...base, instrumentLines: { ucla3: { items: [] } } }).join('\n')).to.match(/programme\.instrumentLines\.ucla3: .*items/);
  });
});
