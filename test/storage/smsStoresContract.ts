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
