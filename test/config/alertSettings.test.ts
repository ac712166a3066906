import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { programmeProblems } from '../support/programmeProblems.js';

const demo = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
const withAlerts = (alerts: unknown) => ({ ...demo, alerts });

describe('alertSettingsSchema (programme.alerts)', () => {
  it("defaults to today's urgent escalation, same-day by the end of the working day, routine flagged the next working day", () => {
    expect(parseProgramme(demo, 'demo').alerts).to.deep.equal({
      ackTimeoutMinutes: 15,
      sameDay: { inHours: 'end-of-working-day', outOfHoursMinutes: 60 },
      routine: { flagAfterWorkingDays: 1 },
    });
  });

  it("takes each tier's own time and an out-of-hours contact", () => {
    const alerts = parseProgramme(
      withAlerts({
        ackTimeoutMinutes: 10,
        sameDay: { inHours: 240, outOfHoursMinutes: 30 },
        routine: { flagAfterWorkingDays: 2 },
        outOfHours: { id: 'night-line', name: 'Night line', phone: '+447700900150' },
      }),
      'test',
    ).alerts;
    expect(alerts).to.deep.include({ ackTimeoutMinutes: 10, sameDay: { inHours: 240, outOfHoursMinutes: 30 }, routine: { flagAfterWorkingDays: 2 } });
    expect(alerts.outOfHours).to.deep.equal({ id: 'night-line', name: 'Night line', phone: '+447700900150' });
  });

  it('lists every problem by its path, in words', () => {
    expect(
      programmeProblems(
        withAlerts({
          ackTimeoutMinutes: 'fifteen',
          sameDay: { inHours: 'end of day', outOfHoursMinutes: 1 },
          routine: { flagAfterWorkingDays: 0 },
          outOfHours: { id: 'Night Line', name: 'Night line', phone: '0161 496 0000' },
        }),
      ),
    ).to.deep.equal([
      'programme.alerts.ackTimeoutMinutes: expected a number of minutes (1-240)',
      'programme.alerts.sameDay.inHours: expected "end-of-working-day" or a whole number of minutes (5-600)',
      'programme.alerts.sameDay.outOfHoursMinutes: expected a number of minutes (5-720)',
      'programme.alerts.routine.flagAfterWorkingDays: expected a number of working days (1-5)',
      'programme.alerts.outOfHours.id: expected a lower-case id (a-z, 0-9, - or _)',
      'programme.alerts.outOfHours.phone: expected a phone number in international E.164 form, e.g. +447700900123',
    ]);
  });

  it("refuses a misspelt setting rather than ignoring it, and an out-of-hours contact with the lead's id", () => {
    expect(programmeProblems(withAlerts({ sameday: { inHours: 60 } }))).to.deep.equal(['programme.alerts: Unrecognized key: "sameday"']);
    expect(programmeProblems(withAlerts({ sameDay: { inHour: 60 } }))).to.deep.equal(['programme.alerts.sameDay: Unrecognized key: "inHour"']);
    expect(
      programmeProblems(
        withAlerts({ lead: { id: 'amy', name: 'Amy', phone: '+447700900151' }, outOfHours: { id: 'amy', name: 'Night line', phone: '+447700900150' } }),
      ),
    ).to.deep.equal(['programme.alerts.outOfHours.id: "amy" is the lead\'s id: give the out-of-hours contact an id of its own']);
  });
});
