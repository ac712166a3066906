import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseProgramme, type Programme } from '../../bot/config/programmeSchema.js';
import { occurrences } from '../../bot/schedule/occurrences.js';
import type { ClientScheduleState, SkipReason } from '../../bot/schedule/planDue.js';
import { simulateSchedule } from '../../bot/schedule/simulateSchedule.js';

const ZONE = 'Europe/London';
// Enrolled Wednesday 4 March 2026, 14:00 London time, and agreed at once.
const ENROLLED = '2026-03-04T14:00:00.000Z';

function programme(extra: Record<string, unknown> = {}): Programme {
  return parseProgramme(
    { id: 'p', name: 'P', timezone: ZONE, linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }], checkIn: { instruments: ['ucla3'] }, ...extra },
    'test',
  );
}

interface Sent {
  key: string;
  kind: string;
  item: string;
  at: string;
}

/** The planner run every hour from `from` for `days`, as the dispatcher runs it. */
function simulate(options: {
  programme: Programme;
  days: number;
  from?: string;
  client?: (now: DateTime) => Partial<ClientScheduleState>;
  answer?: (key: string) => boolean;
  down?: Array<[string, string]>;
}) {
  const from = DateTime.fromISO(options.from ?? ENROLLED, { zone: 'utc' });
  const events = simulateSchedule({
    programme: options.programme,
    from,
    to: from.plus({ days: options.days }),
    client: (now) => ({ id: 'c1', timezone: ZONE, enrolledAt: ENROLLED, consentedAt: ENROLLED, ...options.client?.(now) }),
    answers: (o) => options.answer?.(o.key) ?? true,
    down: (now) => options.down?.some(([a, b]) => now >= DateTime.fromISO(a) && now < DateTime.fromISO(b)) ?? false,
  });
  const sent: Sent[] = events
    .filter((e) => e.outcome === 'sent')
    .map(({ occurrence: { key, kind, item }, at }) => ({ key, kind, item, at: at.setZone(ZONE).toFormat('yyyy-LL-dd ccc HH:mm') }));
  const skipped = new Map<string, SkipReason>(events.filter((e) => e.outcome === 'skipped').map((e) => [e.occurrence.key, e.reason!]));
  return { sent, skipped };
}

