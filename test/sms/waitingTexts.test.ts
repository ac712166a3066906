import { expect } from 'chai';
import type { OutboundSmsRecord } from '../../storage/records.js';
import { WaitingTexts } from '../../bot/channels/sms/waitingTexts.js';

let seq = 0;
const text = (id: string, clientId: string, nextAttemptAt: string, createdAt = '2026-03-02T09:00:00.000Z'): OutboundSmsRecord => ({
  id,
  clientId,
  to: '+447700900001',
  body: 'hello',
  seq: (seq += 1),
  createdAt,
  status: 'queued',
  attempts: 0,
  nextAttemptAt,
});

/** Everything in the order the dispatcher would send it, one at a time (each sent before the next is picked). */
function drain(waiting: WaitingTexts): string[] {
  const sent: string[] = [];
  for (let next = waiting.peek(); next; next = waiting.peek()) {
    sent.push(next.id);
    waiting.delete(next.id);
  }
  return sent;
}

describe('The texts waiting to be sent', () => {
  it("picks the client whose next text is due soonest, and each client's texts in the order written", () => {
    const waiting = new WaitingTexts();
    waiting.set(text('ann-2', 'ann', '2026-03-02T09:00:05.000Z', '2026-03-02T09:00:02.000Z'));
    waiting.set(text('bob-1', 'bob', '2026-03-02T09:00:03.000Z'));
    // Written first, due later: still before ann-2 (a client's texts keep their order).
    waiting.set(text('ann-1', 'ann', '2026-03-02T09:00:09.000Z', '2026-03-02T09:00:01.000Z'));
    waiting.set(text('cy-1', 'cy', '2026-03-02T09:00:03.000Z'));
    expect(drain(waiting)).to.deep.equal(['bob-1', 'cy-1', 'ann-1', 'ann-2']);
  });

  it('passes over a client with a text in flight until it is done, and sees a text moved later', () => {
    const waiting = new WaitingTexts();
    waiting.set(text('ann-1', 'ann', '2026-03-02T09:00:01.000Z'));
    waiting.set(text('ann-2', 'ann', '2026-03-02T09:00:01.000Z'));
    waiting.set(text('bob-1', 'bob', '2026-03-02T09:00:02.000Z'));
    waiting.setBusy('ann', true);
    expect(waiting.peek()?.id).to.equal('bob-1');
    waiting.setBusy('bob', true);
    expect(waiting.peek()).to.equal(undefined);
    // ann's attempt failed: tried again in a minute.
    waiting.set({ ...text('ann-1', 'ann', '2026-03-02T09:01:01.000Z'), seq: 1 });
    waiting.setBusy('ann', false);
    waiting.delete('bob-1');
    waiting.setBusy('bob', false);
    expect(waiting.peek()?.nextAttemptAt).to.equal('2026-03-02T09:01:01.000Z');
    expect(waiting.size).to.equal(2);
  });

  it('gives the same order as sorting everything, for many clients and changes', () => {
    const waiting = new WaitingTexts();
    const all: OutboundSmsRecord[] = [];
    let r = 7;
    const random = () => (r = (r * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 3000; i += 1) {
      const due = new Date(Date.parse('2026-03-02T09:00:00.000Z') + Math.floor(random() * 600) * 1000).toISOString();
      const record = text(`t${i}`, `c${Math.floor(random() * 400)}`, due, new Date(Date.parse('2026-03-02T08:00:00.000Z') + i).toISOString());
      all.push(record);
      waiting.set(record);
      if (random() < 0.1) {
        const gone = all.splice(Math.floor(random() * all.length), 1)[0]!;
        waiting.delete(gone.id);
      }
    }
    // The order the dispatcher used to compute by sorting every client's head on each pick.
    const expected: string[] = [];
    const left = [...all];
    while (left.length > 0) {
      const heads = new Map<string, OutboundSmsRecord>();
      for (const rec of left) {
        const h = heads.get(rec.clientId);
        if (!h || rec.createdAt < h.createdAt || (rec.createdAt === h.createdAt && rec.seq < h.seq)) heads.set(rec.clientId, rec);
      }
      const next = [...heads.values()].sort(
        (a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq,
      )[0]!;
      expected.push(next.id);
      left.splice(left.indexOf(next), 1);
    }
    expect(drain(waiting)).to.deep.equal(expected);
  });
});
