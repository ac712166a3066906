import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ackDeadline, alertRoute, isFlagged, missingDeadline } from '../../bot/care/alerts/alertChain.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import type { AlertRecord, ClientRecord } from '../../storage/records.js';

const base = {
  id: 'p',
  name: 'P',
  timezone: 'Europe/London',
  linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
  dutyContacts: [{ id: 'duty', name: 'Duty', phone: '+447700900199' }],
  checkIn: { instruments: ['ucla3'] },
};
const programme = parseProgramme({ ...base, alerts: { lead: { id: 'lead', name: 'Lead', phone: '+447700900198' } } }, 'test');
const withOutOfHours = parseProgramme(
  { ...base, alerts: { lead: { id: 'lead', name: 'Lead', phone: '+447700900198' }, outOfHours: { id: 'ooh', name: 'Night line', phone: '+447700900197' } } },
  'test',
);
const client = { id: 'c1', linkWorkerId: 'sam' } as ClientRecord;
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toUTC();
const local = (at: DateTime | undefined) => at?.setZone('Europe/London').toFormat('ccc d LLL HH:mm');
const roles = (route: ReturnType<typeof alertRoute>) => route.chain.map((c) => c.id);
const SAM = { role: 'link-worker' as const, id: 'sam', name: 'Sam' };
const DUTY = { role: 'duty' as const, id: 'duty', name: 'Duty' };
const LEAD = { role: 'lead' as const, id: 'lead', name: 'Lead' };

describe('alertRoute', () => {
  it('in working hours: link worker, then duty, then lead; urgent and same-day move on, routine is flagged instead', () => {
    const now = london('2026-12-01T16:59');
    expect(roles(alertRoute(programme, client, 'urgent', now))).to.deep.equal(['sam', 'duty', 'lead']);
    expect(alertRoute(programme, client, 'urgent', now).escalates).to.equal(true);
    expect(alertRoute(programme, client, 'same-day', now).escalates).to.equal(true);
    expect(alertRoute(programme, client, 'routine', now).escalates).to.equal(false);
    expect(alertRoute(programme, client, 'routine', now).notifyAt.toISO()).to.equal(now.toISO());
  });

  it('out of hours: urgent and same-day go to duty first with the link worker told; routine waits for the morning', () => {
    const friday = london('2026-12-04T17:00');
    const urgent = alertRoute(programme, client, 'urgent', friday);
    expect(roles(urgent)).to.deep.equal(['duty', 'lead']);
    expect(urgent.fyi.map((c) => c.id)).to.deep.equal(['sam']);
    expect(roles(alertRoute(programme, client, 'same-day', friday))).to.deep.equal(['duty', 'lead']);
    const routine = alertRoute(programme, client, 'routine', friday);
    expect(roles(routine)).to.deep.equal(['sam', 'duty', 'lead']);
    expect(local(routine.notifyAt)).to.equal('Mon 7 Dec 09:00');
  });

  it("out of hours: a same-day alert goes to the programme's out-of-hours contact first, urgent ones still to duty", () => {
    const night = london('2026-12-01T22:30');
    const sameDay = alertRoute(withOutOfHours, client, 'same-day', night);
    expect(roles(sameDay)).to.deep.equal(['ooh', 'duty', 'lead']);
    expect(sameDay.chain[0]).to.deep.equal({ role: 'duty', id: 'ooh', name: 'Night line' });
    expect(sameDay.fyi.map((c) => c.id)).to.deep.equal(['sam']);
    expect(roles(alertRoute(withOutOfHours, client, 'urgent', night))).to.deep.equal(['duty', 'lead']);
    expect(roles(alertRoute(withOutOfHours, client, 'same-day', london('2026-12-01T11:00')))).to.deep.equal(['sam', 'duty', 'lead']);
  });

  it('for a number that is not enrolled, starts with the duty contact', () => {
    expect(roles(alertRoute(programme, null, 'urgent', london('2026-12-01T11:00')))).to.deep.equal(['duty', 'lead']);
  });
});

