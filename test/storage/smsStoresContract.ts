import { expect } from 'chai';
import type { SmsInbox, SmsOutbox } from '../../storage/ports.js';
import type { InboundSmsRecord, OutboundSmsRecord } from '../../storage/records.js';

export interface SmsStoresUnderTest {
  inbox: SmsInbox;
  outbox: SmsOutbox;
  /** The same stores opened again (a restart). */
  reopen: () => Promise<{ inbox: SmsInbox; outbox: SmsOutbox }>;
  cleanup?: () => Promise<void>;
}

const sid = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;
const inbound = (n: number, clientId = 'client-a', at = `2026-03-02T10:00:0${n % 10}.000Z`): InboundSmsRecord => ({
  sid: sid(n),
  clientId,
  body: `message ${n}`,
  numMedia: 0,
  optOutType: null,
  receivedAt: at,
});
const outbound = (id: string, overrides: Partial<OutboundSmsRecord> = {}): OutboundSmsRecord => ({
  id,
  clientId: 'client-a',
  to: '+447700900111',
  body: `text ${id}`,
  seq: 0,
  createdAt: '2026-03-02T10:00:00.000Z',
  status: 'queued',
  attempts: 0,
  nextAttemptAt: '2026-03-02T10:00:00.000Z',
  ...overrides,
});

/**
 * The SMS inbox and outbox contracts every backend must pass. Their atomic promises: a text is
 * accepted once (Twilio retries, from any instance); a message id is added once; a change under
 * `update` is never lost to another; a Twilio sid is never taken for two messages.
 */
