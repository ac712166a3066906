import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LowdbPushSubscriptions } from '../../storage/lowdb/lowdbPushSubscriptions.js';
import { pushSubscriptionStoreContract, subscription } from '../storage/pushSubscriptionsContract.js';

pushSubscriptionStoreContract('LowdbPushSubscriptions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-push-store-'));
  return {
    store: new LowdbPushSubscriptions(dir),
    reopen: () => new LowdbPushSubscriptions(dir),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('LowdbPushSubscriptions', () => {
  it('keeps each client in its own small file, named as the schedule ledger names them, and refuses an id that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-push-store-'));
    try {
      const store = new LowdbPushSubscriptions(dir);
      await store.add('ab12-client', subscription('phone'));
      expect(existsSync(join(dir, 'ab', 'ab12-client.json'))).to.equal(true);
      let refused: unknown;
      await store.add('../escape', subscription('phone')).catch((error: unknown) => (refused = error));
      expect(refused).to.be.an('error');
      expect(await store.list('../escape')).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
