import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { CorruptDataError, DataDirLockedError } from '../../storage/errors.js';
import { openLowdbStore, type LowdbStore } from '../../storage/lowdb/openLowdbStore.js';
import type { CheckInRecord, ItemResponseRecord, NoteRecord } from '../../storage/records.js';
import { rejectionOf } from './botStorageContract.js';
import { newClient } from './clientStoreContract.js';
import { waitFor } from '../support/waitFor.js';

const response = (itemId: string, value: number): ItemResponseRecord => ({
  checkInId: 'ci-1',
  instrumentId: 'ons4',
  instrumentVersion: '1',
  itemId,
  value,
  optionId: null,
  status: 'answered',
  raw: String(value),
  channel: 'sms',
  answeredAt: '2024-03-01T09:05:00.000Z',
});

const checkIn = (clientId: string, id = 'ci-1', startedAt = '2024-03-01T09:00:00.000Z'): CheckInRecord => ({
  id,
  clientId,
  channel: 'sms',
  instrumentIds: ['ons4'],
  status: 'open',
  startedAt,
});

/** Every file under `root` with what would show that it was rewritten: its inode, mtime and bytes. */
function snapshot(root: string): Map<string, string> {
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const { ino, mtimeMs } = statSync(path);
      return [path, `${ino} ${mtimeMs} ${readFileSync(path, 'base64')}`];
    }),
  );
}