export function smsStoresContract(name: string, make: () => Promise<SmsStoresUnderTest>): void {
  describe(name, () => {
    let subject: SmsStoresUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    describe('SmsInbox', () => {
      it('accepts a text once however many times it arrives at once, and keeps it across a restart until handled', async () => {
        const results = await Promise.all([1, 2, 3, 4].map(() => subject.inbox.accept(inbound(1))));
        expect(results.filter(Boolean)).to.have.length(1);
        const { inbox } = await subject.reopen();
        expect(await inbox.unhandled()).to.deep.equal([inbound(1)]);
      });

      it('lists texts not yet handled oldest first, and refuses a retry of one already handled', async () => {
        await subject.inbox.accept(inbound(3, 'client-a', '2026-03-02T10:00:03.000Z'));
        await subject.inbox.accept(inbound(2, 'client-a', '2026-03-02T10:00:02.000Z'));
        await subject.inbox.accept(inbound(4, 'client-b', '2026-03-02T10:00:04.000Z'));
        await subject.inbox.markHandled(sid(2));
        expect((await subject.inbox.unhandled()).map((m) => m.sid)).to.deep.equal([sid(3), sid(4)]);
        expect(await subject.inbox.accept(inbound(2)), 'a retry after it was handled').to.equal(false);
      });

      it("drops one client's texts not yet handled, and only theirs", async () => {
        await subject.inbox.accept(inbound(5, 'client-a'));
        await subject.inbox.accept(inbound(6, 'client-a'));
        await subject.inbox.accept(inbound(7, 'client-b'));
        await subject.inbox.markHandled(sid(6));
        expect(await subject.inbox.removePendingFor('client-a')).to.equal(1);
        expect((await subject.inbox.unhandled()).map((m) => m.clientId)).to.deep.equal(['client-b']);
      });
    });

    describe('SmsOutbox', () => {
      it('adds a message once, even after it was sent, and reads it back as written', async () => {
        const results = await Promise.all([1, 2, 3].map(() => subject.outbox.add(outbound('m-1'))));
        expect(results.filter(Boolean)).to.have.length(1);
        await subject.outbox.update('m-1', (r) => ({ ...r, status: 'sent', twilioSid: sid(9), sentAt: '2026-03-02T10:00:05.000Z' }));
        expect(await subject.outbox.add(outbound('m-1')), 'added again after it was sent').to.equal(false);
        expect(await subject.outbox.get('m-1')).to.deep.equal({ ...outbound('m-1'), status: 'sent', twilioSid: sid(9), sentAt: '2026-03-02T10:00:05.000Z' });
        expect(await subject.outbox.get('no-such-message')).to.equal(undefined);
        expect(await subject.outbox.update('no-such-message', (r) => r)).to.equal(undefined);
      });

      it('loses no change when several are made at once', async () => {
        await subject.outbox.add(outbound('m-2'));
        await Promise.all(Array.from({ length: 10 }, () => subject.outbox.update('m-2', (r) => ({ ...r, attempts: r.attempts + 1 }))));
        expect((await subject.outbox.get('m-2'))!.attempts).to.equal(10);
      });

      it('lists what is queued or being sent, oldest first, across a restart; sent and failed ones leave the list and come back if queued again', async () => {
        await subject.outbox.add(outbound('m-b', { createdAt: '2026-03-02T10:00:01.000Z', seq: 1 }));
        await subject.outbox.add(outbound('m-a', { createdAt: '2026-03-02T10:00:01.000Z', seq: 0 }));
        await subject.outbox.add(outbound('m-c', { createdAt: '2026-03-02T10:00:00.000Z', seq: 5, clientId: 'client-b', to: '+447700900222' }));
        await subject.outbox.add(outbound('m-d', { createdAt: '2026-03-02T10:00:02.000Z' }));
        await subject.outbox.update('m-b', (r) => ({ ...r, status: 'sending', sendingSince: '2026-03-02T10:00:03.000Z' }));
        await subject.outbox.update('m-d', (r) => ({ ...r, status: 'failed' }));
        const { outbox } = await subject.reopen();
        expect((await outbox.unsent()).map((r) => r.id)).to.deep.equal(['m-c', 'm-a', 'm-b']);
        await outbox.update('m-d', (r) => ({ ...r, status: 'queued' }));
        expect((await outbox.unsent()).map((r) => r.id)).to.deep.equal(['m-c', 'm-a', 'm-b', 'm-d']);
        expect((await outbox.forClient('client-a')).map((r) => r.id)).to.deep.equal(['m-a', 'm-b', 'm-d']);
      });

      it("finds what an instance may take on: nobody's, or a dead holder's, never a client another live holder has; oldest first, a page at a time", async () => {
        const now = '2026-03-02T10:01:00.000Z';
        const live = { until: '2026-03-02T10:01:20.000Z' };
        const lapsed = { until: '2026-03-02T10:00:40.000Z' };
        const at = (second: number) => `2026-03-02T10:00:${String(second).padStart(2, '0')}.000Z`;
        // Client A: one message a live other instance holds, one behind it nobody holds (it must wait its turn there).
        await subject.outbox.add(outbound('a-1', { clientId: 'client-a', createdAt: at(1), lease: { owner: 'other', ...live } }));
        await subject.outbox.add(outbound('a-2', { clientId: 'client-a', createdAt: at(2) }));
        // Client B: held by an instance whose lease ran out (it died), and one nobody holds.
        await subject.outbox.add(outbound('b-1', { clientId: 'client-b', createdAt: at(3), status: 'sending', lease: { owner: 'dead', ...lapsed } }));
        await subject.outbox.add(outbound('b-2', { clientId: 'client-b', createdAt: at(4) }));
        // Client C: the asker's own, and one of theirs already sent.
        await subject.outbox.add(outbound('c-1', { clientId: 'client-c', createdAt: at(5), lease: { owner: 'me', ...live } }));
        await subject.outbox.add(outbound('c-0', { clientId: 'client-c', createdAt: at(0), lease: { owner: 'other', ...live } }));
        await subject.outbox.update('c-0', (r) => ({ ...r, status: 'sent' }));
        await subject.outbox.add(outbound('d-1', { clientId: 'client-d', createdAt: at(6) }));
        const ids = async (limit: number) => (await subject.outbox.leftOver('me', now, limit)).map((r) => r.id);
        expect(await ids(10)).to.deep.equal(['b-1', 'b-2', 'd-1']);
        expect(await ids(2), 'a page').to.deep.equal(['b-1', 'b-2']);
        expect(
          await subject.outbox.leftOver('other', now, 10).then((r) => r.map((m) => m.id)),
          'as the other instance sees it: behind its own, and not what the asker holds',
        ).to.deep.equal(['a-2', 'b-1', 'b-2', 'd-1']);
        // The other instance's lease runs out: client A's messages are anyone's.
        expect(
          await ids(10)
            .then(() => subject.outbox.leftOver('me', '2026-03-02T10:01:30.000Z', 10))
            .then((r) => r.map((m) => m.id)),
        ).to.deep.equal(['a-1', 'a-2', 'b-1', 'b-2', 'd-1']);
      });

      it("renews only the holder's own leases that have not run out, on unsent messages", async () => {
        const now = '2026-03-02T10:01:00.000Z';
        const until = '2026-03-02T10:01:30.000Z';
        await subject.outbox.add(outbound('r-live', { lease: { owner: 'me', until: '2026-03-02T10:01:10.000Z' } }));
        await subject.outbox.add(outbound('r-lapsed', { lease: { owner: 'me', until: '2026-03-02T10:00:50.000Z' } }));
        await subject.outbox.add(outbound('r-theirs', { lease: { owner: 'other', until: '2026-03-02T10:01:10.000Z' } }));
        await subject.outbox.add(outbound('r-sent', { status: 'sent', lease: { owner: 'me', until: '2026-03-02T10:01:10.000Z' } }));
        await subject.outbox.add(outbound('r-unasked', { lease: { owner: 'me', until: '2026-03-02T10:01:10.000Z' } }));
        const asked = ['r-live', 'r-lapsed', 'r-theirs', 'r-sent', 'no-such-message'];
        expect(await subject.outbox.renewLeases('me', asked, now, until)).to.equal(1);
        const { outbox } = await subject.reopen();
        const leases = Object.fromEntries(
          await Promise.all(['r-live', 'r-lapsed', 'r-theirs', 'r-sent', 'r-unasked'].map(async (id) => [id, (await outbox.get(id))!.lease!.until])),
        );
        expect(leases).to.deep.equal({
          'r-live': until,
          'r-lapsed': '2026-03-02T10:00:50.000Z',
          'r-theirs': '2026-03-02T10:01:10.000Z',
          'r-sent': '2026-03-02T10:01:10.000Z',
          'r-unasked': '2026-03-02T10:01:10.000Z',
        });
        expect(await outbox.renewLeases('me', [], now, until)).to.equal(0);
      });

      it('never takes one Twilio sid for two messages, however the claims race', async () => {
        const to = '+447700900111';
        const claims = await Promise.all(['m-x', 'm-y', 'm-z'].map((id) => subject.outbox.claimSid(to, sid(42), id, '2026-03-02T10:00:00.000Z')));
        expect(claims.filter(Boolean)).to.have.length(1);
        const owner = ['m-x', 'm-y', 'm-z'][claims.indexOf(true)]!;
        expect(await subject.outbox.claimSid(to, sid(42), owner, '2026-03-02T10:01:00.000Z'), 'its own message again').to.equal(true);
        const { outbox } = await subject.reopen();
        expect(await outbox.claimSid(to, sid(42), owner === 'm-x' ? 'm-y' : 'm-x', '2026-03-02T10:02:00.000Z'), 'after a restart').to.equal(false);
      });

      it("removes a client's messages and the sids claimed for their number", async () => {
        const to = '+447700900111';
        await subject.outbox.add(outbound('m-e'));
        await subject.outbox.add(outbound('m-f', { clientId: 'client-b', to: '+447700900222' }));
        await subject.outbox.claimSid(to, sid(77), 'm-e', '2026-03-02T10:00:00.000Z');
        expect(await subject.outbox.removeForClient('client-a', to)).to.equal(1);
        expect(await subject.outbox.get('m-e')).to.equal(undefined);
        expect((await subject.outbox.forClient('client-b')).map((r) => r.id)).to.deep.equal(['m-f']);
        expect(await subject.outbox.claimSid(to, sid(77), 'm-g', '2026-03-02T10:05:00.000Z'), 'the sid is forgotten with them').to.equal(true);
      });
    });
  });
}
