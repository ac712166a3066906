import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import restify from 'restify';
import { registerGroupRoutes } from '../../bot/staff/api/groupRoutes.js';
import { ManualClock } from '../../bot/time/clock.js';
import { GroupDirectory, type GroupEntry } from '../../bot/care/groups/groupDirectory.js';
import { createLogger } from '../../bot/platform/logger.js';
import { LowdbEntries } from '../../storage/lowdb/lowdbEntries.js';
import { openLowdbStore, type LowdbStore } from '../../storage/lowdb/openLowdbStore.js';
import type { ClientRecord } from '../../storage/records.js';
import { group, groupInput } from './groupFixtures.js';

// Monday 30 November 2026, 09:00 in London: the walk meets on Wednesdays at 10:00.
const NOW = DateTime.fromISO('2026-11-30T09:00:00Z', { zone: 'utc' });
const TOKEN = 'group-routes-test-token-0123456789';
const STAFF = 'Sam Okafor';

const walk = group();
const choir = group({ id: 'choir', name: 'Community Choir', schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '14:00' } });
const closed = group({ id: 'bowls', name: 'Bowls Club', status: 'closed' });
const programme = { timezone: 'Europe/London', groups: [walk, choir, closed] };

/** A group as PUT takes it: no id, and who is changing it. */
function putBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { id: _id, ...rest } = groupInput(overrides);
  return { ...rest, changedBy: STAFF };
}

interface ErrorBody {
  error: string;
  details?: string[];
}

interface Rig {
  url: string;
  store: LowdbStore;
  directory: GroupDirectory;
  changedClients: string[];
  close(): Promise<void>;
}

