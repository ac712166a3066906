import { expect } from 'chai';
import type { AlertRepository, PrivacyAudit } from '../../storage/ports.js';
import type { AlertRecord } from '../../storage/records.js';

export interface AlertsAndAuditUnderTest {
  alerts: AlertRepository;
  audit: PrivacyAudit;
  /** The same stores opened again (a restart). */
  reopen: () => Promise<{ alerts: AlertRepository; audit: PrivacyAudit }>;
  /** The alerts as another instance sharing the store sees them (the same object where one process holds the store). */
  other?: AlertRepository;
  cleanup?: () => Promise<void>;
}

/** An open urgent alert about client-a, with a code of its own. */
export const alert = (id: string, overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  // A code of its own: no two alerts kept share one.
  code: `K${id.slice(-3)}`,
  clientId: 'client-a',
  tier: 'urgent',
  categories: ['suicide'],
  trigger: { kind: 'message', messageId: `msg-${id}`, channel: 'sms' },
  state: 'open',
  createdAt: '2026-03-02T10:00:00.000Z',
  chain: [],
  step: 0,
  notifications: [],
  escalations: [],
  ...overrides,
});

const ids = (alerts: readonly AlertRecord[]) => alerts.map((a) => a.id);
const webhook = (status: 'failed' | 'delivered', retryAt?: string): AlertRecord['notifications'][number] => ({
  at: '2026-03-02T10:00:00.000Z',
  to: { role: 'webhook', id: 'webhook', name: 'programme webhook' },
  channel: 'webhook',
  status,
  attempts: 1,
  ...(retryAt ? { retryAt } : {}),
});

/**
 * The alert store's and the privacy audit's contracts on every backend. Atomic promises: an alert
 * id is added once (a second add is refused), and a code is given once among every alert kept,
 * whichever instance adds it; a change under `update` is never lost to another made at the same
 * moment (an ACK and an escalation); the audit keeps entries in the order written. Queries (by
 * state, client, code, due time) answer as the store is now, across a restart.
 */
