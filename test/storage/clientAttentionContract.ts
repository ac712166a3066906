import { expect } from 'chai';
import type { ClientAttention, ClientRepository } from '../../storage/ports.js';
import { newClient } from './clientStoreContract.js';

export interface ClientAttentionUnderTest {
  clients: ClientRepository;
  attention: ClientAttention;
  /** The same attention as another instance sharing the store sees it (the same object where there is only one). */
  other: ClientAttention;
  cleanup?: () => Promise<void>;
}

const T0 = '2026-03-02T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/**
 * When clients next need the scheduler, the contract every backend passes. Atomic promises: a
 * client taken is held for whoever took them (however many take at once, from any instance); a
 * plan made before a wake or a change to the client is not kept (compare-and-set on the token).
 */
export function clientAttentionContract(name: string, make: () => Promise<ClientAttentionUnderTest>): void {
  describe(name, () => {
    let subject: ClientAttentionUnderTest;
    let attention: ClientAttention;
    beforeEach(async () => {
      subject = await make();
      attention = subject.attention;
    });
    afterEach(async () => subject.cleanup?.());

    const enrol = async (phone: string) => {
      const created = await subject.clients.create(newClient(phone));
      if (!created.ok) throw new Error('not created');
      return created.client.id;
    };
    const ids = (taken: Array<{ client: { id: string } }>) => taken.map((t) => t.client.id).sort();

    it('has a new client due at once, holds them while planned, and has them due again when the hold runs out', async () => {
      expect(await attention.soonest(T0)).to.equal(undefined);
      const id = await enrol('+447700900001');
      expect(await attention.soonest(T0)).to.equal(T0);
      const [taken, ...more] = await attention.take(T0, at(1), 10);
      expect(taken?.client).to.include({ id, phone: '+447700900001' });
      expect(more).to.deep.equal([]);
      expect(await attention.take(T0, at(1), 10), 'held by whoever took them').to.deep.equal([]);
      expect(ids(await subject.other.take(at(1), at(2), 10)), 'the hold ran out (the planner died)').to.deep.equal([id]);
      expect(await attention.planned(id, taken!.token, at(60)), 'a plan made under a hold that ran out and was taken again is not kept').to.equal(false);
    });

    it('keeps a plan: the client is due again at the time it set, and not before', async () => {
      const id = await enrol('+447700900002');
      const [taken] = await attention.take(T0, at(1), 10);
      expect(await attention.planned(id, taken!.token, at(90))).to.equal(true);
      expect(await attention.soonest(T0)).to.equal(at(90));
      expect(await attention.take(at(89), at(91), 10)).to.deep.equal([]);
      expect(ids(await attention.take(at(90), at(91), 10))).to.deep.equal([id]);
    });

    it('does not keep a plan made before a wake, or before a change to the client: they stay due', async () => {
      const woken = await enrol('+447700900003');
      const changed = await enrol('+447700900004');
      const taken = await attention.take(T0, at(1), 10);
      await attention.wake(woken);
      await subject.clients.update(changed, (c) => ({ ...c, pausedUntil: '2026-04-01' }));
      for (const { client, token } of taken) expect(await attention.planned(client.id, token, at(90)), client.id).to.equal(false);
      expect(ids(await attention.take(T0, at(1), 10))).to.deep.equal([woken, changed].sort());
    });

    it('has a planned client due again when woken or changed, but not for a change that changes nothing', async () => {
      const [a, b, c] = [await enrol('+447700900005'), await enrol('+447700900006'), await enrol('+447700900007')];
      for (const { client, token } of await attention.take(T0, at(1), 10)) await attention.planned(client.id, token, at(600));
      await attention.wake(a);
      await subject.clients.update(b, (record) => ({ ...record, timezone: 'Europe/Dublin' }));
      await subject.clients.update(c, (record) => ({ ...record }));
      expect(ids(await attention.take(at(5), at(6), 10))).to.deep.equal([a, b].sort());
    });

    it('takes at most the number asked, those due longest first, and has everyone due after wakeAll', async () => {
      const [a, b, c] = [await enrol('+447700900008'), await enrol('+447700900009'), await enrol('+447700900010')];
      const first = await attention.take(T0, at(1), 3);
      const plans = { [a]: at(30), [b]: at(10), [c]: at(20) };
      for (const { client, token } of first) await attention.planned(client.id, token, plans[client.id]!);
      expect(ids(await attention.take(at(40), at(41), 2))).to.deep.equal([b, c].sort());
      await attention.wakeAll();
      expect(await attention.soonest(at(40))).to.equal(at(40));
      expect(ids(await attention.take(at(40), at(41), 10))).to.deep.equal([a, b, c].sort());
    });

    it('keeps the plans when started again under the basis they were made under, and wakes everyone under another', async () => {
      const [a, b] = [await enrol('+447700900013'), await enrol('+447700900014')];
      const planAll = async (now: string) => {
        for (const { client, token } of await attention.take(now, at(1), 10)) await attention.planned(client.id, token, client.id === a ? at(30) : at(60));
      };
      await planAll(T0);
      expect(await attention.wakeAll('programme-1/code-1'), 'a basis never seen').to.equal(true);
      expect(ids(await attention.take(T0, at(1), 10))).to.deep.equal([a, b].sort());
      await planAll(at(1));
      expect(await subject.other.wakeAll('programme-1/code-1'), 'another instance starting under the same basis').to.equal(false);
      expect(await attention.take(at(5), at(6), 10), 'nobody planned again').to.deep.equal([]);
      expect(await attention.soonest(at(5))).to.equal(at(30));
      expect(await subject.other.wakeAll('programme-2/code-1'), 'the programme changed').to.equal(true);
      expect(ids(await attention.take(at(5), at(6), 10))).to.deep.equal([a, b].sort());
      await planAll(at(6));
      expect(await attention.wakeAll(), 'a start that names no basis').to.equal(true);
      expect(await attention.wakeAll('programme-2/code-1'), 'plans made under no basis are not kept').to.equal(true);
    });

    it('never hands one client to two takers at once, on this instance or another', async () => {
      for (let i = 0; i < 40; i++) await enrol(`+4477009001${String(i).padStart(2, '0')}`);
      const takes = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? subject.other : attention).take(T0, at(1), 9)));
      const all = takes.flatMap(ids);
      expect(all).to.have.length(40);
      expect(new Set(all).size).to.equal(40);
    });

    it('forgets an erased client', async () => {
      const gone = await enrol('+447700900011');
      const kept = await enrol('+447700900012');
      await subject.clients.erase(gone);
      expect(ids(await attention.take(T0, at(1), 10))).to.deep.equal([kept]);
      await attention.wake(gone);
      expect(await attention.take(T0, at(1), 10)).to.deep.equal([]);
    });
  });
}