describe('planDue', () => {
  it('sends weekly check-ins on Monday at 10:00 local and the baseline at enrolment, each exactly once, never in quiet hours', () => {
    const { sent } = simulate({ programme: programme(), days: 28 });
    expect(sent.map((s) => `${s.kind} ${s.item} ${s.at}`)).to.deep.equal([
      'wave baseline 2026-03-04 Wed 14:00',
      'routine check-in 2026-03-09 Mon 10:00',
      'routine check-in 2026-03-16 Mon 10:00',
      'routine check-in 2026-03-23 Mon 10:00',
      'routine check-in 2026-03-30 Mon 10:00',
    ]);
    expect(new Set(sent.map((s) => s.key)).size).to.equal(sent.length);
  });

  it('holds a check-in due in quiet hours until they end, inside its window', () => {
    const { sent } = simulate({ programme: programme({ checkIn: { instruments: ['ucla3'], time: '22:30' } }), days: 9 });
    expect(sent.filter((s) => s.kind === 'routine').map((s) => s.at)).to.deep.equal(['2026-03-10 Tue 09:00']);
  });

  it('reminds once, a day later, only when a check-in was not answered', () => {
    const { sent, skipped } = simulate({ programme: programme(), days: 14, answer: (key) => !key.includes('2026-03-09') });
    expect(sent.filter((s) => s.kind === 'reminder').map((s) => s.at)).to.deep.equal(['2026-03-10 Tue 10:00']);
    expect(skipped.get('c1|reminder|2026-03-16T10:00|2026-03-17T10:00')).to.equal('check-in-answered');
  });

  it('reminds of a check-in the clocks going forward moved (01:30 that Sunday is 02:30)', () => {
    const { sent } = simulate({
      programme: programme({ quietHours: { start: '04:00', end: '05:00' }, checkIn: { instruments: ['ucla3'], day: 'sunday', time: '01:30' } }),
      from: '2026-03-25T12:00:00Z',
      days: 6,
      answer: () => false,
    });
    expect(sent.map((s) => `${s.kind} ${s.at}`)).to.deep.equal(['routine 2026-03-29 Sun 02:30', 'reminder 2026-03-30 Mon 02:30']);
  });

  it('sends nothing while paused, and what is still open when the pause ends goes then', () => {
    const pausedUntil = '2026-03-24T08:00:00.000Z'; // Tuesday, inside the 23 March check-in's window
    const { sent, skipped } = simulate({ programme: programme(), days: 28, client: () => ({ pausedUntil }) });
    expect(sent.filter((s) => s.kind === 'routine').map((s) => s.at)).to.deep.equal(['2026-03-24 Tue 09:00', '2026-03-30 Mon 10:00']);
    // The baseline and two check-ins closed during the pause.
    expect([...skipped].filter(([, r]) => r === 'paused').map(([key]) => key)).to.deep.equal([
      'c1|wave|baseline|2026-03-04T14:00',
      'c1|routine|check-in|2026-03-09T10:00',
      'c1|routine|check-in|2026-03-16T10:00',
    ]);
  });

  it('sends nothing after an opt-out, recording why', () => {
    const { sent, skipped } = simulate({
      programme: programme(),
      days: 21,
      client: (now) => (now >= DateTime.fromISO('2026-03-12T00:00:00Z') ? { optedOutAt: '2026-03-12T00:00:00Z' } : {}),
    });
    expect(sent.map((s) => s.at)).to.deep.equal(['2026-03-04 Wed 14:00', '2026-03-09 Mon 10:00']);
    expect([...skipped].filter(([key]) => key > 'c1|routine|check-in|2026-03-12').map(([, reason]) => reason)).to.deep.equal(['opted-out', 'opted-out']);
  });

  it('waits for consent, and sends the baseline once the client agrees inside its window', () => {
    const agreed = '2026-03-06T12:00:00.000Z';
    const { sent } = simulate({ programme: programme(), days: 6, client: (now) => ({ consentedAt: now >= DateTime.fromISO(agreed) ? agreed : undefined }) });
    expect(sent.map((s) => `${s.item} ${s.at}`)).to.deep.equal(['baseline 2026-03-06 Fri 12:00', 'check-in 2026-03-09 Mon 10:00']);
  });

  it('after downtime, sends what is still open and records the rest as missed, not a burst', () => {
    const { sent, skipped } = simulate({ programme: programme(), days: 21, down: [['2026-03-08T00:00:00Z', '2026-03-19T12:00:00Z']] });
    expect(sent.filter((s) => s.kind === 'routine').map((s) => s.at)).to.deep.equal(['2026-03-23 Mon 10:00']);
    expect(skipped.get('c1|routine|check-in|2026-03-16T10:00')).to.equal('window-passed');
  });

  it('applies the weekly cap: what comes first in the week goes, and a wave beats a check-in due with it', () => {
    // Week 8 falls on Wednesday 29 April at 10:00; with a cap of 1 that week's Monday check-in goes first.
    const { sent, skipped } = simulate({ programme: programme({ weeklyCap: 1 }), from: '2026-04-26T00:00:00Z', days: 5 });
    expect(sent.map((s) => `${s.kind} ${s.item} ${s.at}`)).to.deep.equal(['routine check-in 2026-04-27 Mon 10:00']);
    expect(skipped.get('c1|wave|week-8|2026-04-29T10:00')).to.equal('weekly-cap');
    const together = simulate({
      programme: programme({ weeklyCap: 1, checkIn: { instruments: ['ucla3'], day: 'wednesday' } }),
      from: '2026-04-26T00:00:00Z',
      days: 5,
    });
    expect(together.sent.map((s) => `${s.kind} ${s.item}`)).to.deep.equal(['wave week-8']);
    expect(together.skipped.get('c1|routine|check-in|2026-04-29T10:00')).to.equal('weekly-cap');
  });

  it('plans the ending: notices 4 and 2 weeks before, a goodbye, monthly follow-ups until month 18, and the waves', () => {
    const client = { id: 'c1', timezone: ZONE, enrolledAt: ENROLLED };
    const all = occurrences(programme(), client, DateTime.fromISO(ENROLLED), DateTime.fromISO('2027-12-31T00:00:00Z'));
    const fixed = all.filter((o) => o.kind === 'ending' || o.kind === 'wave').map((o) => `${o.item} ${o.due.setZone(ZONE).toFormat('yyyy-LL-dd HH:mm')}`);
    expect(fixed.slice(0, 6)).to.have.members([
      'baseline 2026-03-04 14:00',
      'week-8 2026-04-29 10:00',
      'notice-4w 2026-04-29 10:00',
      'notice-2w 2026-05-13 10:00',
      'goodbye 2026-05-27 10:00',
      'programme-end 2026-05-27 10:00',
    ]);
    expect(fixed.filter((f) => f.startsWith('follow-up'))).to.have.length(15);
    expect(fixed.at(-1)).to.equal('month-18 2027-09-04 10:00');
    // Twelve weekly check-ins, then none: the programme has ended.
    expect(all.filter((o) => o.kind === 'routine')).to.have.length(12);
  });
});
