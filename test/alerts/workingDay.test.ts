import { expect } from 'chai';
import { DateTime } from 'luxon';
import { isWorkingTime, nextWorkingStart, whenStaffSee, workingDayEnd, workingDaysAfter } from '../../bot/care/alerts/workingDay.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';

const programme = parseProgramme(
  {
    id: 'p',
    name: 'P',
    timezone: 'Europe/London',
    linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
    checkIn: { instruments: ['ucla3'] },
  },
  'test',
);
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toUTC();
const local = (at: DateTime | undefined) => at?.setZone('Europe/London').toFormat('ccc d LLL HH:mm');

describe('isWorkingTime', () => {
  it("reads working hours on the programme's clock, across the clocks changing", () => {
    expect(isWorkingTime(programme, london('2026-03-30T08:59'))).to.equal(false);
    expect(isWorkingTime(programme, london('2026-03-30T09:00'))).to.equal(true);
    expect(isWorkingTime(programme, london('2026-03-28T12:00'))).to.equal(false);
    expect(local(nextWorkingStart(programme, london('2026-03-27T18:00')))).to.equal('Mon 30 Mar 09:00');
  });
});

describe('workingDayEnd and workingDaysAfter', () => {
  it('ends the working day at its end time, and has no end out of hours', () => {
    expect(local(workingDayEnd(programme, london('2026-12-01T09:00')))).to.equal('Tue 1 Dec 17:00');
    expect(workingDayEnd(programme, london('2026-12-01T17:00'))).to.equal(undefined);
    expect(workingDayEnd(programme, london('2026-12-05T12:00'))).to.equal(undefined);
  });

  it('counts working days, over a weekend', () => {
    expect(local(workingDaysAfter(programme, london('2026-12-03T12:00'), 1))).to.equal('Fri 4 Dec 09:00');
    expect(local(workingDaysAfter(programme, london('2026-12-03T12:00'), 2))).to.equal('Mon 7 Dec 09:00');
    expect(local(workingDaysAfter(programme, london('2026-12-05T12:00'), 1))).to.equal('Mon 7 Dec 09:00');
  });
});

describe('whenStaffSee', () => {
  // Working hours Monday to Friday 09:00-17:00, London. 1 December 2026 is a Tuesday.
  const cases: Array<[string, string, string]> = [
    ['in working hours', '2026-12-01T11:00', 'today'],
    ['early on a working day, before anyone is in', '2026-12-01T06:30', 'today'],
    ['in the last half hour of the working day', '2026-12-01T16:40', 'tomorrow'],
    ['in the evening', '2026-12-01T21:00', 'tomorrow'],
    ['after midnight, before the working day', '2026-12-02T00:30', 'today'],
    ['on Friday evening', '2026-12-04T18:00', 'on Monday'],
    ['on Saturday', '2026-12-05T10:00', 'on Monday'],
    ['on Sunday evening', '2026-12-06T20:00', 'tomorrow'],
    ['on Friday at 16:45', '2026-12-04T16:45', 'on Monday'],
  ];
  for (const [when, at, expected] of cases) {
    it(`says "${expected}" for a message ${when}`, () => {
      expect(whenStaffSee(programme, london(at))).to.equal(expected);
    });
  }

  it('names the date when the next working day is a week or more away', () => {
    const mondays = parseProgramme({ ...programme, workingHours: { days: ['monday'] } }, 'test');
    expect(whenStaffSee(mondays, london('2026-12-07T18:00'))).to.equal('on Monday 14 December');
    expect(whenStaffSee(mondays, london('2026-12-09T12:00'))).to.equal('on Monday');
  });

  it("reads the day in the programme's zone, not the server's", () => {
    const sydney = parseProgramme({ ...programme, timezone: 'Australia/Sydney' }, 'test');
    // 23:00 UTC on Thursday is 10:00 on Friday in Sydney.
    expect(whenStaffSee(sydney, DateTime.fromISO('2026-12-03T23:00:00Z'))).to.equal('today');
    expect(whenStaffSee(sydney, DateTime.fromISO('2026-12-04T08:00:00Z'))).to.equal('on Monday');
  });
});
