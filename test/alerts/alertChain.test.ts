import { expect } from 'chai';
import { DateTime } from 'luxon';
import { alertRoute, isWorkingTime, nextWorkingStart } from '../../bot/alerts/alertChain.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import type { ClientRecord } from '../../storage/records.js';

const programme = parseProgramme(
  {
    id: 'p',
    name: 'P',
    timezone: 'Europe/London',
    linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
    dutyContacts: [{ id: 'duty', name: 'Duty', phone: '+447700900199' }],
    checkIn: { instruments: ['ucla3'] },
    alerts: { lead: { id: 'lead', name: 'Lead', phone: '+447700900198' } },
  },
  'test',
);
const client = { id: 'c1', linkWorkerId: 'sam' } as ClientRecord;
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toUTC();
const roles = (route: ReturnType<typeof alertRoute>) => route.chain.map((c) => c.id);

describe('alertRoute', () => {
  it('in working hours: link worker, then duty, then lead; urgent escalates, others do not', () => {
    const now = london('2026-12-01T16:59');
    expect(roles(alertRoute(programme, client, 'urgent', now))).to.deep.equal(['sam', 'duty', 'lead']);
    expect(alertRoute(programme, client, 'urgent', now).escalates).to.equal(true);
    expect(alertRoute(programme, client, 'same-day', now).escalates).to.equal(false);
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
    expect(routine.notifyAt.setZone('Europe/London').toFormat('ccc d LLL HH:mm')).to.equal('Mon 7 Dec 09:00');
  });

  it('for a number that is not enrolled, starts with the duty contact', () => {
    expect(roles(alertRoute(programme, null, 'urgent', london('2026-12-01T11:00')))).to.deep.equal(['duty', 'lead']);
  });

  it("reads working hours on the programme's clock, across the clocks changing", () => {
    expect(isWorkingTime(programme, london('2026-03-30T08:59'))).to.equal(false);
    expect(isWorkingTime(programme, london('2026-03-30T09:00'))).to.equal(true);
    expect(isWorkingTime(programme, london('2026-03-28T12:00'))).to.equal(false);
    expect(nextWorkingStart(programme, london('2026-03-27T18:00')).setZone('Europe/London').toFormat('ccc HH:mm')).to.equal('Mon 09:00');
  });
});
