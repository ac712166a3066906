import { expect } from 'chai';
import type { AlertRepository, PrivacyAudit } from '../../storage/ports.js';
import type { AlertRecord } from '../../storage/records.js';

export interface AlertsAndAuditUnderTest {
  alerts: AlertRepository;
  audit: PrivacyAudit;
  /** The same stores opened again (a restart). */
  reopen: () => Promise<{ alerts: AlertRepository; audit: PrivacyAudit }>;
  cleanup?: () => Promise<void>;
}

const alert = (id: string, overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  code: 'K7QM',
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

/**
 * The alert store's and the privacy audit's contracts on every backend. Atomic promises: an alert
 * id is added once (a second add is refused); a change under `update` is never lost to another
 * made at the same moment (an ACK and an escalation); the audit keeps entries in the order written.
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
      const second = await subject.alerts.add(alert('alert-0001', { tier: 'routine' })).then(() => 'added', () => 'refused');
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