export function alertsAndAuditContract(name: string, make: () => Promise<AlertsAndAuditUnderTest>): void {
  describe(name, () => {
    let subject: AlertsAndAuditUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('keeps an alert as written, refuses the same id twice, and finds nothing for an unknown id', async () => {
      await subject.alerts.add(alert('alert-0001'));
      const second = await subject.alerts.add(alert('alert-0001', { tier: 'routine' })).then(
        () => 'added',
        () => 'refused',
      );
      expect(second).to.equal('refused');
      const { alerts } = await subject.reopen();
      expect(await alerts.get('alert-0001')).to.deep.equal(alert('alert-0001'));
      expect(await alerts.get('alert-9999')).to.equal(undefined);
      expect(await alerts.update('alert-9999', (a) => a)).to.equal(undefined);
    });

    it('loses no change made at the same moment as another', async () => {
      await subject.alerts.add(alert('alert-0002'));
      await Promise.all([
        subject.alerts.update('alert-0002', (a) => ({ ...a, state: 'acknowledged', acknowledgedAt: '2026-03-02T10:05:00.000Z' })),
        ...Array.from({ length: 5 }, () => subject.alerts.update('alert-0002', (a) => ({ ...a, step: a.step + 1 }))),
      ]);
      const stored = (await subject.alerts.get('alert-0002'))!;
      expect([stored.state, stored.step, stored.acknowledgedAt]).to.deep.equal(['acknowledged', 5, '2026-03-02T10:05:00.000Z']);
    });

    it('lists every alert oldest first, and removes one for good', async () => {
      await subject.alerts.add(alert('alert-0003', { createdAt: '2026-03-02T11:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0004', { createdAt: '2026-03-02T09:00:00.000Z', clientId: null, fromPhone: '+447700900333' }));
      await subject.alerts.add(alert('alert-0005', { createdAt: '2026-03-02T10:00:00.000Z', state: 'resolved' }));
      expect((await subject.alerts.list()).map((a) => a.id)).to.deep.equal(['alert-0004', 'alert-0005', 'alert-0003']);
      await subject.alerts.remove('alert-0005');
      expect((await subject.alerts.list()).map((a) => a.id)).to.deep.equal(['alert-0004', 'alert-0003']);
    });

    it('finds alerts being dealt with apart from resolved ones, by state, newest first, as they change', async () => {
      await subject.alerts.add(alert('alert-0101', { createdAt: '2026-03-02T09:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0102', { createdAt: '2026-03-02T10:00:00.000Z', clientId: 'client-b', state: 'acknowledged' }));
      await subject.alerts.add(alert('alert-0103', { createdAt: '2026-03-02T11:00:00.000Z', state: 'resolved', resolvedAt: '2026-03-02T12:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0104', { createdAt: '2026-03-02T12:00:00.000Z', clientId: null, fromPhone: '+447700900333' }));
      expect(ids(await subject.alerts.find({ state: 'unresolved' }))).to.deep.equal(['alert-0104', 'alert-0102', 'alert-0101']);
      expect(ids(await subject.alerts.find({ state: 'open' }))).to.deep.equal(['alert-0104', 'alert-0101']);
      expect(ids(await subject.alerts.find({ state: 'resolved' }))).to.deep.equal(['alert-0103']);
      expect(ids(await subject.alerts.find({}))).to.deep.equal(['alert-0104', 'alert-0103', 'alert-0102', 'alert-0101']);
      expect(ids(await subject.alerts.find({ limit: 2 }))).to.deep.equal(['alert-0104', 'alert-0103']);

      await subject.alerts.update('alert-0101', (a) => ({ ...a, state: 'resolved', resolvedAt: '2026-03-02T13:00:00.000Z' }));
      const { alerts } = await subject.reopen();
      expect(ids(await alerts.find({ state: 'unresolved' }))).to.deep.equal(['alert-0104', 'alert-0102']);
      expect(ids(await alerts.find({ state: 'resolved' }))).to.deep.equal(['alert-0103', 'alert-0101']);
      expect((await alerts.find({ state: 'resolved' }))[1]).to.deep.equal({
        ...alert('alert-0101', { createdAt: '2026-03-02T09:00:00.000Z' }),
        state: 'resolved',
        resolvedAt: '2026-03-02T13:00:00.000Z',
      });
    });

    it("finds one client's alerts, a number not enrolled's, and those of a caseload", async () => {
      await subject.alerts.add(alert('alert-0201', { createdAt: '2026-03-02T09:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0202', { createdAt: '2026-03-02T10:00:00.000Z', clientId: 'client-b', state: 'acknowledged' }));
      await subject.alerts.add(alert('alert-0203', { createdAt: '2026-03-02T11:00:00.000Z', state: 'resolved' }));
      await subject.alerts.add(alert('alert-0204', { createdAt: '2026-03-02T12:00:00.000Z', clientId: null, fromPhone: '+447700900333' }));
      await subject.alerts.add(alert('alert-0205', { createdAt: '2026-03-02T13:00:00.000Z', clientId: 'client-c' }));
      expect(ids(await subject.alerts.find({ clientId: 'client-a' }))).to.deep.equal(['alert-0203', 'alert-0201']);
      expect(ids(await subject.alerts.find({ clientId: 'client-a', state: 'unresolved' }))).to.deep.equal(['alert-0201']);
      expect(ids(await subject.alerts.find({ clientId: null }))).to.deep.equal(['alert-0204']);
      expect(ids(await subject.alerts.find({ clientId: 'client-z' }))).to.deep.equal([]);
      expect(ids(await subject.alerts.find({ clientIds: ['client-a', 'client-b'], state: 'unresolved' }))).to.deep.equal(['alert-0202', 'alert-0201']);
      expect(ids(await subject.alerts.find({ clientIds: ['client-a', 'client-b'] }))).to.deep.equal(['alert-0203', 'alert-0202', 'alert-0201']);
      expect(await subject.alerts.find({ clientIds: [] }), 'an empty caseload has no alerts').to.deep.equal([]);
    });

    it('lists the most recently resolved first, of a caseload when asked, at most as many as asked', async () => {
      // Raised in one order, resolved in another.
      await subject.alerts.add(alert('alert-0301', { createdAt: '2026-03-01T09:00:00.000Z', state: 'resolved', resolvedAt: '2026-03-05T09:00:00.000Z' }));
      await subject.alerts.add(
        alert('alert-0302', { createdAt: '2026-03-02T09:00:00.000Z', state: 'resolved', resolvedAt: '2026-03-03T09:00:00.000Z', clientId: 'client-b' }),
      );
      await subject.alerts.add(alert('alert-0303', { createdAt: '2026-03-03T09:00:00.000Z', state: 'resolved', resolvedAt: '2026-03-04T09:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0304', { createdAt: '2026-03-04T09:00:00.000Z' }));
      expect(ids(await subject.alerts.recentlyResolved({ limit: 10 }))).to.deep.equal(['alert-0301', 'alert-0303', 'alert-0302']);
      expect(ids(await subject.alerts.recentlyResolved({ limit: 2 }))).to.deep.equal(['alert-0301', 'alert-0303']);
      expect(ids(await subject.alerts.recentlyResolved({ clientIds: ['client-b'], limit: 10 }))).to.deep.equal(['alert-0302']);
      expect(await subject.alerts.recentlyResolved({ clientIds: [], limit: 10 })).to.deep.equal([]);
      await subject.alerts.update('alert-0304', (a) => ({ ...a, state: 'resolved', resolvedAt: '2026-03-06T09:00:00.000Z' }));
      expect(ids(await subject.alerts.recentlyResolved({ limit: 1 }))).to.deep.equal(['alert-0304']);
    });

    it('finds an alert by its code, resolved or not, and by no other', async () => {
      await subject.alerts.add(alert('alert-0401', { code: 'HR7Q' }));
      await subject.alerts.add(alert('alert-0402', { code: 'KTW3', state: 'resolved' }));
      expect((await subject.alerts.byCode('HR7Q'))?.id).to.equal('alert-0401');
      expect((await subject.alerts.byCode('KTW3'))?.id).to.equal('alert-0402');
      expect(await subject.alerts.byCode('XXXX')).to.equal(undefined);
      await subject.alerts.update('alert-0401', (a) => ({ ...a, state: 'acknowledged' }));
      const { alerts } = await subject.reopen();
      expect(await alerts.byCode('HR7Q')).to.deep.include({ id: 'alert-0401', state: 'acknowledged' });
      await alerts.remove('alert-0401');
      expect(await alerts.byCode('HR7Q')).to.equal(undefined);
    });

    it('refuses a code another alert has, keeping nothing, and gives a code once when instances add it at the same moment', async () => {
      await subject.alerts.add(alert('alert-0501', { code: 'M4PX', state: 'resolved' }));
      expect(await subject.alerts.add(alert('alert-0502', { code: 'M4PX' }))).to.deep.equal({ ok: false, reason: 'code_taken' });
      expect(await subject.alerts.get('alert-0502')).to.equal(undefined);
      expect(await subject.alerts.add(alert('alert-0503', { code: 'M4PY' }))).to.deep.equal({ ok: true });

      const other = subject.other ?? subject.alerts;
      const racing = Array.from({ length: 6 }, (_, i) => alert(`alert-06${String(i).padStart(2, '0')}`, { code: 'RACE' }));
      const results = await Promise.all(racing.map((a, i) => (i % 2 === 0 ? subject.alerts : other).add(a)));
      expect(results.filter((r) => r.ok)).to.have.length(1);
      const winner = racing[results.findIndex((r) => r.ok)]!;
      expect((await other.byCode('RACE'))?.id).to.equal(winner.id);
      const kept = await Promise.all(racing.map((a) => subject.alerts.get(a.id)));
      expect(kept.filter((a) => a !== undefined).map((a) => a!.id)).to.deep.equal([winner.id]);
    });

    it('says when the next alert falls due and which are due, soonest first, as instants whatever their zone', async () => {
      expect(await subject.alerts.soonestDue()).to.equal(undefined);
      // Due at 10:20 (an escalation written in London summer time), 10:05 (waits for working hours),
      // 10:30 (a webhook retry while acknowledged); never (acknowledged: its escalation no longer
      // counts; resolved: nothing waits; a delivered webhook).
      await subject.alerts.add(alert('alert-0701', { escalateAt: '2026-06-02T11:20:00.000+01:00' }));
      await subject.alerts.add(alert('alert-0702', { tier: 'routine', notifyAt: '2026-06-02T10:05:00.000Z' }));
      await subject.alerts.add(
        alert('alert-0703', { state: 'acknowledged', escalateAt: '2026-06-02T09:00:00.000Z', notifications: [webhook('failed', '2026-06-02T10:30:00.000Z')] }),
      );
      await subject.alerts.add(alert('alert-0704', { state: 'acknowledged', escalateAt: '2026-06-02T09:00:00.000Z' }));
      await subject.alerts.add(alert('alert-0705', { state: 'resolved', notifications: [webhook('failed', '2026-06-02T09:00:00.000Z')] }));
      await subject.alerts.add(alert('alert-0706', { notifications: [webhook('delivered')] }));
      expect(await subject.alerts.soonestDue()).to.equal('2026-06-02T10:05:00.000Z');
      expect(ids(await subject.alerts.due('2026-06-02T10:04:59.999Z', 10))).to.deep.equal([]);
      expect(ids(await subject.alerts.due('2026-06-02T10:20:00.000Z', 10))).to.deep.equal(['alert-0702', 'alert-0701']);
      expect(ids(await subject.alerts.due('2026-06-02T12:00:00.000Z', 10))).to.deep.equal(['alert-0702', 'alert-0701', 'alert-0703']);
      expect(ids(await subject.alerts.due('2026-06-02T12:00:00.000Z', 1))).to.deep.equal(['alert-0702']);

      // Told (no longer waiting), moved on, acknowledged: each changes when it is due.
      await subject.alerts.update('alert-0702', (a) => ({ ...a, notifyAt: undefined, escalateAt: '2026-06-05T09:00:00.000Z' }));
      await subject.alerts.update('alert-0701', (a) => ({ ...a, state: 'acknowledged' }));
      expect(await subject.alerts.soonestDue()).to.equal('2026-06-02T10:30:00.000Z');
      const { alerts } = await subject.reopen();
      expect(ids(await alerts.due('2026-06-03T00:00:00.000Z', 10))).to.deep.equal(['alert-0703']);
      await alerts.update('alert-0703', (a) => ({ ...a, state: 'resolved' }));
      await alerts.remove('alert-0702');
      expect(await alerts.soonestDue()).to.equal(undefined);
    });

    it('keeps the privacy audit in the order written, across a restart', async () => {
      expect(await subject.audit.list()).to.deep.equal([]);
      const entries = [
        { at: '2026-03-02T10:00:00.000Z', action: 'export' as const, clientId: 'client-a', by: 'Sam Okafor' },
        { at: '2026-03-02T10:01:00.000Z', action: 'erase' as const, clientId: 'client-a', by: 'Ada Admin', removed: { alerts: 1, texts: 3 } },
      ];
      for (const entry of entries) await subject.audit.record(entry);
      const { audit } = await subject.reopen();
      expect(await audit.list()).to.deep.equal(entries);
    });
  });
}
