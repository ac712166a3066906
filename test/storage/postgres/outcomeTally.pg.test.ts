import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { emptyMonth } from '../../../storage/clientMonths.js';
import { openLowdbStore } from '../../../storage/lowdb/openLowdbStore.js';
import { importLowdb } from '../../../storage/postgres/importLowdb.js';
import { factsOfHistory } from '../../../storage/outcomeFacts.js';
import { migrate, migrations } from '../../../storage/postgres/migrate.js';
import { PgClientStore } from '../../../storage/postgres/pgClientStore.js';
import { PgOutcomeTally } from '../../../storage/postgres/pgOutcomeTally.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { newClient } from '../clientStoreContract.js';
import { answer, readAll, waveCheckIn } from '../outcomeTallyContract.js';

const staleRows = async (db: TestDatabase) => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM outcome_tally WHERE stale')).rows[0]!.n);

describe('PgOutcomeTally', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  afterEach(() => db.drop());

  it('is kept by Linkwell’s own writes, in their transactions: nothing is left for a catch-up', async () => {
    db = await freshDatabase();
    const clients = new PgClientStore(db.pool);
    const made = await clients.create(newClient('+447700900001'));
    if (!made.ok) throw new Error(made.reason);
    const id = made.client.id;
    const c = waveCheckIn(id, 'baseline', '2024-03-04T10:00:00.000Z');
    await clients.startCheckIn(c);
    await clients.recordResponse(id, answer(c, 'ucla3', 'left_out', 2, '2024-03-04T10:01:00.000Z'));
    await clients.recordNote(id, { checkInId: c.id, text: 'a note', channel: 'sms', createdAt: '2024-03-04T10:02:00.000Z' });
    await clients.endCheckIn(id, c.id, { status: 'completed', endedAt: '2024-03-04T10:03:00.000Z' }, []);
    const session = { sessionKey: 'walk|2024-03-06T10:00', groupId: 'walk', sessionStart: '2024-03-06T10:00:00.000Z' };
    await clients.recordAttendance(id, session, () => ({
      ...session,
      attendance: 'went',
      barriers: [],
      howItWent: 'lovely',
      channel: 'sms',
      updatedAt: '2024-03-06T18:00:00.000Z',
    }));
    expect(await clients.removeWordsBefore(id, '2025-01-01T00:00:00.000Z', '[removed]')).to.equal(3);
    expect(await staleRows(db)).to.equal(0);
    expect(await new PgOutcomeTally(db.pool).catchUp()).to.equal(0);
  });

  it('marks a client stale when their records are written by anything else, and works them out before the next read', async () => {
    db = await freshDatabase();
    const clients = new PgClientStore(db.pool);
    const tally = new PgOutcomeTally(db.pool);
    const made = await clients.create(newClient('+447700900001'));
    if (!made.ok) throw new Error(made.reason);
    const id = made.client.id;
    const c = waveCheckIn(id, 'baseline', '2024-03-04T10:00:00.000Z');
    await clients.startCheckIn(c);
    // An answer added by hand (or by an instance running older code), and a month copied in whole.
    await db.pool.query("UPDATE client_months SET doc = jsonb_set(doc, '{responses}', (doc -> 'responses') || $2::jsonb) WHERE client_id = $1", [
      id,
      JSON.stringify([answer(c, 'ucla3', 'isolated', 3, '2024-03-04T10:05:00.000Z')]),
    ]);
    const later = waveCheckIn(id, 'week-8', '2024-04-29T10:00:00.000Z');
    await db.pool.query('INSERT INTO client_months (client_id, month, doc) VALUES ($1, $2, $3)', [id, '2024-04', { ...emptyMonth(), checkIns: [later] }]);
    expect(await staleRows(db)).to.equal(1);

    const [mine] = await readAll(tally, 'walking-group');
    expect(mine!.facts.waves.baseline!.instruments.ucla3!.items.isolated![0]).to.equal(3);
    expect(Object.keys(mine!.facts.waves).sort()).to.deep.equal(['baseline', 'week-8']);
    expect(mine!.facts).to.deep.equal(factsOfHistory(await clients.history(id)));
    expect(await staleRows(db)).to.equal(0);
  });

  it('works out, once migrated to 0010, the tally of a database that held answers before it', async () => {
    db = await freshDatabase({ migrated: false });
    await migrate(
      db.pool,
      migrations().filter((m) => m.version < 10),
    );
    const client = { ...newClient('+447700900001'), id: 'client-before-0010' };
    const c = waveCheckIn(client.id, 'baseline', '2024-03-04T10:00:00.000Z');
    const month = { ...emptyMonth(), checkIns: [c], responses: [answer(c, 'ucla3', 'left_out', 2, '2024-03-04T10:01:00.000Z')] };
    await db.pool.query('INSERT INTO clients (id, phone, record) VALUES ($1, $2, $3)', [client.id, client.phone, client]);
    await db.pool.query('INSERT INTO client_months (client_id, month, doc) VALUES ($1, $2, $3)', [client.id, '2024-03', month]);
    await db.pool.query('INSERT INTO client_check_ins (check_in_id, client_id, month) VALUES ($1, $2, $3)', [c.id, client.id, '2024-03']);

    await migrate(db.pool);
    expect(await staleRows(db)).to.equal(1);
    const tally = new PgOutcomeTally(db.pool);
    expect(await tally.catchUp()).to.equal(1);
    const [mine] = await readAll(tally, 'walking-group');
    expect(mine!.facts).to.deep.equal(factsOfHistory(await new PgClientStore(db.pool).history(client.id)));
    expect(mine!.facts.waves.baseline!.instruments.ucla3!.items.left_out![0]).to.equal(2);
  });

  it('is carried by db:import: worked out from the records copied, the same as the folder’s', async () => {
    db = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-import-tally-'));
    try {
      const lowdb = await openLowdbStore(dataDir);
      const made = await lowdb.clients.create(newClient('+447700900001'));
      if (!made.ok) throw new Error(made.reason);
      const c = waveCheckIn(made.client.id, 'baseline', '2024-03-04T10:00:00.000Z');
      await lowdb.clients.startCheckIn(c);
      await lowdb.clients.recordResponse(made.client.id, answer(c, 'ucla3', 'left_out', 2, '2024-03-04T10:01:00.000Z'));
      const session = { sessionKey: 'walk|2024-03-06T10:00', groupId: 'walk', sessionStart: '2024-03-06T10:00:00.000Z' };
      await lowdb.clients.recordAttendance(made.client.id, session, () => ({
        ...session,
        attendance: 'didnt',
        barriers: ['cost'],
        channel: 'sms',
        updatedAt: '2024-03-06T18:00:00.000Z',
      }));
      const inFolder = await readAll(lowdb.clients.outcomes, 'walking-group');
      lowdb.close();

      const checks = await importLowdb(dataDir, db.pool);
      const check = checks.find((k) => k.collection === 'outcome tally')!;
      expect(check.source.count).to.equal(1);
      expect(check.copied).to.deep.equal(check.source);
      expect(await readAll(new PgOutcomeTally(db.pool), 'walking-group')).to.deep.equal(inFolder);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
