import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { AlertService } from '../../bot/care/alerts/alertService.js';
import { ManualClock } from '../../bot/time/clock.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import type { Logger } from '../../bot/platform/logger.js';
import { LowdbAlerts } from '../../storage/lowdb/lowdbAlerts.js';
import type { AlertRepository } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';

const SAM = '+447700900101';
const DUTY = '+447700900199';
const programme = parseProgramme(
  {
    id: 'p',
    name: 'P',
    timezone: 'Europe/London',
    linkWorkers: [{ id: 'sam', name: 'Sam', phone: SAM }],
    dutyContacts: [{ id: 'duty', name: 'Duty', phone: DUTY }],
    checkIn: { instruments: ['ucla3'] },
  },
  'test',
);
const METHODS = ['add', 'get', 'byCode', 'update', 'find', 'recentlyResolved', 'due', 'soonestDue', 'list', 'remove'] as const;

/** `base` with some of its methods replaced (to count or fail calls). */
function around(base: AlertRepository, replaced: Partial<AlertRepository>): AlertRepository {
  return { ...(Object.fromEntries(METHODS.map((m) => [m, base[m].bind(base)])) as unknown as AlertRepository), ...replaced };
}

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
// Tuesday 1 December 2026, 11:00 in London: working hours; urgent alerts wait 15 minutes for an ACK.
const START = DateTime.fromISO('2026-12-01T11:00:00Z', { zone: 'utc' });

describe('AlertService', () => {
  let dir: string;
  let clock: ManualClock;
  let alerts: AlertRepository;
  let listed: number;
  let sent: Array<{ to: string; body: string }>;
  let services: AlertService[];
  const clients = new Map<string, ClientRecord>();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-alert-service-'));
    clock = new ManualClock(START);
    listed = 0;
    sent = [];
    services = [];
    clients.set('c1', {
      id: 'c1',
      programmeId: 'p',
      name: 'Margaret Ellis',
      phone: '+447700900777',
      timezone: 'Europe/London',
      linkWorkerId: 'sam',
      channel: 'sms',
      createdAt: START.toISO()!,
    });
    // Reading every alert is what this service must never need: counted, so a test can say so.
    const lowdb = new LowdbAlerts(join(dir, 'alerts'));
    alerts = around(lowdb, {
      list: () => {
        listed += 1;
        return lowdb.list();
      },
    });
  });

  afterEach(async () => {
    await Promise.all(services.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** An instance of the service on the shared store (as on PostgreSQL: it looks at the store every minute). */
  async function instance(repository: AlertRepository = alerts, shared = true): Promise<AlertService> {
    const service = new AlertService({
      alerts: repository,
      clients: {
        get: async (id) => clients.get(id),
        update: async (id, change) => {
          const client = clients.get(id);
          if (client) clients.set(id, change(client));
          return clients.get(id);
        },
      },
      programme,
      staffSms: { send: async (to, body) => String(sent.push({ to, body })) },
      alertLink: (id) => `https://linkwell.example/staff/alerts/${id}`,
      clock,
      log: silent,
      shared,
    });
    services.push(service);
    await service.start();
    return service;
  }

  async function advance(minutes: number): Promise<Array<{ to: string; body: string }>> {
    clock.advance({ minutes });
    await Promise.all(services.map((s) => s.idle()));
    return sent.splice(0);
  }

  const raise = (service: AlertService) =>
    service.raise({ clientId: 'c1', tier: 'urgent', categories: ['suicide'], trigger: { kind: 'message', messageId: 'SM1', channel: 'sms' } });

  it('never reads every alert: starting, raising, escalating, acknowledging and resolving ask the store by index', async () => {
    const service = await instance();
    const { alert } = await raise(service);
    expect(sent.splice(0).map((m) => m.to)).to.deep.equal([SAM]);
    expect((await advance(15)).map((m) => m.to)).to.deep.equal([DUTY]);
    expect(await service.acknowledge(alert.code.toLowerCase(), { id: 'duty', via: 'sms' })).to.deep.include({ ok: true });
    await service.resolve(alert.id, 'Dana Duty', 'Called; safe.');
    await instance();
    expect(listed).to.equal(0);
  });

  it('stops escalating on every instance once any instance has the ACK', async () => {
    const first = await instance();
    const second = await instance();
    const { alert } = await raise(first);
    sent.splice(0);
    expect(await second.acknowledge(alert.code, { id: 'sam', via: 'sms' })).to.deep.include({ ok: true });
    expect(await advance(30)).to.deep.equal([]);
    expect(await alerts.get(alert.id)).to.deep.include({ state: 'acknowledged', step: 0 });
  });

  it('escalates once, from another instance, an alert whose instance stopped before it fell due', async () => {
    const first = await instance();
    await instance();
    await raise(first);
    sent.splice(0);
    await first.stop();
    expect(await advance(14)).to.deep.equal([]);
    expect((await advance(1)).map((m) => m.to)).to.deep.equal([DUTY]);
    expect(await advance(60), 'the lead is not in this chain: nobody further').to.deep.equal([]);
  });

  it("answers an ACK of a resolved alert's code that it is closed", async () => {
    const service = await instance();
    const { alert } = await raise(service);
    await service.resolve(alert.id, 'Sam', 'Spoke to them; safe.');
    expect(await service.acknowledge(alert.code, { id: 'sam', via: 'sms' })).to.deep.equal({ ok: false, reason: 'resolved' });
    expect(await service.acknowledge('ZZZZ', { id: 'sam', via: 'sms' })).to.deep.equal({ ok: false, reason: 'not_found' });
  });

  it('acts again a minute later, not at once and again, on an alert it could not act on when due', async () => {
    let failing = false;
    let looks = 0;
    const flaky = around(alerts, {
      due: (now: string, limit: number) => {
        looks += 1;
        return alerts.due(now, limit);
      },
      update: (id: string, change: Parameters<AlertRepository['update']>[1]) =>
        failing ? Promise.reject(new Error('connection lost')) : alerts.update(id, change),
    });
    const service = await instance(flaky, false);
    await raise(service);
    sent.splice(0);
    failing = true;
    looks = 0;
    expect(await advance(15)).to.deep.equal([]);
    // Past any look it would take again sooner than a minute (at once, in a loop, included).
    clock.advance({ seconds: 59 });
    await service.idle();
    expect(looks, 'one look, not a loop').to.equal(1);
    failing = false;
    expect((await advance(1)).map((m) => m.to)).to.deep.equal([DUTY]);
  });

  it('gives a new alert a code no other alert has, as the store says', async () => {
    const tried: string[] = [];
    const refusing = around(alerts, {
      add: async (alert: Parameters<AlertRepository['add']>[0]) => {
        tried.push(alert.code);
        return tried.length < 3 ? { ok: false as const, reason: 'code_taken' as const } : alerts.add(alert);
      },
    });
    const { alert } = await raise(await instance(refusing));
    expect(tried).to.have.length(3);
    expect(alert.code).to.equal(tried[2]);
    expect((await alerts.byCode(alert.code))?.id).to.equal(alert.id);
  });
});
