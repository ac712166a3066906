import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
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
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    const storage = new LowdbBotStorage(dir);
    await storage.write({ k: { turn: 0 } });
    const seen = (await readOne(storage, 'k')) as StoreItem;

    const outcomes = await Promise.allSettled([
      storage.write({ k: { ...seen, turn: 1 } }),
      storage.write({ k: { ...seen, turn: 2 } }),
    ]);
    const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i + 1] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]).to.be.instanceOf(ETagConflictError);
    expect((await readOne(new LowdbBotStorage(dir), 'k'))?.turn).to.equal(won[0]);
  });
});
