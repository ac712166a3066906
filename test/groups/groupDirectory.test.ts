import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { ConfigError } from '../../bot/platform/formatIssues.js';
import { GroupDirectory, type GroupEntry, type GroupFlag } from '../../bot/care/groups/groupDirectory.js';
import type { Group } from '../../bot/config/groupSchema.js';
import { LowdbEntries } from '../../storage/lowdb/lowdbEntries.js';
import { group } from './groupFixtures.js';

// Tuesday 1 December 2026, 23:30 UTC: already Wednesday 2 December in Auckland.
const NOW = DateTime.fromISO('2026-12-01T23:30:00Z', { zone: 'utc' });
const STAFF = 'Sam Okafor';

const walk = group();
const choir = group({ id: 'choir', name: 'Community Choir', schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '14:00' } });
const programme = (groups: Group[] = [walk, choir]) => ({ timezone: 'Europe/London', groups });

const report = (overrides: Partial<GroupFlag> = {}): GroupFlag => ({
  reason: 'reported-not-running',
  sessionKey: 'walk|2026-12-02T10:00',
  clientId: 'client-1',
  at: '2026-12-02T12:00:00.000Z',
  ...overrides,
});

describe('GroupDirectory', () => {
  let dir: string;
  let clock: ManualClock;
  const open = (groups?: Group[]) => GroupDirectory.open(programme(groups), new LowdbEntries<GroupEntry>(dir), clock);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-groups-'));
    clock = new ManualClock(NOW);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the programme file's groups, in its order, when no admin has changed any", async () => {
    const directory = await open();

    expect(directory.list().map((g) => [g.id, g.source, g.needsVerification, g.flags])).to.deep.equal([
      ['walk', 'programme', false, []],
      ['choir', 'programme', false, []],
    ]);
    expect(directory.groups()).to.deep.equal([walk, choir]);
    expect(directory.get('nope')).to.equal(undefined);
  });

  it("overlays an admin's change, keeps the version it replaced with who and when, and finds both after a restart", async () => {
    const directory = await open();
    const moved = { ...walk, venue: { name: 'Town Hall', address: '2 Market Place, Leeds LS1 2AA' } };

    const result = await directory.put(moved, STAFF);

    expect(result).to.include({ created: false, changed: true });
    expect(result.group).to.deep.equal({ ...moved, flags: [], needsVerification: false, source: 'admin' });
    expect(directory.groups()).to.deep.equal([moved, choir]);
    expect(directory.history('walk')).to.deep.equal([{ group: walk, source: 'programme' }]);

    clock.advance({ hours: 1 });
    const renamed = { ...moved, name: 'Town Hall Walk' };
    await directory.put(renamed, 'Priya Shah');

    const reopened = await open();
    expect(reopened.get('walk')).to.deep.equal({ ...renamed, flags: [], needsVerification: false, source: 'admin' });
    expect(reopened.history('walk')).to.deep.equal([
      { group: walk, source: 'programme' },
      { group: moved, source: 'admin', change: { action: 'edited', by: STAFF, at: NOW.toISO() } },
    ]);
  });

  it('writes nothing, and keeps no history, when the details are the same as now', async () => {
    const directory = await open();

    const result = await directory.put(structuredClone(walk), STAFF);

    expect(result).to.include({ created: false, changed: false });
    expect(directory.get('walk')!.source).to.equal('programme');
    expect(directory.history('walk')).to.deep.equal([]);
  });

  it("keeps an admin's version over an edited programme file, and a group the file no longer lists", async () => {
    const directory = await open();
    const added = group({ id: 'knit', name: 'Knit and Natter' });
    await directory.put({ ...choir, cost: '£2' }, STAFF);
    await directory.put(added, STAFF);

    const reopened = await open([walk, { ...walk, id: 'choir', name: 'Renamed in the file' }]);

    expect(reopened.list().map((g) => [g.id, g.name, g.source])).to.deep.equal([
      ['walk', 'Wednesday Walk', 'programme'],
      ['choir', 'Community Choir', 'admin'],
      ['knit', 'Knit and Natter', 'admin'],
    ]);
    const gone = await open([walk]);
    expect(gone.groups().map((g) => g.id)).to.deep.equal(['walk', 'choir', 'knit']);
  });

  it('adds a new group, reported as created, with no history', async () => {
    const directory = await open();
    const added = group({ id: 'knit', name: 'Knit and Natter' });

    const result = await directory.put(added, STAFF);

    expect(result).to.include({ created: true, changed: true });
    expect(directory.history('knit')).to.deep.equal([]);
    expect(directory.list().map((g) => g.id)).to.deep.equal(['walk', 'choir', 'knit']);
  });

  it('flags a group reported not running until someone verifies it, keeping each report once', async () => {
    const directory = await open();

    await directory.flag('walk', report());
    await directory.flag('walk', report());
    const flagged = await directory.flag('walk', report({ reason: 'reported-full', clientId: 'client-2' }));

    expect(flagged).to.include({ needsVerification: true, source: 'programme' });
    expect(flagged!.flags).to.deep.equal([report(), report({ reason: 'reported-full', clientId: 'client-2' })]);
    expect((await open()).get('walk')!.needsVerification).to.equal(true);
    expect(await directory.flag('nope', report())).to.equal(undefined);
  });

  it("verifies a group: lastVerified becomes today in the group's zone, flags are cleared and kept with the version", async () => {
    const auckland = group({ id: 'walk', timezone: 'Pacific/Auckland' });
    const directory = await open([auckland, choir]);
    await directory.flag('walk', report());

    const verified = await directory.verify('walk', { by: STAFF, at: NOW.toISO()!, status: 'paused' });

    expect(verified).to.deep.equal({ ...auckland, lastVerified: '2026-12-02', status: 'paused', flags: [], needsVerification: false, source: 'admin' });
    expect((await directory.verify('choir', { by: STAFF, at: NOW.toISO()! }))!.lastVerified).to.equal('2026-12-01');
    const reopened = await open([auckland, choir]);
    expect(reopened.get('walk')!.needsVerification).to.equal(false);
    expect(reopened.history('walk')).to.deep.equal([{ group: auckland, source: 'programme' }]);
    const stored = JSON.parse(readFileSync(join(dir, 'walk.json'), 'utf8')) as { current: unknown };
    expect(stored.current).to.deep.equal({
      group: { ...auckland, lastVerified: '2026-12-02', status: 'paused' },
      source: 'admin',
      change: { action: 'verified', by: STAFF, at: NOW.toISO() },
      clearedFlags: [report()],
    });
    expect(await directory.verify('nope', { by: STAFF, at: NOW.toISO()! })).to.equal(undefined);
  });

  it('tells its listener when a group changes, not when it is only flagged', async () => {
    const directory = await open();
    const changed: string[] = [];
    directory.onChange = (id) => changed.push(id);

    await directory.put({ ...walk, cost: '£1' }, STAFF);
    await directory.put({ ...walk, cost: '£1' }, STAFF);
    await directory.flag('choir', report({ sessionKey: 'choir|2026-12-03T14:00' }));
    await directory.verify('choir', { by: STAFF, at: NOW.toISO()! });

    expect(changed).to.deep.equal(['walk', 'choir']);
  });

  it('applies concurrent changes one after another, losing none', async () => {
    const directory = await open();

    await Promise.all([directory.put({ ...walk, cost: '£1' }, 'a'), directory.flag('walk', report()), directory.put({ ...walk, cost: '£2' }, 'b')]);

    const reopened = await open();
    expect(reopened.get('walk')).to.include({ cost: '£2', needsVerification: true });
    expect(reopened.history('walk').map((v) => v.group.cost)).to.deep.equal(['free', '£1']);
  });

  it('refuses to start, listing every problem by path, when a kept group no longer passes validation', async () => {
    const directory = await open();
    await directory.put({ ...walk, cost: '£1' }, STAFF);
    const path = join(dir, 'walk.json');
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { current: { group: Record<string, unknown> } };
    stored.current.group.durationMinutes = 0;
    writeFileSync(path, JSON.stringify(stored));

    const error = await open().then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.deep.equal(['groups.walk.durationMinutes: Too small: expected number to be >=1']);
  });
});
