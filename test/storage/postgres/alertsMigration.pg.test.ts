import { expect } from 'chai';
import { migrate, migrations } from '../../../storage/postgres/migrate.js';
import { PgAlerts } from '../../../storage/postgres/pgSmallStores.js';
import type { AlertRecord } from '../../../storage/records.js';
import { alert as openAlert } from '../alertsAndAuditContract.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

const alert = (id: string, overrides: Partial<AlertRecord> = {}): AlertRecord => openAlert(id, { code: 'K7QM', ...overrides });

/** Migration 0012 on a database that already holds alerts: found by index from the moment it is applied. */
describe('Alerts kept before migration 0012 (PostgreSQL)', function () {
  this.timeout(30_000);
  let db: TestDatabase;

  beforeEach(async () => {
    db = await freshDatabase({ migrated: false });
    await migrate(
      db.pool,
      migrations().filter((m) => m.version < 12),
    );
  });
  afterEach(async () => {
    await db.drop();
  });

  const keep = (a: AlertRecord) =>
    db.pool.query('INSERT INTO alerts (id, client_id, state, created_at, record) VALUES ($1, $2, $3, $4, $5)', [a.id, a.clientId, a.state, a.createdAt, a]);

  it('finds existing alerts by code, due time and time resolved, and a code given twice finds the one still being dealt with', async () => {
    await keep(alert('alert-0001', { code: 'HR7Q', escalateAt: '2026-03-02T11:15:00.000+01:00' }));
    await keep(
      alert('alert-0002', {
        code: 'KTW3',
        state: 'acknowledged',
        notifications: [
          {
            at: '2026-03-02T10:00:00.000Z',
            to: { role: 'webhook', id: 'webhook', name: 'programme webhook' },
            channel: 'webhook',
            status: 'failed',
            attempts: 1,
            retryAt: '2026-03-02T10:01:00.000Z',
          },
        ],
      }),
    );
    await keep(alert('alert-0003', { code: 'M4PX', state: 'resolved', resolvedAt: '2026-03-04T09:00:00.000Z' }));
    // Two instances once gave K7QM twice: the open one keeps it, though the resolved one is newer.
    await keep(alert('alert-0004', { code: 'K7QM', createdAt: '2026-03-01T09:00:00.000Z' }));
    await keep(alert('alert-0005', { code: 'K7QM', createdAt: '2026-03-03T09:00:00.000Z', state: 'resolved' }));
    await migrate(db.pool);

    const alerts = new PgAlerts(db.pool);
    expect((await alerts.byCode('HR7Q'))?.id).to.equal('alert-0001');
    expect((await alerts.byCode('K7QM'))?.id).to.equal('alert-0004');
    expect(await alerts.soonestDue()).to.equal('2026-03-02T10:01:00.000Z');
    expect((await alerts.due('2026-03-02T10:15:00.000Z', 10)).map((a) => a.id)).to.deep.equal(['alert-0002', 'alert-0001']);
    expect((await alerts.recentlyResolved({ limit: 10 })).map((a) => a.id)).to.deep.equal(['alert-0003', 'alert-0005']);
    expect((await alerts.find({ clientIds: ['client-a'], state: 'unresolved' })).map((a) => a.id)).to.deep.equal(['alert-0002', 'alert-0001', 'alert-0004']);

    // The alert that lost its code can still change, and no new alert can take the code.
    expect(await alerts.update('alert-0005', (a) => ({ ...a, resolutionNote: 'Checked.' }))).to.include({ resolutionNote: 'Checked.' });
    expect(await alerts.add(alert('alert-0006', { code: 'K7QM' }))).to.deep.equal({ ok: false, reason: 'code_taken' });
  });
});
