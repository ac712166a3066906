import { expect } from 'chai';
import { formatIssues } from '../../bot/platform/formatIssues.js';
import { groupSchema } from '../../bot/config/groupSchema.js';
import { groupInput } from './groupFixtures.js';

/** Every problem with a group, one line each, as an admin sees them. */
function problems(overrides: Record<string, unknown>): string[] {
  const result = groupSchema.safeParse(groupInput(overrides));
  return result.success ? [] : formatIssues(result.error.issues, 'group');
}

describe('groupSchema', () => {
  it('accepts a full group and fills in the defaults', () => {
    const group = groupSchema.parse(
      groupInput({
        timezone: 'Europe/London',
        startDate: '2026-01-07',
        endDate: '2026-12-30',
        accessibility: 'Step-free access, hearing loop',
        transport: 'Bus 42 stops outside',
        contact: { name: 'Jean', phone: '+441132000000', email: 'jean@example.org' },
        status: 'full',
      }),
    );
    expect(group.status).to.equal('full');
    expect(groupSchema.parse(groupInput())).to.include({ status: 'running' });
    expect(groupSchema.parse(groupInput()).cancelled).to.deep.equal([]);
  });

  const valid: Array<[string, Record<string, unknown>]> = [
    ['fortnightly from a first session on its day', { schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-01-08' } }],
    ['monthly on the first Thursday', { schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '10:30' } }],
    ['monthly on the last Friday', { schedule: { kind: 'monthly', week: 'last', day: 'friday', time: '19:00' } }],
    ['one-off dates', { schedule: { kind: 'dates', sessions: ['2026-12-03T10:00', '2026-12-17T10:00'] } }],
    ['a cancelled session day', { cancelled: ['2026-12-23', '2026-12-30'] }],
    ['a cancelled first Thursday', { schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '10:30' }, cancelled: ['2027-01-07'] }],
    ['a cancelled one-off date', { schedule: { kind: 'dates', sessions: ['2026-12-03T10:00'] }, cancelled: ['2026-12-03'] }],
    ['the same start and end date', { startDate: '2026-12-02', endDate: '2026-12-02' }],
    ['29 February in a leap year', { lastVerified: '2028-02-29' }],
  ];
  for (const [what, overrides] of valid) {
    it(`accepts ${what}`, () => {
      expect(problems(overrides)).to.deep.equal([]);
    });
  }

  const invalid: Array<[string, Record<string, unknown>, string[]]> = [
    ['a time of 25:00', { schedule: { kind: 'weekly', day: 'wednesday', time: '25:00' } }, ['group.schedule.time: expected HH:mm, got 25:00']],
    ['a date that does not exist', { lastVerified: '2026-02-30' }, ['group.lastVerified: expected a date as yyyy-MM-dd, got 2026-02-30']],
    ['a date written another way', { startDate: '03/12/2026' }, ['group.startDate: expected a date as yyyy-MM-dd, got 03/12/2026']],
    ['an end before the start', { startDate: '2026-12-02', endDate: '2026-11-25' }, ['group.endDate: 2026-11-25 is before the start date 2026-12-02']],
    ['a cancelled date that is not a session day', { cancelled: ['2026-12-24'] }, ['group.cancelled[0]: 2026-12-24 is not a session day of this group']],
    [
      'a cancelled date after the end date',
      { endDate: '2026-12-16', cancelled: ['2026-12-23'] },
      ['group.cancelled[0]: 2026-12-23 is not a session day of this group'],
    ],
    ['a cancelled date listed twice', { cancelled: ['2026-12-23', '2026-12-23'] }, ['group.cancelled[1]: 2026-12-23 is listed twice']],
    [
      'a cancelled second Thursday of a first-Thursday group',
      { schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '10:30' }, cancelled: ['2027-01-14'] },
      ['group.cancelled[0]: 2027-01-14 is not a session day of this group'],
    ],
    [
      'a cancelled off-week of a fortnightly group',
      { schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-01-08' }, cancelled: ['2026-01-15'] },
      ['group.cancelled[0]: 2026-01-15 is not a session day of this group'],
    ],
    [
      'a fortnightly first session on another weekday',
      { schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-01-07' } },
      ['group.schedule.from: 2026-01-07 is not a thursday: give the date of a first thursday session'],
    ],
    [
      'a fifth week of the month',
      { schedule: { kind: 'monthly', week: 5, day: 'friday', time: '19:00' } },
      ['group.schedule.week: expected 1, 2, 3, 4 or "last"'],
    ],
    [
      'a one-off session without a time',
      { schedule: { kind: 'dates', sessions: ['2026-12-03'] } },
      ['group.schedule.sessions[0]: expected a date and time as yyyy-MM-ddTHH:mm, got 2026-12-03'],
    ],
    ['no one-off sessions', { schedule: { kind: 'dates', sessions: [] } }, ['group.schedule.sessions: give at least one session']],
    [
      'a one-off session listed twice',
      { schedule: { kind: 'dates', sessions: ['2026-12-03T10:00', '2026-12-03T10:00'] } },
      ['group.schedule.sessions[1]: 2026-12-03T10:00 is listed twice'],
    ],
    [
      'a one-off session after the end date',
      { endDate: '2026-12-10', schedule: { kind: 'dates', sessions: ['2026-12-03T10:00', '2026-12-17T10:00'] } },
      ['group.schedule.sessions[1]: 2026-12-17T10:00 is outside the start and end dates'],
    ],
    ['a status it cannot have', { status: 'open' }, ['group.status: Invalid option: expected one of "running"|"full"|"paused"|"closed"']],
    ['an id with capitals', { id: 'Walk' }, ['group.id: expected a lower-case id (a-z, 0-9, - or _)']],
    ['a zone that is not one', { timezone: 'Europe/Leeds' }, ['group.timezone: expected an IANA time zone, e.g. Europe/London']],
    [
      'a contact phone as dialled locally',
      { contact: { name: 'Jean', phone: '0113 200 0000' } },
      ['group.contact.phone: expected a phone number in international E.164 form, e.g. +447700900123'],
    ],
    ['a mistyped key', { endDat: '2026-12-30' }, ['group: Unrecognized key: "endDat"']],
    ['a blank venue address', { venue: { name: 'Library', address: ' ' } }, ['group.venue.address: must not be empty']],
  ];
  for (const [what, overrides, expected] of invalid) {
    it(`rejects ${what}, by path`, () => {
      expect(problems(overrides)).to.deep.equal(expected);
    });
  }

  it('lists every field problem at once', () => {
    const found = problems({ name: '', durationMinutes: 0, cost: undefined, lastVerified: 'yesterday', schedule: { kind: 'weekly', day: 'wed', time: '9am' } });
    expect(found.map((line) => line.split(':')[0])).to.deep.equal([
      'group.name',
      'group.schedule.day',
      'group.schedule.time',
      'group.durationMinutes',
      'group.cost',
      'group.lastVerified',
    ]);
  });
});