/** A restify server set up as bot/server/app.ts sets it up, with only the group routes. */
async function startRig(dataDir: string, clock: ManualClock): Promise<Rig> {
  const store = await openLowdbStore(dataDir, { now: () => clock.now() });
  const directory = await GroupDirectory.open(programme, new LowdbEntries<GroupEntry>(join(dataDir, 'groups', 'test')), clock);
  const server = restify.createServer({ name: 'linkwell-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  const changedClients: string[] = [];
  registerGroupRoutes(server, {
    adminApiToken: TOKEN,
    directory,
    clients: store.clients,
    history: store.clients,
    clientChanged: { emit: (id) => void changedClients.push(id) },
    clock,
    log: createLogger('silent', clock),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    directory,
    changedClients,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}

describe('registerGroupRoutes', () => {
  let dataDir: string;
  let clock: ManualClock;
  let rig: Rig;
  let client: ClientRecord;

  const call = (path: string, method = 'GET', body?: unknown, token: string | null = TOKEN) =>
    fetch(`${rig.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const problems = async (res: Response) => {
    expect(res.status).to.equal(400);
    return ((await res.json()) as ErrorBody).details;
  };
  const events = async () => (await rig.store.clients.history(client.id)).events;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-group-routes-'));
    clock = new ManualClock(NOW);
    rig = await startRig(dataDir, clock);
    const created = await rig.store.clients.create({
      programmeId: 'test',
      name: 'Maureen Hale',
      phone: '+447700900601',
      timezone: 'Europe/London',
      linkWorkerId: 'priya',
      channel: 'sms',
      createdAt: NOW.toISO()!,
    });
    if (!created.ok) throw new Error('fixture client not created');
    client = created.client;
  });

  afterEach(async () => {
    await rig.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the group directory', () => {
    it('lists each group with its sessions in the next 14 days, its flags and where its details came from', async () => {
      await rig.directory.flag('walk', { reason: 'reported-full', sessionKey: 'walk|2026-11-25T10:00', clientId: client.id, at: NOW.toISO()! });

      const res = await call('/api/admin/groups');

      expect(res.status).to.equal(200);
      const body = (await res.json()) as Array<{ id: string; source: string; needsVerification: boolean; nextSessions: Array<{ key: string; start: string }> }>;
      expect(body.map((g) => [g.id, g.source, g.needsVerification, g.nextSessions.map((s) => s.key)])).to.deep.equal([
        ['walk', 'programme', true, ['walk|2026-12-02T10:00', 'walk|2026-12-09T10:00']],
        ['choir', 'programme', false, ['choir|2026-12-03T14:00']],
        ['bowls', 'programme', false, []],
      ]);
      expect(body[0]!.nextSessions[0]!.start).to.equal('2026-12-02T10:00:00.000+00:00');
    });

    it('replaces a group, keeps the version it replaced, and shows both on the group', async () => {
      const res = await call('/api/admin/groups/walk', 'PUT', putBody({ cost: '£2 including tea' }));

      expect(res.status).to.equal(200);
      expect(await res.json()).to.include({ id: 'walk', cost: '£2 including tea', source: 'admin' });
      const one = (await (await call('/api/admin/groups/walk')).json()) as { cost: string; history: unknown[] };
      expect(one.cost).to.equal('£2 including tea');
      expect(one.history).to.deep.equal([{ group: walk, source: 'programme' }]);
    });

    it('adds a group under a new id, answering 201, and keeps it after a restart', async () => {
      const res = await call('/api/admin/groups/knit-and-natter', 'PUT', putBody({ name: 'Knit and Natter' }));

      expect(res.status).to.equal(201);
      await rig.close();
      rig = await startRig(dataDir, clock);
      expect(await (await call('/api/admin/groups/knit-and-natter')).json()).to.include({ name: 'Knit and Natter', source: 'admin' });
    });

    it('verifies a group: today becomes its last verified date, its flags are cleared, its status set', async () => {
      await rig.directory.flag('walk', { reason: 'reported-not-running', sessionKey: 'walk|2026-11-25T10:00', clientId: client.id, at: NOW.toISO()! });

      const res = await call('/api/admin/groups/walk/verify', 'POST', { by: STAFF, status: 'paused' });

      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.include({ lastVerified: '2026-11-30', status: 'paused', flags: [], needsVerification: false, nextSessions: [] });
    });

    it('answers 404 for a group that is not in the directory', async () => {
      expect((await call('/api/admin/groups/nope')).status).to.equal(404);
      expect((await call('/api/admin/groups/nope/verify', 'POST', { by: STAFF })).status).to.equal(404);
    });

    describe('refuses a group that is not valid, listing every problem by its path', () => {
      const cases: ReadonlyArray<[what: string, path: string, body: Record<string, unknown>, expected: string[]]> = [
        [
          'a bad schedule',
          '/api/admin/groups/walk',
          putBody({ schedule: { kind: 'weekly', day: 'wendesday', time: '10:60' } }),
          [
            'schedule.day: Invalid option: expected one of "monday"|"tuesday"|"wednesday"|"thursday"|"friday"|"saturday"|"sunday"',
            'schedule.time: expected HH:mm, got 10:60',
          ],
        ],
        [
          'a cancelled date that is not a session day',
          '/api/admin/groups/walk',
          putBody({ cancelled: ['2026-12-02', '2026-12-03'] }),
          ['cancelled[1]: 2026-12-03 is not a session day of this group'],
        ],
        [
          'an end date before the start date',
          '/api/admin/groups/walk',
          putBody({ startDate: '2026-12-01', endDate: '2026-11-01' }),
          ['endDate: 2026-11-01 is before the start date 2026-12-01'],
        ],
        [
          'an unknown field, and no changedBy',
          '/api/admin/groups/walk',
          { ...putBody({ endDat: '2027-01-01' }), changedBy: undefined },
          [
            'changedBy: required: who is making the change (a staff name or email)',
            'endDat: not a field of a group; fields: name, venue, timezone, schedule, startDate, endDate, cancelled, durationMinutes, cost, ' +
              'accessibility, transport, contact, status, lastVerified, changedBy',
          ],
        ],
        ['an id in the body', '/api/admin/groups/walk', { ...putBody(), id: 'walk' }, ["id: give the group's id in the URL, not in the body"]],
        [
          'an id in the URL that is not a slug',
          '/api/admin/groups/Wednesday%20Walk',
          putBody(),
          ['id: expected a lower-case id in the URL (a-z, 0-9, - or _), got "Wednesday Walk"'],
        ],
        [
          'a status that is not one',
          '/api/admin/groups/walk',
          putBody({ status: 'open' }),
          ['status: Invalid option: expected one of "running"|"full"|"paused"|"closed"'],
        ],
      ];

      for (const [what, path, body, expected] of cases) {
        it(what, async () => {
          expect(await problems(await call(path, 'PUT', body))).to.deep.equal(expected);
          expect(rig.directory.history('walk')).to.deep.equal([]);
        });
      }

      it('a verification without who, with a status that is not one, or with an unknown field', async () => {
        expect(await problems(await call('/api/admin/groups/walk/verify', 'POST', { status: 'shut', note: 'rang them' }))).to.deep.equal([
          'by: required: who is making the change (a staff name or email)',
          'status: expected running, full, paused or closed, got "shut"',
          'note: not a field here; fields: by, status',
        ]);
      });
    });

    it('answers 401 without the bearer token, and changes nothing', async () => {
      expect((await call('/api/admin/groups', 'GET', undefined, null)).status).to.equal(401);
      expect((await call('/api/admin/groups/walk', 'PUT', putBody({ cost: '£5' }), null)).status).to.equal(401);
      expect((await call('/api/admin/groups/walk/verify', 'POST', { by: STAFF }, 'wrong-token')).status).to.equal(401);
      expect((await call(`/api/admin/clients/${client.id}/groups/walk`, 'PUT', { status: 'going', nudge: 'off', changedBy: STAFF }, null)).status).to.equal(
        401,
      );
      expect(rig.directory.get('walk')).to.include({ cost: 'free', source: 'programme' });
    });
  });

  describe("a client's links to groups", () => {
    const link = (body: unknown, groupId = 'walk', clientId = client.id) => call(`/api/admin/clients/${clientId}/groups/${groupId}`, 'PUT', body);

    it('links a client to a group, recording who changed it from what to what', async () => {
      const res = await link({ status: 'interested', nudge: 'day-before', changedBy: STAFF });

      expect(res.status).to.equal(201);
      expect(await res.json()).to.deep.equal({
        groupId: 'walk',
        status: 'interested',
        nudge: 'day-before',
        since: NOW.toISO(),
        groupName: 'Wednesday Walk',
        groupStatus: 'running',
      });
      clock.advance({ minutes: 5 });
      expect((await link({ status: 'going', nudge: 'morning-of', nudgeTime: '08:30', changedBy: 'Priya Shah' })).status).to.equal(200);

      expect((await rig.store.clients.get(client.id))!.groups).to.deep.equal([
        { groupId: 'walk', status: 'going', nudge: 'morning-of', nudgeTime: '08:30', since: NOW.plus({ minutes: 5 }).toISO() },
      ]);
      expect(await events()).to.deep.equal([
        { type: 'settings-changed', at: NOW.toISO(), by: STAFF, changes: [{ field: 'groups', from: null, to: 'walk: interested, day-before' }] },
        {
          type: 'settings-changed',
          at: NOW.plus({ minutes: 5 }).toISO(),
          by: 'Priya Shah',
          changes: [{ field: 'groups', from: 'walk: interested, day-before', to: 'walk: going, morning-of 08:30' }],
        },
      ]);
      expect(rig.changedClients).to.deep.equal([client.id, client.id]);
    });

    it('keeps when the link started when only the reminder changes (so the day\'s "did you make it?" still goes)', async () => {
      await link({ status: 'going', nudge: 'day-before', changedBy: STAFF });
      clock.advance({ hours: 2 });
      expect(await (await link({ status: 'going', nudge: 'morning-of', nudgeTime: '08:00', changedBy: STAFF })).json()).to.include({ since: NOW.toISO() });
      clock.advance({ hours: 2 });
      expect(await (await link({ status: 'stopped', nudge: 'off', changedBy: STAFF })).json()).to.include({ since: NOW.plus({ hours: 4 }).toISO() });
    });

    it('records nothing when the link is already as asked', async () => {
      await link({ status: 'going', nudge: 'day-before', nudgeTime: '18:00', changedBy: STAFF });
      clock.advance({ hours: 1 });

      const res = await link({ status: 'going', nudge: 'day-before', nudgeTime: '18:00', changedBy: STAFF });

      expect(res.status).to.equal(200);
      expect(await res.json()).to.include({ since: NOW.toISO() });
      expect(await events()).to.have.length(1);
      expect(rig.changedClients).to.have.length(1);
    });

    it("lists the client's links with each group's name", async () => {
      await link({ status: 'going', nudge: 'off', changedBy: STAFF });
      await link({ status: 'interested', nudge: 'morning-of', changedBy: STAFF }, 'choir');

      const res = await call(`/api/admin/clients/${client.id}/groups`);

      expect(res.status).to.equal(200);
      expect(
        ((await res.json()) as Array<{ groupId: string; groupName: string; status: string }>).map((l) => [l.groupId, l.groupName, l.status]),
      ).to.deep.equal([
        ['walk', 'Wednesday Walk', 'going'],
        ['choir', 'Community Choir', 'interested'],
      ]);
    });

    it('refuses to link a client to a closed group as going or interested (409), but records them as stopped', async () => {
      const res = await link({ status: 'going', nudge: 'day-before', changedBy: STAFF }, 'bowls');

      expect(res.status).to.equal(409);
      expect(await res.json()).to.include({ error: 'group_closed' });
      expect((await link({ status: 'stopped', nudge: 'off', changedBy: STAFF }, 'bowls')).status).to.equal(201);
      expect((await rig.store.clients.get(client.id))!.groups!.map((l) => l.status)).to.deep.equal(['stopped']);
    });

    it('answers 404 for an unknown client or group', async () => {
      const body = { status: 'going', nudge: 'off', changedBy: STAFF };
      expect(await (await link(body, 'nope')).json()).to.include({ error: 'not_found', message: 'Group not found.' });
      expect(await (await link(body, 'walk', 'no-such-client')).json()).to.include({ error: 'not_found', message: 'Client not found.' });
      expect((await call('/api/admin/clients/no-such-client/groups')).status).to.equal(404);
    });

    describe('refuses a link that is not valid, listing every problem by its path', () => {
      const cases: ReadonlyArray<[what: string, body: unknown, expected: string[]]> = [
        [
          'a nudge time that is not HH:mm',
          { status: 'going', nudge: 'day-before', nudgeTime: '6pm', changedBy: STAFF },
          ['nudgeTime: expected HH:mm, got 6pm'],
        ],
        [
          'a nudge time with nudges off',
          { status: 'going', nudge: 'off', nudgeTime: '18:00', changedBy: STAFF },
          ['nudgeTime: only with nudge "day-before" or "morning-of": leave it out when nudges are off'],
        ],
        [
          'an unknown status and nudge, and no changedBy',
          { status: 'maybe', nudge: 'evening-before' },
          [
            'status: expected interested, going or stopped, got "maybe"',
            'nudge: expected off, day-before or morning-of, got "evening-before"',
            'changedBy: required: who is making the change (a staff name or email)',
          ],
        ],
        [
          'an unknown field',
          { status: 'going', nudge: 'off', changedBy: STAFF, since: '2026-01-01' },
          ['since: not a field here; fields: status, nudge, nudgeTime, changedBy'],
        ],
      ];

      for (const [what, body, expected] of cases) {
        it(what, async () => {
          expect(await problems(await link(body))).to.deep.equal(expected);
          expect((await rig.store.clients.get(client.id))!.groups).to.equal(undefined);
          expect(await events()).to.deep.equal([]);
        });
      }
    });
  });
});
