import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { WEB_CHAT_KEPT, type WebChatTranscripts } from '../../storage/ports.js';

export interface TranscriptsUnderTest {
  transcripts: WebChatTranscripts;
  /** The same store opened again (a restart), when the backend can. */
  reopen?: () => Promise<WebChatTranscripts>;
  cleanup?: () => Promise<void>;
}

const message = (text: string, at = '2026-03-02T10:00:00.000Z', extra: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  text,
  timestamp: new Date(at),
  ...extra,
});

/** The WebChatTranscripts contract every backend must pass: one conversation per client, numbered, bounded, idempotent. */
export function webChatTranscriptsContract(name: string, make: () => Promise<TranscriptsUnderTest>): void {
  describe(name, () => {
    let subject: TranscriptsUnderTest;
    let store: WebChatTranscripts;

    beforeEach(async () => {
      subject = await make();
      store = subject.transcripts;
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('gives a client one conversation: the first id stays, whoever opens it later and with whatever id', async () => {
      expect(await store.get('client-a')).to.equal(undefined);
      const first = await store.open('client-a', 'conv-1');
      const [second, third] = await Promise.all([store.open('client-a', 'conv-2'), store.open('client-a', 'conv-3')]);
      expect([first.conversationId, second.conversationId, third.conversationId]).to.deep.equal(['conv-1', 'conv-1', 'conv-1']);
      expect((await store.open('client-b', 'conv-9')).conversationId).to.equal('conv-9');
    });

    it('lets exactly one opener start the conversation', async () => {
      await store.open('client-a', 'conv-1');
      const results = await Promise.all([store.markStarted('client-a'), store.markStarted('client-a'), store.markStarted('client-a')]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect((await store.get('client-a'))!.started).to.equal(true);
      expect(await store.markStarted('nobody-here'), 'no conversation, nothing started').to.equal(false);
    });

    it('numbers activities in order from 0, reads from any place, and keeps them across a reopening', async () => {
      await store.open('client-a', 'conv-1');
      const ids = await store.append('client-a', [message('one'), message('two')]);
      expect(ids).to.deep.equal([
        { id: 'conv-1|0000000', duplicate: false },
        { id: 'conv-1|0000001', duplicate: false },
      ]);
      await store.append('client-a', [message('three')]);
      const reread = subject.reopen ? await subject.reopen() : store;
      expect((await reread.since('client-a', 0)).activities.map((a) => a.text)).to.deep.equal(['one', 'two', 'three']);
      expect(await reread.since('client-a', 2).then((r) => [r.activities.map((a) => a.text), r.next])).to.deep.equal([['three'], 3]);
      expect(await reread.since('client-a', 3).then((r) => [r.activities.length, r.next])).to.deep.equal([0, 3]);
      expect((await reread.since('client-a', 99)).activities, 'a place past the end reads it all').to.have.length(3);
      expect(await reread.since('nobody-here', 0)).to.deep.equal({ activities: [], next: 0 });
    });

    it('refuses to append to a client who has no conversation', async () => {
      const failed = await store.append('nobody-here', [message('hi')]).then(
        () => 'appended',
        () => 'refused',
      );
      expect(failed).to.equal('refused');
    });

    it('keeps a posted activity once when the page sends it again with the same client activity id', async () => {
      await store.open('client-a', 'conv-1');
      const sent = message('hello', undefined, { channelData: { clientActivityID: 'abc' } });
      const [first] = await store.append('client-a', [sent]);
      const [again] = await store.append('client-a', [sent]);
      expect(again).to.deep.equal({ id: first!.id, duplicate: true });
      expect((await store.since('client-a', 0)).activities).to.have.length(1);
    });

    it(`keeps at most ${WEB_CHAT_KEPT.activities} activities and ${WEB_CHAT_KEPT.bytes / 1024} KB, the oldest going first, places unchanged`, async () => {
      await store.open('client-a', 'conv-1');
      for (let i = 0; i < WEB_CHAT_KEPT.activities + 20; i += 10) {
        await store.append(
          'client-a',
          Array.from({ length: 10 }, (_, j) => message(`m${i + j}`)),
        );
      }
      const kept = await store.since('client-a', 0);
      expect(kept.activities).to.have.length(WEB_CHAT_KEPT.activities);
      expect(kept.activities[0]!.text).to.equal('m20');
      expect(kept.activities[0]!.id).to.equal('conv-1|0000020');
      expect(kept.next).to.equal(WEB_CHAT_KEPT.activities + 20);
      await store.append('client-a', [message('x'.repeat(WEB_CHAT_KEPT.bytes))]);
      const big = await store.since('client-a', 0);
      expect(big.activities, 'an activity larger than the limit is kept alone').to.have.length(1);
    });

    it(`lets a few long activities go by their size alone, well before ${WEB_CHAT_KEPT.activities} of them, and after a reopening`, async () => {
      await store.open('client-a', 'conv-1');
      // Each a little over four tenths of the limit: two fit, three do not.
      const long = (n: number) => message(`${n} ${'x'.repeat(Math.floor(WEB_CHAT_KEPT.bytes * 0.4))}`);
      const texts = async (on: WebChatTranscripts) => (await on.since('client-a', 0)).activities.map((a) => a.text!.slice(0, 5));
      await store.append('client-a', [message('hello'), long(1), long(2)]);
      expect(await texts(store)).to.deep.equal(['hello', '1 xxx', '2 xxx']);
      await store.append('client-a', [long(3)]);
      expect(await texts(store), 'the oldest went first, as many as needed').to.deep.equal(['2 xxx', '3 xxx']);
      const again = (await subject.reopen?.()) ?? store;
      await again.append('client-a', [long(4)]);
      expect(await texts(again)).to.deep.equal(['3 xxx', '4 xxx']);
      expect((await again.since('client-a', 0)).next).to.equal(5);
    });

    it('remembers how far a page has read, never moving back', async () => {
      await store.open('client-a', 'conv-1');
      await store.markSeen('client-a', 4, '2026-03-02T10:00:00.000Z');
      await store.markSeen('client-a', 2, '2026-03-02T11:00:00.000Z');
      expect((await store.get('client-a'))!.seen).to.deep.equal({ upTo: 4, at: '2026-03-02T10:00:00.000Z' });
    });

    it('removes activities older than a time, and erases a conversation whole', async () => {
      await store.open('client-a', 'conv-1');
      await store.append('client-a', [message('old', '2025-01-01T10:00:00.000Z'), message('new', '2026-03-01T10:00:00.000Z')]);
      expect(await store.removeBefore('client-a', '2026-01-01T00:00:00.000Z')).to.equal(1);
      expect(await store.removeBefore('client-a', '2026-01-01T00:00:00.000Z')).to.equal(0);
      expect((await store.since('client-a', 0)).activities.map((a) => a.text)).to.deep.equal(['new']);
      expect(await store.erase('client-a')).to.equal(true);
      expect(await store.get('client-a')).to.equal(undefined);
      expect(await store.erase('client-a')).to.equal(false);
      expect((await store.open('client-a', 'conv-2')).conversationId, 'a new conversation after an erase').to.equal('conv-2');
    });
  });
}