describe('LowdbClientStore', () => {
  let dir: string;
  let store: LowdbStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-clients-'));
    store = await openLowdbStore(dir);
  });

  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function enrol(phone: string, name?: string) {
    const result = await store.clients.create(newClient(phone, name));
    if (!result.ok) throw new Error(`could not enrol ${phone}: ${result.reason}`);
    await store.clients.startCheckIn(checkIn(result.client.id));
    return result.client;
  }

  it('enrols a client under a new id, found by id and by phone', async () => {
    const client = await enrol('+447700900001');
    expect(client.id).to.be.a('string').and.not.equal('');
    expect(client).to.deep.include(newClient('+447700900001'));
    expect(await store.clients.get(client.id)).to.deep.equal(client);
    expect(await store.clients.findByPhone('+447700900001')).to.deep.equal(client);
  });

  it('refuses a second client with the same phone', async () => {
    const first = await enrol('+447700900001');
    const second = await store.clients.create(newClient('+447700900001', 'Bea'));
    expect(second).to.deep.equal({ ok: false, reason: 'duplicate_phone' });
    expect(await store.clients.list()).to.deep.equal([first]);
  });

  it('enrols only one of two racing enrolments with the same phone', async () => {
    const results = await Promise.all([store.clients.create(newClient('+447700900001', 'Ada')), store.clients.create(newClient('+447700900001', 'Bea'))]);
    expect(results.filter((r) => r.ok)).to.have.length(1);
    expect(results.filter((r) => !r.ok)).to.deep.equal([{ ok: false, reason: 'duplicate_phone' }]);
    store.close();
    store = await openLowdbStore(dir);
    expect(await store.clients.list()).to.have.length(1);
  });

  it('keeps clients and their history across a restart', async () => {
    const ada = await enrol('+447700900001', 'Ada');
    const bea = await enrol('+447700900002', 'Bea');
    await store.clients.recordResponse(ada.id, response('ons4-1', 7));
    store.close();

    store = await openLowdbStore(dir);
    expect(await store.clients.get(ada.id)).to.deep.equal(ada);
    expect(await store.clients.findByPhone('+447700900002')).to.deep.equal(bea);
    expect((await store.clients.history(ada.id)).responses).to.deep.equal([response('ons4-1', 7)]);
  });

  it("rewrites only that client's current month when a response is recorded", async () => {
    const ada = await enrol('+447700900001', 'Ada');
    const others = [await enrol('+447700900002', 'Bea'), await enrol('+447700900003', 'Cai')];
    for (const client of [ada, ...others]) await store.clients.recordResponse(client.id, response('ons4-1', 5));
    const before = snapshot(dir);

    await store.clients.recordResponse(ada.id, response('ons4-2', 8));

    const after = snapshot(dir);
    expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(changed).to.have.length(1);
    expect(changed[0]).to.contain(ada.id).and.contain('2024-03');
    expect((await store.clients.history(ada.id)).responses.map((r) => r.itemId)).to.deep.equal(['ons4-1', 'ons4-2']);
  });

  it("keeps a year of check-ins in month files, so recording an answer rewrites only the current month's", async () => {
    const ada = await enrol('+447700900001');
    for (let week = 2; week <= 52; week += 1) {
      const id = `ci-${week}`;
      await store.clients.startCheckIn(checkIn(ada.id, id, new Date(Date.UTC(2024, 2, 1) + (week - 1) * 7 * 86_400_000).toISOString()));
      await store.clients.recordResponse(ada.id, { ...response('ons4-1', week % 11), checkInId: id });
    }
    const before = snapshot(dir);
    await store.clients.recordResponse(ada.id, { ...response('ons4-2', 4), checkInId: 'ci-52' });
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(changed).to.have.length(1);
    expect(changed[0]).to.match(/2025-02\.json$/);
    expect(statSync(changed[0]!).size).to.be.below(4000);
    const history = await store.clients.history(ada.id);
    expect(history.checkIns).to.have.length(52);
    expect(history.responses.filter((r) => r.checkInId === 'ci-52').map((r) => r.itemId)).to.deep.equal(['ons4-1', 'ons4-2']);
  });

  it('returns check-ins in the order they started and notes in the order they were written', async () => {
    const ada = await enrol('+447700900001');
    await store.clients.startCheckIn(checkIn(ada.id, 'ci-0', '2024-02-01T09:00:00.000Z'));
    const note = (checkInId: string | null, createdAt: string, text: string): NoteRecord => ({ checkInId, text, channel: 'sms', createdAt });
    await store.clients.recordNote(ada.id, note(null, '2024-03-02T10:00:00.000Z', 'loose, March'));
    await store.clients.recordNote(ada.id, note('ci-1', '2024-03-01T09:10:00.000Z', 'in check-in'));
    await store.clients.recordNote(ada.id, note(null, '2024-01-20T10:00:00.000Z', 'loose, January'));
    await store.clients.endCheckIn(ada.id, 'ci-1', { status: 'completed', endedAt: '2024-03-01T09:20:00.000Z' }, []);
    store.close();
    store = await openLowdbStore(dir);

    const history = await store.clients.history(ada.id);
    expect(history.checkIns.map((c) => [c.id, c.status])).to.deep.equal([
      ['ci-0', 'open'],
      ['ci-1', 'completed'],
    ]);
    expect(history.notes.map((n) => n.text)).to.deep.equal(['loose, January', 'in check-in', 'loose, March']);
  });

  it('refuses an answer for a check-in that was never started, and a record with an unusable time', async () => {
    const ada = await enrol('+447700900001');
    expect((await rejectionOf(() => store.clients.recordResponse(ada.id, { ...response('ons4-1', 1), checkInId: 'nope' }))).message).to.contain(
      'Unknown check-in',
    );
    expect((await rejectionOf(() => store.clients.startCheckIn({ ...checkIn(ada.id, 'ci-2'), startedAt: '../../index' }))).message).to.contain('Not a month');
    expect((await store.clients.history(ada.id)).responses).to.deep.equal([]);
  });

  it('finds an open check-in after a restart, even when it began in an earlier month', async () => {
    const ada = await enrol('+447700900001');
    await store.clients.recordNote(ada.id, { checkInId: null, text: 'April already', channel: 'sms', createdAt: '2024-04-02T08:00:00.000Z' });
    store.close();
    store = await openLowdbStore(dir);
    await store.clients.recordResponse(ada.id, { ...response('ons4-1', 6), answeredAt: '2024-04-01T00:05:00.000Z' });
    await store.clients.endCheckIn(ada.id, 'ci-1', { status: 'completed', endedAt: '2024-04-01T00:06:00.000Z' }, []);
    const history = await store.clients.history(ada.id);
    expect(history.checkIns.map((c) => c.status)).to.deep.equal(['completed']);
    expect(history.responses.map((r) => r.value)).to.deep.equal([6]);
    expect(readdirSync(join(dir, 'clients', ada.id.slice(0, 2), ada.id)).sort()).to.deep.equal(['2024-03.json', '2024-04.json']);
  });

  it('reports a write that fails, keeps what was stored, and shows no answer that did not reach the disk', async () => {
    const ada = await enrol('+447700900001');
    await store.clients.recordResponse(ada.id, response('ons4-1', 7));
    // A directory where the temp file must go makes the next write fail.
    const blocker = join(dir, 'clients', ada.id.slice(0, 2), ada.id, '.2024-03.json.tmp');
    mkdirSync(blocker);

    await rejectionOf(() => store.clients.recordResponse(ada.id, response('ons4-2', 3)));
    expect((await store.clients.history(ada.id)).responses).to.deep.equal([response('ons4-1', 7)]);

    rmdirSync(blocker);
    await store.clients.recordResponse(ada.id, response('ons4-2', 3));
    store.close();
    store = await openLowdbStore(dir);
    expect((await store.clients.history(ada.id)).responses.map((r) => r.value)).to.deep.equal([7, 3]);
  });

  it('hands out a copy of the history: changing it changes nothing stored', async () => {
    const ada = await enrol('+447700900001');
    await store.clients.recordResponse(ada.id, response('ons4-1', 7));
    const copy = await store.clients.history(ada.id);
    copy.responses.push(response('ons4-2', 1));
    (copy.responses[0] as ItemResponseRecord).value = 0;
    expect((await store.clients.history(ada.id)).responses).to.deep.equal([response('ons4-1', 7)]);
  });

  it('refuses to open over an unreadable client index, naming it and leaving it untouched', async () => {
    await enrol('+447700900001');
    store.close();
    const index = join(dir, 'clients', 'index.json');
    const truncated = readFileSync(index).subarray(0, 20);
    writeFileSync(index, truncated);

    const error = await rejectionOf(() => openLowdbStore(dir));
    expect(error).to.be.instanceOf(CorruptDataError);
    expect(error.message).to.contain(index);
    expect(readFileSync(index).equals(truncated)).to.equal(true);
    // The failed start lets go of the directory, so it can be started again once the index is restored.
    expect(existsSync(join(dir, '.lock'))).to.equal(false);
  });

  it('refuses a second open of a directory in use, and allows it once closed', async () => {
    const error = await rejectionOf(() => openLowdbStore(dir));
    expect(error).to.be.instanceOf(DataDirLockedError);
    store.close();
    store.close();
    store = await openLowdbStore(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).to.equal(String(process.pid));
  });

  it('refuses a directory held by another running process', async () => {
    store.close();
    const moduleUrl = pathToFileURL(join(process.cwd(), 'storage/lowdb/openLowdbStore.ts')).href;
    const script = `const { openLowdbStore } = await import(${JSON.stringify(moduleUrl)});
      const store = await openLowdbStore(process.env.DATA_DIR);
      process.stdout.write('ready');
      process.stdin.on('end', () => store.close()).resume();`;
    const other = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DATA_DIR: dir },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      expect(String((await once(other.stdout, 'data'))[0])).to.equal('ready');
      const error = await rejectionOf(() => openLowdbStore(dir));
      expect(error).to.be.instanceOf(DataDirLockedError);
      expect((error as DataDirLockedError).pid).to.equal(other.pid);
    } finally {
      other.stdin.end();
      await once(other, 'exit');
    }
    store = await openLowdbStore(dir);
  });

  it('takes over a lock left by a process killed and not yet reaped (a zombie, as after kill -9 in a container)', async function () {
    if (process.platform !== 'linux') this.skip();
    store.close();
    // `sleep 0` ends at once, and its parent (now `sleep 5`) never collects it: a zombie for 5 s.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5']);
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const zombie = Number(line.toString().trim());
    await waitFor(() => /\) Z /.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')), { what: `process ${zombie} to be a zombie`, timeoutMs: 3000 });
    writeFileSync(join(dir, '.lock'), String(zombie));
    try {
      store = await openLowdbStore(dir);
      expect(readFileSync(join(dir, '.lock'), 'utf8')).to.equal(String(process.pid));
    } finally {
      parent.kill();
    }
  });

  it('takes over a lock left by a process that has died', async () => {
    store.close();
    const { pid: dead } = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(join(dir, '.lock'), String(dead));
    store = await openLowdbStore(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).to.equal(String(process.pid));
  });
});
