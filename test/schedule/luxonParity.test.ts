import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { memoZone } from '../../bot/time/memoZone.js';
import { occurrences, type Occurrence } from '../../bot/schedule/occurrences.js';
import { planDue, type Decision } from '../../bot/schedule/planDue.js';
import { isQuiet, nextAllowed } from '../../bot/time/quietHours.js';
import { firstInstant, routineOccurrences } from '../../bot/schedule/routineOccurrences.js';
import { refFirstInstant, refIsQuiet, refNextAllowed, refOccurrences, refPlanDue, refRoutineOccurrences, refZone } from './luxonPlanner.js';
import { CADENCES, parityClients, parityLedger, parityProgramme, randomFrom, SPAN, transitions, ZONES } from './parityCases.js';

// The planner works on epoch milliseconds for speed; luxonPlanner.ts is the same planner written
// on luxon DateTimes. Every answer must be the same: keys are stored in a durable ledger.

const occurrenceLine = (o: Occurrence) => `${o.key} ${o.kind} ${o.item} ${o.due.toISO()} ${o.expiresAt.toISO()}`;
const decisionLine = (d: Decision) =>
  `${occurrenceLine(d.occurrence)} ${d.action}${d.action === 'send' ? '' : ` ${d.reason}`}${d.action === 'wait' ? ` ${d.until?.toISO() ?? 'null'}` : ''}`;

/** Instants every `stepMinutes` for `hours` either side of each of a zone's clock changes in 2026. */
function aroundChanges(zone: string, hours: number, stepMinutes: number): DateTime[] {
  return transitions(zone, DateTime.fromISO('2026-01-01T00:00:00Z'), DateTime.fromISO('2027-01-01T00:00:00Z')).flatMap((change) =>
    Array.from({ length: (2 * hours * 60) / stepMinutes }, (_, n) =>
      DateTime.fromMillis(change - hours * 3_600_000 + n * stepMinutes * 60_000, { zone: 'utc' }),
    ),
  );
}

describe('occurrences', () => {
  for (const zone of ZONES) {
    it(`gives the luxon planner's keys, due and expiry instants for two years in ${zone}, for every cadence and at times the clocks skip or repeat`, () => {
      const random = randomFrom(zone.length * 7919);
      for (const cadence of CADENCES) {
        const programme = parityProgramme(cadence);
        for (const client of parityClients(zone, 2, random)) {
          const fast = occurrences(programme, client, SPAN.from, SPAN.to).map(occurrenceLine);
          const slow = refOccurrences(programme, client, SPAN.from, SPAN.to).map(occurrenceLine);
          expect(fast, `${JSON.stringify(client)} ${JSON.stringify(cadence)}`).to.deep.equal(slow);
        }
      }
    });
  }

  it('names a check-in moved by the clocks going forward, and its reminders, by the time it went', () => {
    // Sunday 01:30 does not exist in London on 29 March 2026: the check-in goes at 02:30 and is
    // keyed so, and its reminders name it the same way (so they find it was sent).
    const programme = parityProgramme('weekly');
    const client = { id: 'c1', timezone: 'Europe/London', enrolledAt: '2026-03-01T12:00:00.000Z', preferredDay: 'sunday' as const };
    const found = occurrences(programme, client, DateTime.fromISO('2026-03-29T00:00:00Z'), DateTime.fromISO('2026-03-30T08:00:00Z'));
    expect(found.map((o) => `${o.key} ${o.due.toISO()}`)).to.deep.equal([
      'c1|routine|check-in|2026-03-29T02:30 2026-03-29T01:30:00.000Z',
      'c1|reminder|2026-03-29T02:30|2026-03-30T02:30 2026-03-30T01:30:00.000Z',
      'c1|reminder|2026-03-29T02:30|2026-03-30T08:30 2026-03-30T07:30:00.000Z',
    ]);
  });

  it("stops routine check-ins at the start of the programme's last day, even one due at midnight that day", () => {
    const programme = parseProgramme(
      {
        id: 'p',
        name: 'P',
        timezone: 'Europe/London',
        linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
        lengthWeeks: 2,
        ending: { noticeWeeksBefore: [1] },
        checkIn: { instruments: ['ucla3'], day: 'wednesday', time: '00:00' },
      },
      'test',
    );
    // Enrolled Wednesday 4 March 2026 09:00: the programme ends on Wednesday 18 March.
    const client = { id: 'c1', timezone: 'Europe/London', enrolledAt: '2026-03-04T09:00:00Z' };
    const from = DateTime.fromISO('2026-03-01T00:00:00Z');
    const to = DateTime.fromISO('2026-03-25T00:00:00Z');
    const routine = occurrences(programme, client, from, to)
      .filter((o) => o.kind === 'routine')
      .map((o) => o.key);
    expect(routine).to.deep.equal(['c1|routine|check-in|2026-03-11T00:00']);
    expect(occurrences(programme, client, from, to).map(occurrenceLine)).to.deep.equal(refOccurrences(programme, client, from, to).map(occurrenceLine));
  });
});

