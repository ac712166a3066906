import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { CorruptDataError, DataDirLockedError } from '../../storage/errors.js';
import { openLowdbStore, type LowdbStore } from '../../storage/lowdb/openLowdbStore.js';
import type { ItemResponseRecord, NewClient } from '../../storage/records.js';
import { rejectionOf } from './botStorageContract.js';

const newClient = (phone: string, name = 'Ada'): NewClient => ({
  programmeId: 'walking-group',
  name,
  phone,
  timezone: 'Europe/London',
  linkWorkerId: 'lw-1',
  channel: 'sms',
  createdAt: '2024-03-01T09:00:00.000Z',
});

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
    const results = await Promise.all([
      store.clients.create(newClient('+447700900001', 'Ada')),
      store.clients.create(newClient('+447700900001', 'Bea')),
    ]);
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

  it("rewrites only that client's history file when a response is recorded", async () => {
    const ada = await enrol('+447700900001', 'Ada');
    const others = [await enrol('+447700900002', 'Bea'), await enrol('+447700900003', 'Cai')];
    for (const client of [ada, ...others]) await store.clients.recordResponse(client.id, response('ons4-1', 5));
    const before = snapshot(dir);

    await store.clients.recordResponse(ada.id, response('ons4-2', 8));

    const after = snapshot(dir);
    expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(changed).to.have.length(1);
    expect(changed[0]).to.contain(ada.id);
    expect((await store.clients.history(ada.id)).responses.map((r) => r.itemId)).to.deep.equal(['ons4-1', 'ons4-2']);
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

  it('takes over a lock left by a process that has died', async () => {
    store.close();
    const { pid: dead } = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(join(dir, '.lock'), String(dead));
    store = await openLowdbStore(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).to.equal(String(process.pid));
  });
});
