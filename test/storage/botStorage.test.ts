import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { MemoryStorage, type StoreItem } from 'botbuilder';
import { CorruptDataError, ETagConflictError } from '../../storage/errors.js';
import { LowdbBotStorage } from '../../storage/lowdb/lowdbBotStorage.js';
import { rejectionOf, storageContract } from './botStorageContract.js';

storageContract('MemoryStorage', async () => ({ storage: new MemoryStorage() }));

storageContract('LowdbBotStorage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-bot-storage-'));
  return { storage: new LowdbBotStorage(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('LowdbBotStorage', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-bot-storage-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function readOne(storage: LowdbBotStorage, key: string): Promise<StoreItem | undefined> {
    return (await storage.read([key]))[key];
  }

  /** Every file under `dir`, relative to it. */
  function filesIn(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  }

  it('keeps conversation state, eTag included, across a restart', async () => {
    const before = new LowdbBotStorage(dir);
    await before.write({ 'sms/conversations/+447700900001': { dialogStack: [{ id: 'checkIn' }] } });
    const written = await readOne(before, 'sms/conversations/+447700900001');

    const after = new LowdbBotStorage(dir);
    const restored = await readOne(after, 'sms/conversations/+447700900001');
    expect(restored).to.deep.equal(written);

    // The eTag read before the restart is still the current one.
    await after.write({ 'sms/conversations/+447700900001': { ...restored, dialogStack: [] } });
    expect((await readOne(new LowdbBotStorage(dir), 'sms/conversations/+447700900001'))?.dialogStack).to.deep.equal([]);
  });

  it('writes one small file per key', async () => {
    const storage = new LowdbBotStorage(dir);
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.write({ a: { n: 3 } });
    expect(filesIn(dir)).to.have.length(2);
  });

  it('refuses to read or overwrite a state file that is not valid JSON', async () => {
    await new LowdbBotStorage(dir).write({ 'webchat/conversations/c1': { step: 1 } });
    const [file, ...others] = filesIn(dir);
    expect(others).to.deep.equal([]);
    writeFileSync(file as string, '{"key": "webchat/conv');

    const storage = new LowdbBotStorage(dir);
    const readError = await rejectionOf(() => storage.read(['webchat/conversations/c1']));
    expect(readError).to.be.instanceOf(CorruptDataError);
    expect(readError.message).to.contain(file);

    const writeError = await rejectionOf(() => storage.write({ 'webchat/conversations/c1': { step: 2, eTag: '*' } }));
    expect(writeError).to.be.instanceOf(CorruptDataError);
    expect(readFileSync(file as string, 'utf8')).to.equal('{"key": "webchat/conv');

    const deleteError = await rejectionOf(() => storage.delete(['webchat/conversations/c1']));
    expect(deleteError).to.be.instanceOf(CorruptDataError);
    expect(readFileSync(file as string, 'utf8'), 'never deleted').to.equal('{"key": "webchat/conv');
  });

  it('with a quarantine, moves an unreadable state file aside (timestamped, contents kept) and starts that key afresh', async () => {
    await new LowdbBotStorage(dir).write({ 'sms/conversations/a': { step: 1 }, 'sms/conversations/b': { step: 1 } });
    const [fileA, fileB] = filesIn(dir).sort();
    writeFileSync(fileA as string, '{"key": "sms/conv');
    writeFileSync(fileB as string, '');
    const quarantineDir = join(dir, '..', `${basename(dir)}-quarantine`);
    const moved: string[][] = [];
    const storage = new LowdbBotStorage(dir, {
      dir: quarantineDir,
      now: () => DateTime.fromISO('2026-03-02T10:15:30.250Z'),
      moved: (from, to) => moved.push([from, to]),
    });

    const items = await storage.read(['sms/conversations/a', 'sms/conversations/b']);
    expect(items).to.deep.equal({});
    const kept = readdirSync(quarantineDir).sort();
    expect(kept).to.have.length(2);
    for (const name of kept) expect(name).to.match(/^20260302T101530\.250Z-[0-9a-f]{2}_[0-9a-f]{38}\.json$/);
    expect(kept.map((name) => readFileSync(join(quarantineDir, name), 'utf8')).sort()).to.deep.equal(['', '{"key": "sms/conv']);
    expect(moved.map(([from]) => from).sort()).to.deep.equal([fileA, fileB].sort());
    expect(existsSync(fileA as string)).to.equal(false);

    await storage.write({ 'sms/conversations/a': { step: 9 } });
    expect((await readOne(storage, 'sms/conversations/a'))?.step).to.equal(9);
    await rm(quarantineDir, { recursive: true, force: true });
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    const storage = new LowdbBotStorage(dir);
    await storage.write({ k: { turn: 0 } });
    const seen = (await readOne(storage, 'k')) as StoreItem;

    const outcomes = await Promise.allSettled([storage.write({ k: { ...seen, turn: 1 } }), storage.write({ k: { ...seen, turn: 2 } })]);
    const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i + 1] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]).to.be.instanceOf(ETagConflictError);
    expect((await readOne(new LowdbBotStorage(dir), 'k'))?.turn).to.equal(won[0]);
  });
});
