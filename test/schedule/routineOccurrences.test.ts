import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseProgramme, type Programme } from '../../bot/config/programmeSchema.js';
import { routineOccurrences, type ScheduleClient } from '../../bot/schedule/routineOccurrences.js';

const base = {
  id: 'p',
  name: 'P',
  timezone: 'Europe/London',
  linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
};

function schedule(checkIn: Record<string, unknown> = {}): Programme['checkIn'] {
  return parseProgramme({ ...base, checkIn: { instruments: ['ucla3'], ...checkIn } }, 'test').checkIn;
}

function client(timezone: string, enrolledAt: string, extra: Partial<ScheduleClient> = {}): ScheduleClient {
  return { id: 'c1', timezone, enrolledAt, ...extra };
}

/** Local date-times ("2026-03-30 Mon 10:00 +01:00") of the occurrences in a range. */
function plan(checkIn: Record<string, unknown>, who: ScheduleClient, from: string, to: string): string[] {
  return routineOccurrences(schedule(checkIn), who, DateTime.fromISO(from, { zone: 'utc' }), DateTime.fromISO(to, { zone: 'utc' })).map((o) =>
    o.local.toFormat('yyyy-LL-dd ccc HH:mm ZZ'),
  );
}

describe('routineOccurrences', () => {
  describe('keeps local time across daylight-saving changes', () => {
    const cases: Array<[string, string, Record<string, unknown>, string, string, string[]]> = [
      // Europe/London: clocks go forward 29 March 2026 01:00 -> 02:00, back 25 October 02:00 -> 01:00.
      [
        'London, spring',
        'Europe/London',
        {},
        '2026-03-16T00:00:00Z',
        '2026-04-07T00:00:00Z',
        ['2026-03-16 Mon 10:00 +00:00', '2026-03-23 Mon 10:00 +00:00', '2026-03-30 Mon 10:00 +01:00', '2026-04-06 Mon 10:00 +01:00'],
      ],
      [
        'London, autumn',
        'Europe/London',
        {},
        '2026-10-19T00:00:00Z',
        '2026-11-03T00:00:00Z',
        ['2026-10-19 Mon 10:00 +01:00', '2026-10-26 Mon 10:00 +00:00', '2026-11-02 Mon 10:00 +00:00'],
      ],
      // A time that does not exist (01:30 on the Sunday clocks go forward) moves forward by the gap.
      [
        'London, missing hour',
        'Europe/London',
        { day: 'sunday', time: '01:30' },
        '2026-03-21T00:00:00Z',
        '2026-04-06T00:00:00Z',
        ['2026-03-22 Sun 01:30 +00:00', '2026-03-29 Sun 02:30 +01:00', '2026-04-05 Sun 01:30 +01:00'],
      ],
      // A time that happens twice (01:30 on the Sunday clocks go back) happens once, the first time.
      [
        'London, repeated hour',
        'Europe/London',
        { day: 'sunday', time: '01:30' },
        '2026-10-18T00:00:00Z',
        '2026-11-02T00:00:00Z',
        ['2026-10-18 Sun 01:30 +01:00', '2026-10-25 Sun 01:30 +01:00', '2026-11-01 Sun 01:30 +00:00'],
      ],
      // America/New_York: forward 8 March 2026 02:00 -> 03:00, back 1 November 02:00 -> 01:00.
      [
        'New York, spring',
        'America/New_York',
        {},
        '2026-03-02T00:00:00Z',
        '2026-03-17T00:00:00Z',
        ['2026-03-02 Mon 10:00 -05:00', '2026-03-09 Mon 10:00 -04:00', '2026-03-16 Mon 10:00 -04:00'],
      ],
      [
        'New York, missing hour',
        'America/New_York',
        { day: 'sunday', time: '02:15' },
        '2026-03-01T00:00:00Z',
        '2026-03-16T00:00:00Z',
        ['2026-03-01 Sun 02:15 -05:00', '2026-03-08 Sun 03:15 -04:00', '2026-03-15 Sun 02:15 -04:00'],
      ],
      [
        'New York, repeated hour',
        'America/New_York',
        { day: 'sunday', time: '01:30' },
        '2026-10-25T00:00:00Z',
        '2026-11-09T00:00:00Z',
        ['2026-10-25 Sun 01:30 -04:00', '2026-11-01 Sun 01:30 -04:00', '2026-11-08 Sun 01:30 -05:00'],
      ],
      // Australia/Brisbane keeps +10:00 all year, while Sydney changes on the same dates.
      [
        'Brisbane, no change',
        'Australia/Brisbane',
        {},
        '2026-03-29T00:00:00Z',
        '2026-04-14T00:00:00Z',
        ['2026-03-30 Mon 10:00 +10:00', '2026-04-06 Mon 10:00 +10:00', '2026-04-13 Mon 10:00 +10:00'],
      ],
      [
        'Brisbane, October',
        'Australia/Brisbane',
        {},
        '2026-09-27T00:00:00Z',
        '2026-10-13T00:00:00Z',
        ['2026-09-28 Mon 10:00 +10:00', '2026-10-05 Mon 10:00 +10:00', '2026-10-12 Mon 10:00 +10:00'],
      ],
    ];
    for (const [name, zone, checkIn, from, to, expected] of cases) {
      it(name, () => {
        expect(plan(checkIn, client(zone, '2026-01-01T00:00:00Z'), from, to)).to.deep.equal(expected);
      });
    }
  });

  it('gives each occurrence a stable key, the same on every re-plan and in any window that holds it', () => {
    const who = client('Europe/London', '2026-01-01T00:00:00Z');
    const wide = routineOccurrences(schedule(), who, DateTime.fromISO('2026-03-01T00:00:00Z'), DateTime.fromISO('2026-05-01T00:00:00Z'));
    const narrow = routineOccurrences(schedule(), who, DateTime.fromISO('2026-03-30T09:00:00Z'), DateTime.fromISO('2026-03-30T09:00:01Z'));
    expect(narrow.map((o) => o.key)).to.deep.equal(['c1|routine|2026-03-30T10:00']);
    expect(wide.map((o) => o.key)).to.include(narrow[0]!.key);
    expect(new Set(wide.map((o) => o.key)).size).to.equal(wide.length);
  });

  it('starts after enrolment, and closes each check-in when its window ends', () => {
    const who = client('Europe/London', '2026-03-30T10:30:00+01:00');
    const [first] = routineOccurrences(schedule({ windowHours: 36 }), who, DateTime.fromISO('2026-03-01T00:00:00Z'), DateTime.fromISO('2026-05-01T00:00:00Z'));
    expect(first!.local.toISO()).to.equal('2026-04-06T10:00:00.000+01:00');
    expect(first!.expiresAt.toISO()).to.equal('2026-04-07T21:00:00.000Z');
  });

  it("follows each cadence, and a client's own day and time", () => {
    const who = client('Europe/London', '2026-04-29T12:00:00Z');
    const may = ['2026-05-01T00:00:00Z', '2026-06-30T00:00:00Z'] as const;
    expect(plan({ cadence: 'fortnightly', day: 'friday' }, who, ...may).map((s) => s.slice(0, 10))).to.deep.equal([
      '2026-05-08',
      '2026-05-22',
      '2026-06-05',
      '2026-06-19',
    ]);
    expect(plan({ cadence: 'monthly', day: 'tuesday', time: '14:00' }, who, ...may)).to.deep.equal([
      '2026-05-05 Tue 14:00 +01:00',
      '2026-06-02 Tue 14:00 +01:00',
    ]);
    expect(
      plan({ cadence: { weekdays: ['monday', 'thursday'] } }, who, '2026-05-01T00:00:00Z', '2026-05-12T00:00:00Z').map((s) => s.slice(0, 14)),
    ).to.deep.equal(['2026-05-04 Mon', '2026-05-07 Thu', '2026-05-11 Mon']);
    expect(plan({}, { ...who, preferredDay: 'wednesday', preferredTime: '18:30' }, '2026-05-01T00:00:00Z', '2026-05-14T00:00:00Z')).to.deep.equal([
      '2026-05-06 Wed 18:30 +01:00',
      '2026-05-13 Wed 18:30 +01:00',
    ]);
  });

  it("plans eighteen months of weekly check-ins in the client's zone, one a week, every one on Monday at 10:00 local", () => {
    // Enrolled on Monday 5 January 2026 at 10:00 New York time: the first is the Monday after.
    const who = client('America/New_York', '2026-01-05T15:00:00Z');
    const all = routineOccurrences(schedule(), who, DateTime.fromISO('2026-01-01T00:00:00Z'), DateTime.fromISO('2027-07-05T00:00:00Z'));
    expect(all[0]!.local.toISODate()).to.equal('2026-01-12');
    expect(all.at(-1)!.local.toISODate()).to.equal('2027-06-28');
    expect(all).to.have.length(77);
    expect(all.every((o) => o.local.weekday === 1 && o.local.hour === 10 && o.local.minute === 0)).to.equal(true);
  });
});
