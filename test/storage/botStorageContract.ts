import { expect } from 'chai';
import type { Storage, StoreItem } from 'botbuilder';

export interface StorageUnderTest {
  storage: Storage;
  cleanup?: () => Promise<void>;
}

/** The botbuilder `Storage` contract (after botbuilder-js StorageBaseTests) that every provider must pass. */
export function storageContract(name: string, make: () => Promise<StorageUnderTest>): void {
  describe(name, () => {
    let subject: StorageUnderTest;
    let storage: Storage;

    beforeEach(async () => {
      subject = await make();
      storage = subject.storage;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    async function readOne(key: string): Promise<StoreItem> {
      const item = (await storage.read([key]))[key] as StoreItem | undefined;
      expect(item, `item "${key}"`).to.be.an('object');
      return item as StoreItem;
    }

    function withoutETag(item: StoreItem): StoreItem {
      const { eTag: _eTag, ...rest } = item;
      return rest;
    }

    it('reads an unknown key as simply absent', async () => {
      const items = await storage.read(['unknown']);
      expect(items).to.deep.equal({});
    });

    it('reads several keys and returns only those that exist', async () => {
      await storage.write({ a: { n: 1 }, c: { n: 3 } });
      const items = await storage.read(['a', 'b', 'c']);
      expect(Object.keys(items).sort()).to.deep.equal(['a', 'c']);
      expect(withoutETag(items.a as StoreItem)).to.deep.equal({ n: 1 });
      expect(withoutETag(items.c as StoreItem)).to.deep.equal({ n: 3 });
    });

    it('reads back exactly the nested object that was written, with an eTag', async () => {
      const state = { dialogStack: [{ id: 'checkIn', state: { step: 2, values: { phq: [1, 0, null] } } }], done: false };
      await storage.write({ conversation: state });
      const item = await readOne('conversation');
      expect(withoutETag(item)).to.deep.equal(state);
      expect(item.eTag).to.be.a('string').and.not.equal('');
    });

    it('stores items as JSON would, so a Date reads back as its ISO string', async () => {
      const at = new Date(Date.UTC(2024, 2, 1, 9, 30));
      await storage.write({ dated: { at } });
      expect((await readOne('dated')).at).to.equal(at.toISOString());
    });

    it('keeps keys with slashes and punctuation apart', async () => {
      const odd = '!@#$%^&*()~/\\><,.?\';"`~';
      await storage.write({ [odd]: { n: 1 }, 'webchat/conversations/abc|0001': { n: 2 } });
      expect((await readOne(odd)).n).to.equal(1);
      expect((await readOne('webchat/conversations/abc|0001')).n).to.equal(2);
    });

    it('hands out copies: changing a read result does not change what is stored', async () => {
      await storage.write({ k: { nested: { list: [1, 2] } } });
      const first = await readOne('k');
      first.nested.list.push(3);
      first.extra = true;
      expect(withoutETag(await readOne('k'))).to.deep.equal({ nested: { list: [1, 2] } });
    });

    it('keeps a copy: changing an object after writing it does not change what is stored', async () => {
      const state = { nested: { list: [1, 2] } };
      await storage.write({ k: state });
      state.nested.list.push(3);
      expect(withoutETag(await readOne('k'))).to.deep.equal({ nested: { list: [1, 2] } });
    });

    it('stamps a new eTag on every write', async () => {
      await storage.write({ k: { n: 1 } });
      const first = await readOne('k');
      await storage.write({ k: { ...first, n: 2 } });
      const second = await readOne('k');
      await storage.write({ k: { n: 3 } });
      const third = await readOne('k');
      expect(new Set([first.eTag, second.eTag, third.eTag]).size).to.equal(3);
    });

    it("always writes when the eTag is '*'", async () => {
      await storage.write({ k: { n: 1 } });
      const stale = await readOne('k');
      await storage.write({ k: { n: 2 } });
      await storage.write({ k: { ...stale, n: 3, eTag: '*' } });
      expect(withoutETag(await readOne('k'))).to.deep.equal({ n: 3 });
    });

    it('always writes when there is no eTag: the last write wins', async () => {
      await storage.write({ k: { n: 1 } });
      await storage.write({ k: { n: 2 } });
      await storage.write({ k: { n: 3 } });
      expect(withoutETag(await readOne('k'))).to.deep.equal({ n: 3 });
    });

    it('writes when the eTag is the current one', async () => {
      await storage.write({ k: { n: 1 } });
      const current = await readOne('k');
      await storage.write({ k: { ...current, n: 2 } });
      const after = await readOne('k');
      expect(after.n).to.equal(2);
      expect(after.eTag).to.not.equal(current.eTag);
    });

    it('rejects a write with a stale eTag and keeps the stored item', async () => {
      await storage.write({ k: { n: 1 } });
      const stale = await readOne('k');
      await storage.write({ k: { ...stale, n: 2 } });
      const winner = await readOne('k');

      const error = await rejectionOf(() => storage.write({ k: { ...stale, n: 3 } }));
      expect(error.message).to.match(/eTag conflict/);
      expect(await readOne('k')).to.deep.equal(winner);
    });

    it('deletes an item', async () => {
      await storage.write({ gone: { n: 1 }, kept: { n: 2 } });
      await storage.delete(['gone']);
      expect(Object.keys(await storage.read(['gone', 'kept']))).to.deep.equal(['kept']);
    });

    it('starts afresh when a deleted key is written again', async () => {
      await storage.write({ k: { old: true } });
      await storage.delete(['k']);
      await storage.write({ k: { fresh: true } });
      expect(withoutETag(await readOne('k'))).to.deep.equal({ fresh: true });
    });

    it('deletes an unknown key without complaint', async () => {
      await storage.delete(['never-written']);
      expect(await storage.read(['never-written'])).to.deep.equal({});
    });

    it('writes, updates and deletes several keys in one call', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      const before = await storage.read(['a', 'b', 'c']);
      await storage.write({ a: { ...before.a, n: 10 }, b: { ...before.b, n: 20 } });
      await storage.delete(['b', 'c']);
      const after = await storage.read(['a', 'b', 'c']);
      expect(Object.keys(after)).to.deep.equal(['a']);
      expect((after.a as StoreItem).n).to.equal(10);
    });

    it('accepts an empty batch', async () => {
      await storage.write({});
      expect(await storage.read([])).to.deep.equal({});
    });

    it('rejects a read, write or delete without keys', async () => {
      const missing = undefined as unknown as string[];
      expect(await rejectionOf(() => storage.read(missing))).to.be.instanceOf(Error);
      expect(await rejectionOf(() => storage.write(missing as never))).to.be.instanceOf(Error);
      expect(await rejectionOf(() => storage.delete(missing))).to.be.instanceOf(Error);
    });
  });
}

/** The error `work` fails with, whether it throws or rejects; fails the test when it succeeds. */
export async function rejectionOf(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
