import { MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT, type PushSubscriptionRecord, type PushSubscriptionStore } from '../ports.js';
import { DocumentStore } from './documentStore.js';

interface PushSubscriptionsDocument {
  clientId: string;
  /** Oldest first. */
  subscriptions: PushSubscriptionRecord[];
}

const CLIENT_ID = /^[A-Za-z0-9-]{2,64}$/;

/**
 * Web Push subscriptions on lowdb: one small document per client, `<id[0..2]>/<id>.json` (as the
 * schedule ledger), holding at most MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT subscriptions.
 */
export class LowdbPushSubscriptions implements PushSubscriptionStore {
  private readonly documents: DocumentStore<PushSubscriptionsDocument>;

  constructor(dir: string, cacheSize = 1000) {
    this.documents = new DocumentStore(dir, (clientId) => `${clientId.slice(0, 2)}/${clientId}.json`, cacheSize);
  }

  async add(clientId: string, subscription: PushSubscriptionRecord): Promise<void> {
    if (!CLIENT_ID.test(clientId)) throw new Error('Not a client id');
    await this.documents.update(clientId, (current) => {
      const kept = (current?.subscriptions ?? []).filter((s) => s.endpoint !== subscription.endpoint);
      const subscriptions = [...kept, structuredClone(subscription)].slice(-MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT);
      return { next: { clientId, subscriptions }, result: undefined };
    });
  }

  async list(clientId: string): Promise<PushSubscriptionRecord[]> {
    if (!CLIENT_ID.test(clientId)) return [];
    const found = await this.documents.read(clientId);
    return found ? structuredClone(found.subscriptions) : [];
  }

  async remove(clientId: string, endpoint: string): Promise<boolean> {
    if (!CLIENT_ID.test(clientId)) return false;
    return this.documents.update(clientId, (current) => {
      const subscriptions = current?.subscriptions ?? [];
      const kept = subscriptions.filter((s) => s.endpoint !== endpoint);
      if (!current || kept.length === subscriptions.length) return { result: false };
      return { next: { ...current, subscriptions: kept }, result: true };
    });
  }

  async removeForClient(clientId: string): Promise<number> {
    if (!CLIENT_ID.test(clientId)) return 0;
    const count = (await this.documents.read(clientId))?.subscriptions.length ?? 0;
    await this.documents.remove(clientId);
    return count;
  }
}
