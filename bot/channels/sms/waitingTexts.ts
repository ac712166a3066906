import type { OutboundSmsRecord } from '../../../storage/records.js';

interface Entry {
  id: string;
  clientId: string;
  due: number;
  createdAt: string;
  seq: number;
}

/**
 * The texts waiting to be sent, as the dispatcher picks them: each client's messages in the order
 * they were written, and of the clients with nothing in flight, the one whose next message is due
 * soonest first. Kept as a list per client and a heap of client heads (stale entries are dropped
 * as they surface), so picking the next text costs a logarithm of the queue, not a sort of it:
 * a burst of 100,000 due check-ins does not slow each enqueue down as the queue grows.
 */
export class WaitingTexts {
  private readonly byId = new Map<string, OutboundSmsRecord>();
  private readonly byClient = new Map<string, OutboundSmsRecord[]>();
  private readonly busy = new Set<string>();
  private heap: Entry[] = [];

  get size(): number {
    return this.byId.size;
  }

  /** The ids of every message waiting (in flight ones too, until they are finished). */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Add a message, or replace it (its next attempt moved). */
  set(record: OutboundSmsRecord): void {
    const before = this.byId.get(record.id);
    if (before) this.removeFromClient(before);
    this.byId.set(record.id, record);
    const list = this.byClient.get(record.clientId) ?? [];
    let at = list.length;
    while (at > 0 && order(list[at - 1]!, record) > 0) at -= 1;
    list.splice(at, 0, record);
    this.byClient.set(record.clientId, list);
    this.offerHead(record.clientId);
  }

  delete(id: string): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.byId.delete(id);
    this.removeFromClient(record);
    this.offerHead(record.clientId);
  }

  /** A message of the client is in flight (none of theirs is picked), or no longer is. */
  setBusy(clientId: string, busy: boolean): void {
    if (busy) this.busy.add(clientId);
    else {
      this.busy.delete(clientId);
      this.offerHead(clientId);
    }
  }

  /** The next message to send (of a client with nothing in flight, due soonest, oldest first), left in place. */
  peek(): OutboundSmsRecord | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      const head = this.byClient.get(top.clientId)?.[0];
      if (head && head.id === top.id && !this.busy.has(top.clientId) && Date.parse(head.nextAttemptAt) === top.due) return head;
      this.pop();
    }
    return undefined;
  }

  private offerHead(clientId: string): void {
    const head = this.byClient.get(clientId)?.[0];
    if (!head || this.busy.has(clientId)) return;
    // Entries left behind by changes are dropped when they surface; rebuilt when they outnumber the live ones.
    if (this.heap.length > 1024 && this.heap.length > 4 * this.byClient.size) this.rebuild();
    this.push({ id: head.id, clientId, due: Date.parse(head.nextAttemptAt), createdAt: head.createdAt, seq: head.seq });
  }

  private removeFromClient(record: OutboundSmsRecord): void {
    const list = this.byClient.get(record.clientId);
    if (!list) return;
    const at = list.findIndex((r) => r.id === record.id);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byClient.delete(record.clientId);
  }

  private rebuild(): void {
    this.heap = [];
    for (const [clientId, list] of this.byClient) {
      const head = list[0]!;
      if (!this.busy.has(clientId)) this.push({ id: head.id, clientId, due: Date.parse(head.nextAttemptAt), createdAt: head.createdAt, seq: head.seq });
    }
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[least], heap[i]] = [heap[i]!, heap[least]!];
      i = least;
    }
  }
}

/** Written first goes first (within one client, and between clients due at the same time). */
export function order(a: Pick<OutboundSmsRecord, 'createdAt' | 'seq'>, b: Pick<OutboundSmsRecord, 'createdAt' | 'seq'>): number {
  return a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq;
}

function before(a: Entry, b: Entry): boolean {
  return a.due !== b.due ? a.due < b.due : order(a, b) <= 0;
}
