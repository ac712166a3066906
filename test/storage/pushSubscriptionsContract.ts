import { expect } from 'chai';
import { MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT, type PushSubscriptionRecord, type PushSubscriptionStore } from '../../storage/ports.js';

export interface PushStoreUnderTest {
  store: PushSubscriptionStore;
  /** The same data, opened afresh (as after a restart). */
  reopen(): PushSubscriptionStore;
  cleanup(): Promise<void> | void;
}

export function subscription(name: string, minute = 0): PushSubscriptionRecord {
  return {
    endpoint: `https://push.example.org/send/${name}`,
    expirationTime: null,
    keys: { p256dh: `p256dh-of-${name}`, auth: `auth-of-${name}` },
    createdAt: `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
  };
}

/** The PushSubscriptionStore contract, for every backend. */
export function pushSubscriptionStoreContract(name: string, make: () => Promise<PushStoreUnderTest>): void {
  describe(name, () => {
    let subject: PushStoreUnderTest;
    let store: PushSubscriptionStore;
    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('lists no subscriptions for a client who has none', async () => {
      expect(await store.list('client-1')).to.deep.equal([]);
    });

    it('keeps subscriptions per client, oldest first, as given', async () => {
      await store.add('client-1', subscription('phone', 1));
      await store.add('client-1', subscription('laptop', 2));
      await store.add('client-2', subscription('tablet', 3));
      expect(await store.list('client-1')).to.deep.equal([subscription('phone', 1), subscription('laptop', 2)]);
      expect(await store.list('client-2')).to.deep.equal([subscription('tablet', 3)]);
    });

    it('replaces a subscription with the same endpoint (its new keys, now the newest)', async () => {
      await store.add('client-1', subscription('phone', 1));
      await store.add('client-1', subscription('laptop', 2));
      const renewed = { ...subscription('phone', 5), keys: { p256dh: 'new-p256dh', auth: 'new-auth' } };
      await store.add('client-1', renewed);
      expect(await store.list('client-1')).to.deep.equal([subscription('laptop', 2), renewed]);
    });

    it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT} per client, dropping the oldest`, async () => {
      for (let i = 0; i <= MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT; i += 1) await store.add('client-1', subscription(`browser-${i}`, i));
      const kept = (await store.list('client-1')).map((s) => s.endpoint);
      expect(kept).to.have.length(MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT);
      expect(kept).to.not.include(subscription('browser-0').endpoint);
      expect(kept.at(-1)).to.equal(subscription(`browser-${MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT}`).endpoint);
    });

    it('removes one subscription of one client, and says whether there was one', async () => {
      await store.add('client-1', subscription('phone'));
      await store.add('client-2', subscription('phone'));
      expect(await store.remove('client-1', subscription('phone').endpoint)).to.equal(true);
      expect(await store.remove('client-1', subscription('phone').endpoint)).to.equal(false);
      expect(await store.remove('client-3', subscription('phone').endpoint)).to.equal(false);
      expect(await store.list('client-1')).to.deep.equal([]);
      expect(await store.list('client-2')).to.have.length(1);
    });

    it('removes every subscription of a client and says how many', async () => {
      await store.add('client-1', subscription('phone'));
      await store.add('client-1', subscription('laptop'));
      await store.add('client-2', subscription('tablet'));
      expect(await store.removeForClient('client-1')).to.equal(2);
      expect(await store.removeForClient('client-1')).to.equal(0);
      expect(await store.list('client-1')).to.deep.equal([]);
      expect(await store.list('client-2')).to.have.length(1);
    });

    it('hands out copies: changing a listed record changes nothing kept', async () => {
      const given = subscription('phone');
      await store.add('client-1', given);
      given.keys.auth = 'changed-after-add';
      const listed = await store.list('client-1');
      listed[0]!.endpoint = 'https://elsewhere.example.org/';
      expect(await store.list('client-1')).to.deep.equal([subscription('phone')]);
    });

    it('keeps subscriptions across a restart', async () => {
      await store.add('client-1', subscription('phone'));
      expect(await subject.reopen().list('client-1')).to.deep.equal([subscription('phone')]);
    });
  });
}
