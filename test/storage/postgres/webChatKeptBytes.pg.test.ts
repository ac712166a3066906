import { expect } from 'chai';
import { migrate, migrations } from '../../../storage/postgres/migrate.js';
import { openPgStore } from '../../../storage/postgres/openPgStore.js';
import type { Store } from '../../../storage/ports.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

/**
 * What a web chat conversation's kept activities weigh is kept by the database (migration 0015),
 * so an append knows without adding them up whether to trim: it must always equal the sum.
 */
describe('web chat transcripts on PostgreSQL: the weight kept', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await db.drop();
  });

  const weights = async () =>
    (
      await db.pool.query<{ client_id: string; kept: string; real: string }>(
        `SELECT c.client_id, c.kept_bytes AS kept, (SELECT coalesce(sum(a.bytes), 0) FROM web_chat_activities a WHERE a.client_id = c.client_id) AS real
         FROM web_chat_conversations c ORDER BY c.client_id`,
      )
    ).rows.map((r) => ({ client: r.client_id, kept: Number(r.kept), real: Number(r.real) }));
  const message = (text: string) => ({ type: 'message', text, timestamp: '2026-03-02T10:00:00.000Z', from: { id: 'bot', role: 'bot' } }) as never;

  it('follows every append, trim and removal, whoever writes', async () => {
    db = await freshDatabase();
    store = await openPgStore(db.url);
    for (const client of ['client-a', 'client-b']) {
      await db.pool.query("INSERT INTO clients (id, phone, record) VALUES ($1, $2, '{}')", [client, `+4477009007${client.endsWith('a') ? '01' : '02'}`]);
      await store.webChat.open(client, `conv-${client}`);
    }
    await store.webChat.append('client-a', [message('hello'), message('how are you')]);
    await store.webChat.append('client-b', [message('x'.repeat(200_000))]);
    await store.webChat.append('client-b', [message('y'.repeat(100_000))]);
    for (let i = 0; i < 60; i += 1)
      await store.webChat.append(
        'client-a',
        Array.from({ length: 10 }, (_, j) => message(`m${i}-${j}`)),
      );
    await store.webChat.removeBefore('client-a', '2027-01-01T00:00:00.000Z');
    await db.pool.query("DELETE FROM web_chat_activities WHERE client_id = 'client-b' AND place = 1");
    const after = await weights();
    expect(after.map((w) => w.kept)).to.deep.equal(after.map((w) => w.real));
    expect(after.find((w) => w.client === 'client-a')!.kept).to.equal(0);
  });

  it('is worked out for the transcripts kept before it was', async () => {
    db = await freshDatabase({ migrated: false });
    const all = migrations();
    await migrate(
      db.pool,
      all.filter((m) => m.version < 15),
    );
    await db.pool.query("INSERT INTO web_chat_conversations (client_id, conversation_id, next_place) VALUES ('client-c', 'conv-c', 2)");
    await db.pool.query(
      `INSERT INTO web_chat_activities (client_id, place, activity, bytes, at) VALUES
         ('client-c', 0, '{}', 120, now()), ('client-c', 1, '{}', 80, now())`,
    );
    await migrate(db.pool, all);
    expect(await weights()).to.deep.equal([{ client: 'client-c', kept: 200, real: 200 }]);
  });
});