describe('routineOccurrences', () => {
  it("gives the luxon planner's keys and local times in every zone and cadence", () => {
    const random = randomFrom(17);
    for (const zone of ZONES) {
      for (const cadence of CADENCES) {
        const schedule = parityProgramme(cadence).checkIn;
        for (const client of parityClients(zone, 1, random)) {
          const line = (o: { key: string; due: DateTime; local: DateTime; expiresAt: DateTime }) =>
            `${o.key} ${o.due.toISO()} ${o.local.toISO()} ${o.expiresAt.toISO()}`;
          expect(routineOccurrences(schedule, client, SPAN.from, SPAN.to).map(line)).to.deep.equal(
            refRoutineOccurrences(schedule, client, SPAN.from, SPAN.to).map(line),
          );
        }
      }
    }
  });
});

describe('planDue', () => {
  for (const zone of ZONES) {
    it(`decides as the luxon planner does in ${zone}: around each clock change, and on random days over two years`, () => {
      const random = randomFrom(zone.length * 104_729);
      const instants = [
        // Steps shorter than the hour planDue works out ahead, so it also answers from what it kept.
        ...aroundChanges(zone, 18, 25),
        ...Array.from({ length: 16 }, () => DateTime.fromMillis(SPAN.from.toMillis() + Math.floor(random() * 820 * 96) * 15 * 60_000, { zone: 'utc' })),
      ];
      for (const cadence of CADENCES) {
        const programme = parityProgramme(cadence, random() < 0.5 ? { start: '21:00', end: '09:00' } : { start: '22:30', end: '02:30' });
        for (const client of parityClients(zone, 2, random)) {
          const ledger = parityLedger(refOccurrences(programme, client, SPAN.from, SPAN.to).map((o) => o.key));
          for (const now of instants) {
            const fast = planDue(programme, client, ledger, now).map(decisionLine);
            expect(fast, `${JSON.stringify(client)} ${JSON.stringify(cadence)} at ${now.toISO()}`).to.deep.equal(
              refPlanDue(programme, client, ledger, now).map(decisionLine),
            );
          }
        }
      }
    });
  }

  it('plans afresh when the client changes their time, day or zone, or the programme changes', () => {
    const programme = parityProgramme('weekly');
    const now = DateTime.fromISO('2026-11-23T10:00:00Z');
    const ledger = parityLedger([]);
    const client = {
      id: 'mover',
      timezone: 'Europe/London',
      enrolledAt: '2026-09-01T09:00:00Z',
      consentedAt: '2026-09-01T09:00:00Z',
      preferredDay: 'monday' as const,
      preferredTime: '10:00',
    };
    for (const changed of [
      client,
      { ...client, preferredTime: '09:30' },
      { ...client, preferredDay: 'sunday' as const },
      { ...client, timezone: 'Asia/Kolkata' },
      { ...client, enrolledAt: '2026-10-01T09:00:00Z' },
    ]) {
      for (const plan of [programme, parityProgramme('fortnightly')]) {
        expect(planDue(plan, changed, ledger, now).map(decisionLine)).to.deep.equal(refPlanDue(plan, changed, ledger, now).map(decisionLine));
      }
    }
  });
});

describe('nextAllowed', () => {
  const quiets = [
    { start: '21:00', end: '09:00' },
    { start: '22:30', end: '02:30' },
    { start: '00:30', end: '01:30' },
    { start: '01:45', end: '03:00' },
    { start: '13:00', end: '14:00' },
  ];
  for (const zone of ZONES) {
    it(`gives the luxon answer, and isQuiet too, every 20 minutes around ${zone}'s clock changes`, () => {
      const random = randomFrom(zone.length);
      const instants = [
        ...aroundChanges(zone, 30, 20),
        ...Array.from({ length: 100 }, () => DateTime.fromMillis(SPAN.from.toMillis() + Math.floor(random() * 820 * 1440) * 60_000 + 17_000)),
      ];
      for (const instant of instants) {
        const local = instant.setZone(memoZone(zone));
        const refLocal = instant.setZone(refZone(zone));
        for (const quiet of quiets) {
          expect(isQuiet(local, quiet), `${local.toISO()} ${JSON.stringify(quiet)}`).to.equal(refIsQuiet(refLocal, quiet));
          expect(nextAllowed(local, quiet).toISO(), `${local.toISO()} ${JSON.stringify(quiet)}`).to.equal(refNextAllowed(refLocal, quiet).toISO());
        }
      }
    });
  }
});

describe('firstInstant', () => {
  it('gives the first of a repeated wall time, as luxon worked it out, across every change', () => {
    for (const zone of ZONES) {
      for (const instant of aroundChanges(zone, 4, 5)) {
        expect(firstInstant(instant.setZone(memoZone(zone))).toISO()).to.equal(refFirstInstant(instant.setZone(refZone(zone))).toISO());
      }
    }
  });
});