describe('ackDeadline', () => {
  const chain = [SAM, DUTY, LEAD];
  const cases: Array<[string, AlertRecord['tier'], number, string, string | undefined]> = [
    ['urgent, link worker told in hours: 15 minutes', 'urgent', 0, '2026-12-01T11:00', 'Tue 1 Dec 11:15'],
    ['urgent, duty told at night: 15 minutes', 'urgent', 1, '2026-12-01T23:50', 'Wed 2 Dec 00:05'],
    ['urgent, the lead: nobody further', 'urgent', 2, '2026-12-01T11:00', undefined],
    ['same-day, link worker told in the morning: the end of that working day', 'same-day', 0, '2026-12-01T09:30', 'Tue 1 Dec 17:00'],
    ['same-day, link worker told at 16:59: still the end of that working day', 'same-day', 0, '2026-12-01T16:59', 'Tue 1 Dec 17:00'],
    ['same-day, duty told when the working day ended: an hour', 'same-day', 1, '2026-12-01T17:00', 'Tue 1 Dec 18:00'],
    ['same-day, duty told in hours (the text to the link worker failed): the end of the day', 'same-day', 1, '2026-12-01T11:00', 'Tue 1 Dec 17:00'],
    ['same-day, told on a Saturday: an hour', 'same-day', 0, '2026-12-05T12:00', 'Sat 5 Dec 13:00'],
    ['same-day, the lead: nobody further', 'same-day', 2, '2026-12-01T18:00', undefined],
    ['routine, told Tuesday: flagged Wednesday morning', 'routine', 0, '2026-12-01T11:00', 'Wed 2 Dec 09:00'],
    ['routine, told Friday: flagged Monday morning', 'routine', 0, '2026-12-04T16:30', 'Mon 7 Dec 09:00'],
    ['routine, told at the start of Monday: flagged Tuesday', 'routine', 0, '2026-12-07T09:00', 'Tue 8 Dec 09:00'],
    ['routine, even with the lead', 'routine', 2, '2026-12-01T11:00', 'Wed 2 Dec 09:00'],
  ];
  for (const [what, tier, step, told, expected] of cases) {
    it(what, () => {
      expect(local(ackDeadline(programme, { tier, chain }, step, london(told)))).to.equal(expected);
    });
  }

  it("follows the programme's own times for each tier", () => {
    const own = parseProgramme(
      { ...base, alerts: { ackTimeoutMinutes: 5, sameDay: { inHours: 120, outOfHoursMinutes: 30 }, routine: { flagAfterWorkingDays: 2 } } },
      'test',
    );
    expect(local(ackDeadline(own, { tier: 'urgent', chain }, 0, london('2026-12-01T11:00')))).to.equal('Tue 1 Dec 11:05');
    expect(local(ackDeadline(own, { tier: 'same-day', chain }, 0, london('2026-12-01T11:00')))).to.equal('Tue 1 Dec 13:00');
    expect(local(ackDeadline(own, { tier: 'same-day', chain }, 0, london('2026-12-01T20:00')))).to.equal('Tue 1 Dec 20:30');
    expect(local(ackDeadline(own, { tier: 'routine', chain }, 0, london('2026-12-03T11:00')))).to.equal('Mon 7 Dec 09:00');
  });
});

describe('missingDeadline', () => {
  const alert = (extra: Partial<AlertRecord>): AlertRecord => ({
    id: 'a',
    code: 'ACDE',
    clientId: 'c1',
    tier: 'same-day',
    categories: [],
    trigger: { kind: 'message', messageId: 'm', channel: 'sms' },
    state: 'open',
    createdAt: london('2026-12-01T10:00').toISO()!,
    chain: [SAM, DUTY, LEAD],
    step: 0,
    notifications: [{ at: london('2026-12-01T10:00').toISO()!, to: SAM, channel: 'sms', status: 'delivered', attempts: 1 }],
    escalations: [],
    ...extra,
  });

  it('gives an alert kept without a deadline the one its tier has now, from when its current person was told', () => {
    expect(local(missingDeadline(programme, alert({})))).to.equal('Tue 1 Dec 17:00');
    expect(local(missingDeadline(programme, alert({ tier: 'routine' })))).to.equal('Wed 2 Dec 09:00');
  });

  it('leaves alone urgent alerts, alerts with a deadline or waiting to be told, flags, and alerts with nobody further to go to', () => {
    expect(missingDeadline(programme, alert({ tier: 'urgent' }))).to.equal(undefined);
    expect(missingDeadline(programme, alert({ escalateAt: '2026-12-01T17:00:00Z' }))).to.equal(undefined);
    expect(missingDeadline(programme, alert({ tier: 'routine', notifyAt: '2026-12-02T09:00:00Z' }))).to.equal(undefined);
    expect(missingDeadline(programme, alert({ state: 'acknowledged' }))).to.equal(undefined);
    expect(missingDeadline(programme, alert({ step: 2 }))).to.equal(undefined);
    const flagged = alert({ tier: 'routine', escalations: [{ at: '2026-12-02T09:00:00Z', to: SAM, reason: 'not-acknowledged' }] });
    expect(isFlagged(flagged)).to.equal(true);
    expect(missingDeadline(programme, flagged)).to.equal(undefined);
  });
});

describe('isFlagged', () => {
  it('is a routine alert still open that nobody acknowledged in time; a text that failed is no flag', () => {
    const escalation = (reason: 'not-acknowledged' | 'undeliverable') => [{ at: '2026-12-02T09:00:00Z', to: SAM, reason }];
    expect(isFlagged({ tier: 'routine', state: 'open', escalations: escalation('not-acknowledged') })).to.equal(true);
    expect(isFlagged({ tier: 'routine', state: 'open', escalations: escalation('undeliverable') })).to.equal(false);
    expect(isFlagged({ tier: 'routine', state: 'acknowledged', escalations: escalation('not-acknowledged') })).to.equal(false);
    expect(isFlagged({ tier: 'same-day', state: 'open', escalations: escalation('not-acknowledged') })).to.equal(false);
  });
});
