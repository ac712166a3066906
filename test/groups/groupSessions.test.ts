import { expect } from 'chai';
import { DateTime } from 'luxon';
import { groupSessions } from '../../bot/care/groups/groupSessions.js';
import { group } from './groupFixtures.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** Local starts ("2026-03-25 Wed 10:00 +00:00") of a group's sessions in [from, to). */
function starts(overrides: Record<string, unknown>, zone: string, from: string, to: string): string[] {
  return groupSessions(group(overrides), zone, utc(from), utc(to)).map((s) => s.start.toFormat('yyyy-LL-dd ccc HH:mm ZZ'));
}

const weekly = (day: string, time: string) => ({ schedule: { kind: 'weekly', day, time } });
const monthly = (week: number | 'last', day: string, time = '10:30') => ({ schedule: { kind: 'monthly', week, day, time } });

describe('groupSessions', () => {
  const cases: Array<[string, Record<string, unknown>, string, string, string, string[]]> = [
    [
      'a weekly group keeps 10:00 as London springs forward',
      weekly('wednesday', '10:00'),
      'Europe/London',
      '2026-03-16',
      '2026-04-09',
      ['2026-03-18 Wed 10:00 +00:00', '2026-03-25 Wed 10:00 +00:00', '2026-04-01 Wed 10:00 +01:00', '2026-04-08 Wed 10:00 +01:00'],
    ],
    [
      'a weekly group keeps 10:00 as London falls back',
      weekly('wednesday', '10:00'),
      'Europe/London',
      '2026-10-19',
      '2026-11-05',
      ['2026-10-21 Wed 10:00 +01:00', '2026-10-28 Wed 10:00 +00:00', '2026-11-04 Wed 10:00 +00:00'],
    ],
    [
      'a Sunday 01:30 London session moves to 02:30 when the clocks skip it, and happens once when they repeat it',
      weekly('sunday', '01:30'),
      'Europe/London',
      '2026-03-21',
      '2026-04-06',
      ['2026-03-22 Sun 01:30 +00:00', '2026-03-29 Sun 02:30 +01:00', '2026-04-05 Sun 01:30 +01:00'],
    ],
    [
      'a repeated 01:30 in London is the first one',
      weekly('sunday', '01:30'),
      'Europe/London',
      '2026-10-24',
      '2026-11-02',
      ['2026-10-25 Sun 01:30 +01:00', '2026-11-01 Sun 01:30 +00:00'],
    ],
    [
      'a weekly New York group keeps 18:00 across both changes',
      weekly('monday', '18:00'),
      'America/New_York',
      '2026-03-01',
      '2026-03-17',
      ['2026-03-02 Mon 18:00 -05:00', '2026-03-09 Mon 18:00 -04:00', '2026-03-16 Mon 18:00 -04:00'],
    ],
    [
      'a weekly New York group keeps 18:00 in November',
      weekly('monday', '18:00'),
      'America/New_York',
      '2026-10-25',
      '2026-11-10',
      ['2026-10-26 Mon 18:00 -04:00', '2026-11-02 Mon 18:00 -05:00', '2026-11-09 Mon 18:00 -05:00'],
    ],
    [
      'New York gap and repeat: 02:30 moves to 03:30, 01:30 happens once',
      { schedule: { kind: 'dates', sessions: ['2026-03-08T02:30', '2026-11-01T01:30'] } },
      'America/New_York',
      '2026-03-01',
      '2026-11-30',
      ['2026-03-08 Sun 03:30 -04:00', '2026-11-01 Sun 01:30 -04:00'],
    ],
    [
      'a fortnightly group meets every other week from its first session',
      { schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-01-08' } },
      'Europe/London',
      '2025-12-01',
      '2026-02-20',
      ['2026-01-08 Thu 14:00 +00:00', '2026-01-22 Thu 14:00 +00:00', '2026-02-05 Thu 14:00 +00:00', '2026-02-19 Thu 14:00 +00:00'],
    ],
    [
      'a fortnightly group keeps its fortnights when asked from an off week, across a change',
      { schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-01-08' } },
      'Europe/London',
      '2026-03-13',
      '2026-04-17',
      ['2026-03-19 Thu 14:00 +00:00', '2026-04-02 Thu 14:00 +01:00', '2026-04-16 Thu 14:00 +01:00'],
    ],
    [
      'a first-Thursday group meets on the first Thursday of each month',
      monthly(1, 'thursday'),
      'Europe/London',
      '2026-01-01',
      '2026-05-01',
      ['2026-01-01 Thu 10:30 +00:00', '2026-02-05 Thu 10:30 +00:00', '2026-03-05 Thu 10:30 +00:00', '2026-04-02 Thu 10:30 +01:00'],
    ],
    [
      'a second-Tuesday group',
      monthly(2, 'tuesday'),
      'Europe/London',
      '2026-01-01',
      '2026-04-01',
      ['2026-01-13 Tue 10:30 +00:00', '2026-02-10 Tue 10:30 +00:00', '2026-03-10 Tue 10:30 +00:00'],
    ],
    [
      'a last-Friday group takes the fifth Friday in a month that has one',
      monthly('last', 'friday', '19:00'),
      'Europe/London',
      '2026-01-01',
      '2026-06-01',
      [
        '2026-01-30 Fri 19:00 +00:00',
        '2026-02-27 Fri 19:00 +00:00',
        '2026-03-27 Fri 19:00 +00:00',
        '2026-04-24 Fri 19:00 +01:00',
        '2026-05-29 Fri 19:00 +01:00',
      ],
    ],
    [
      'a fourth-Friday group is not the last in a month with five',
      monthly(4, 'friday', '19:00'),
      'Europe/London',
      '2026-01-01',
      '2026-06-01',
      [
        '2026-01-23 Fri 19:00 +00:00',
        '2026-02-27 Fri 19:00 +00:00',
        '2026-03-27 Fri 19:00 +00:00',
        '2026-04-24 Fri 19:00 +01:00',
        '2026-05-22 Fri 19:00 +01:00',
      ],
    ],
    [
      'a last-Sunday group at 01:30 in London on the day the clocks change',
      monthly('last', 'sunday', '01:30'),
      'Europe/London',
      '2026-03-01',
      '2026-11-01',
      [
        '2026-03-29 Sun 02:30 +01:00',
        '2026-04-26 Sun 01:30 +01:00',
        '2026-05-31 Sun 01:30 +01:00',
        '2026-06-28 Sun 01:30 +01:00',
        '2026-07-26 Sun 01:30 +01:00',
        '2026-08-30 Sun 01:30 +01:00',
        '2026-09-27 Sun 01:30 +01:00',
        '2026-10-25 Sun 01:30 +01:00',
      ],
    ],
    [
      'one-off dates, in time order, only those in range',
      { schedule: { kind: 'dates', sessions: ['2026-12-17T14:00', '2026-12-03T10:00', '2027-01-07T10:00', '2026-11-05T10:00'] } },
      'Europe/London',
      '2026-12-01',
      '2027-01-01',
      ['2026-12-03 Thu 10:00 +00:00', '2026-12-17 Thu 14:00 +00:00'],
    ],
    [
      'nothing after the end date',
      { ...weekly('wednesday', '10:00'), endDate: '2026-12-16' },
      'Europe/London',
      '2026-12-01',
      '2027-01-01',
      ['2026-12-02 Wed 10:00 +00:00', '2026-12-09 Wed 10:00 +00:00', '2026-12-16 Wed 10:00 +00:00'],
    ],
    [
      'nothing before the start date',
      { ...weekly('wednesday', '10:00'), startDate: '2026-12-09' },
      'Europe/London',
      '2026-12-01',
      '2026-12-20',
      ['2026-12-09 Wed 10:00 +00:00', '2026-12-16 Wed 10:00 +00:00'],
    ],
    [
      'no session on a cancelled date',
      { ...weekly('wednesday', '10:00'), cancelled: ['2026-12-23', '2026-12-30'] },
      'Europe/London',
      '2026-12-01',
      '2027-01-08',
      ['2026-12-02 Wed 10:00 +00:00', '2026-12-09 Wed 10:00 +00:00', '2026-12-16 Wed 10:00 +00:00', '2027-01-06 Wed 10:00 +00:00'],
    ],
    [
      'no first-Thursday session on a cancelled first Thursday',
      { ...monthly(1, 'thursday'), cancelled: ['2027-01-07'] },
      'Europe/London',
      '2026-12-01',
      '2027-03-01',
      ['2026-12-03 Thu 10:30 +00:00', '2027-02-04 Thu 10:30 +00:00'],
    ],
    [
      'no one-off session on a cancelled date',
      { schedule: { kind: 'dates', sessions: ['2026-12-03T10:00', '2026-12-17T10:00'] }, cancelled: ['2026-12-03'] },
      'Europe/London',
      '2026-12-01',
      '2027-01-01',
      ['2026-12-17 Thu 10:00 +00:00'],
    ],
    ['no sessions while paused', { ...weekly('wednesday', '10:00'), status: 'paused' }, 'Europe/London', '2026-12-01', '2027-01-01', []],
    ['no sessions once closed', { ...weekly('wednesday', '10:00'), status: 'closed' }, 'Europe/London', '2026-12-01', '2027-01-01', []],
    [
      'a full group still meets',
      { ...weekly('wednesday', '10:00'), status: 'full' },
      'Europe/London',
      '2026-12-01',
      '2026-12-10',
      ['2026-12-02 Wed 10:00 +00:00', '2026-12-09 Wed 10:00 +00:00'],
    ],
    [
      "the group's own zone over the programme's",
      { ...weekly('wednesday', '10:00'), timezone: 'America/New_York' },
      'Europe/London',
      '2026-12-01',
      '2026-12-10',
      ['2026-12-02 Wed 10:00 -05:00', '2026-12-09 Wed 10:00 -05:00'],
    ],
    ['nothing in an empty range', weekly('wednesday', '10:00'), 'Europe/London', '2026-12-10', '2026-12-10', []],
    ['nothing in a backwards range', weekly('wednesday', '10:00'), 'Europe/London', '2026-12-10', '2026-12-01', []],
  ];
  for (const [what, overrides, zone, from, to, expected] of cases) {
    it(what, () => {
      expect(starts(overrides, zone, from, to)).to.deep.equal(expected);
    });
  }

  it('counts a session starting at `from` and not one starting at `to`', () => {
    const g = group(weekly('wednesday', '10:00'));
    const sessions = groupSessions(g, 'Europe/London', utc('2026-12-02T10:00'), utc('2026-12-09T10:00'));
    expect(sessions.map((s) => s.key)).to.deep.equal(['walk|2026-12-02T10:00']);
  });

  it('gives stable keys in local time, the scheduled time even when the clocks skip it', () => {
    const g = group(weekly('sunday', '01:30'));
    const keys = (from: string) => groupSessions(g, 'Europe/London', utc(from), utc('2026-04-06')).map((s) => s.key);
    expect(keys('2026-03-21')).to.deep.equal(['walk|2026-03-22T01:30', 'walk|2026-03-29T01:30', 'walk|2026-04-05T01:30']);
    expect(keys('2026-03-28')).to.deep.equal(['walk|2026-03-29T01:30', 'walk|2026-04-05T01:30']);
  });

  it('ends each session its duration later, in real time across a change', () => {
    const [session] = groupSessions(group({ ...weekly('sunday', '00:30'), durationMinutes: 120 }), 'Europe/London', utc('2026-03-28'), utc('2026-03-30'));
    expect(session!.start.toISO()).to.equal('2026-03-29T00:30:00.000+00:00');
    expect(session!.end.toISO()).to.equal('2026-03-29T03:30:00.000+01:00');
    expect(session!.start.zoneName).to.equal('Europe/London');
  });

  it('finds twelve first-Thursday sessions and 52 Wednesdays in 2026', () => {
    const year = (overrides: Record<string, unknown>) => groupSessions(group(overrides), 'Europe/London', utc('2026-01-01'), utc('2027-01-01')).length;
    expect(year(monthly(1, 'thursday'))).to.equal(12);
    expect(year(weekly('wednesday', '10:00'))).to.equal(52);
  });
});
