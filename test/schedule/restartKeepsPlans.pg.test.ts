import { expect } from 'chai';
import { DateTime } from 'luxon';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import { createLogger } from '../../bot/platform/logger.js';
import type { ScheduledMessage } from '../../bot/channels/scheduledMessage.js';
import { ScheduleDispatcher, type ScheduledDelivery } from '../../bot/schedule/scheduleDispatcher.js';
import { ManualClock } from '../../bot/time/clock.js';
import { openStore } from '../../storage/open/openStore.js';
import type { Store } from '../../storage/ports.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

// Wednesday 2 December 2026, noon in London; the demo programme checks in on Mondays at 10:00 (48 hours to answer).
const NOW = DateTime.fromISO('2026-12-02T12:00:00Z', { zone: 'utc' });
const CLIENTS = 5;

/**
 * Starting a server plans every client again when the programme or the code changed since the
 * plans kept in the database were made, and plans nobody when neither did (a restart, a second
 * instance joining): with 100,000 clients that is a minute of one core at every start.
 */
describe('a server started again on PostgreSQL under the same programme and code', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let programme: Programme;
  const stores: Store[] = [];
  const clock = new ManualClock(NOW);
  const sent: Array<{ clientId: string; message: ScheduledMessage }> = [];
  const lines: string[] = [];
  // The edge: what the bot would send, recorded.
  const delivery: ScheduledDelivery = {
    deliver: async (client, message) => {
      sent.push({ clientId: client.id, message });
      return 'sent';
    },
    expire: async () => undefined,
    wasSent: async () => false,
  };

  before(async () => {
    programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
  });
  beforeEach(async () => {
    db = await freshDatabase();
    clock.set(NOW);
    sent.length = 0;
    lines.length = 0;
    const store = await instance();
    for (let n = 0; n < CLIENTS; n += 1) {
      const made = await store.clients.create({
        programmeId: programme.id,
        name: `Client ${n}`,
        phone: `+4477009006${String(n).padStart(2, '0')}`,
        timezone: 'Europe/London',
        linkWorkerId: programme.linkWorkers[0]!.id,
        channel: 'sms',
        createdAt: NOW.minus({ weeks: 3 }).toISO()!,
        consentedAt: NOW.minus({ weeks: 3 }).toISO()!,
      });
      if (!made.ok) throw new Error(made.reason);
    }
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await db.drop();
  });

  async function instance(): Promise<Store> {
    const store = await openStore({ dataDir: '/nonexistent', databaseUrl: db.url });
    stores.push(store);
    return store;
  }

  /** A server's scheduler started on a store of its own (another instance, or the same one started again). */
  async function start(planBasis: string | undefined) {
    const store = await instance();
    const dispatcher = new ScheduleDispatcher({
      programme,
      clients: store.clients,
      attention: store.attention,
      ledger: store.schedule,
      delivery,
      clock,
      log: createLogger('info', clock, (line) => lines.push(line)),
      sharedLedger: true,
      planBasis,
    });
    const report = await dispatcher.start();
    await dispatcher.stop();
    return report;
  }

  it('plans nobody again, and what was planned still goes out at its time', async () => {
    expect((await start('programme-1+code-1')).planned, 'the first start plans everyone').to.equal(CLIENTS);
    expect(sent, 'nothing is due on a Wednesday afternoon').to.deep.equal([]);
    expect((await start('programme-1+code-1')).planned, 'started again').to.equal(0);
    expect(lines.at(-1)).to.include('plans kept');

    // Monday 7 December, 10:00 in London: the plans kept bring each client's check-in, once.
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z', { zone: 'utc' }));
    const monday = await start('programme-1+code-1');
    expect(monday.planned).to.equal(CLIENTS);
    expect(sent.map((s) => s.message.kind)).to.deep.equal(Array(CLIENTS).fill('check-in'));
    expect(new Set(sent.map((s) => s.clientId)).size).to.equal(CLIENTS);
  });

  it('plans everyone again when the programme or the code changed, or when the code cannot be named', async () => {
    expect((await start('programme-1+code-1')).planned).to.equal(CLIENTS);
    expect((await start('programme-2+code-1')).planned, 'the programme changed').to.equal(CLIENTS);
    expect(lines.at(-1)).to.include('every client is planned again');
    expect((await start('programme-2+code-1')).planned).to.equal(0);
    expect((await start(undefined)).planned, 'run from the sources').to.equal(CLIENTS);
    expect((await start('programme-2+code-1')).planned, 'after a run that named no basis').to.equal(CLIENTS);
  });
});
