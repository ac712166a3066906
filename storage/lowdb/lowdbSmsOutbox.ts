import { rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { KeyedMutex } from '../keyedMutex.js';
import { leftOverOf, renewedLease } from '../outboxLeases.js';
import type { SmsOutbox } from '../ports.js';
import type { OutboundSmsRecord } from '../records.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** How long a claimed sid is remembered: far longer than any send can stay uncertain. */
const SID_MEMORY_DAYS = 35;

/** The Twilio sids claimed for messages to one number (newest last). */
interface SidClaims {
  claims: Array<{ sid: string; messageId: string; at: string }>;
}

/**
 * The SMS outbox on lowdb. A message waits in queue/<id[0..2]>/<id>.json until it is sent or has failed for
 * good, then moves to done/<id[0..2]>/<id>.json, where delivery reports keep updating it (and
 * from where it can be queued again to be re-sent). Only the queue is read at start-up, so the
 * done folder may grow without slowing a restart. sids/<hash of number>.json lists the Twilio sids
 * each message to that number was recorded with (five weeks), so that none is taken for another.
 */
export class LowdbSmsOutbox implements SmsOutbox {
  private readonly queue: DocumentStore<OutboundSmsRecord>;
  private readonly done: DocumentStore<OutboundSmsRecord>;
  private readonly sids: DocumentStore<SidClaims>;
  private readonly locks = new KeyedMutex();

  constructor(private readonly dir: string) {
    // Spread over 256 folders: many files created and removed at once in one folder contend for its lock.
    this.queue = new DocumentStore(dir, (id) => `queue/${id.slice(0, 2)}/${id}.json`, 500);
    this.done = new DocumentStore(dir, (id) => `done/${id.slice(0, 2)}/${id}.json`, 500);
    // Named by a hash: no phone number in a file name.
    this.sids = new DocumentStore(
      dir,
      (to) => {
        const hash = createHash('sha256').update(to).digest('hex');
        return `sids/${hash.slice(0, 2)}/${hash.slice(2, 34)}.json`;
      },
      500,
    );
  }

  claimSid(to: string, sid: string, messageId: string, at: string): Promise<boolean> {
    return this.sids.update(to, (current) => {
      const owner = current?.claims.find((c) => c.sid === sid);
      if (owner) return { result: owner.messageId === messageId };
      const oldest = Date.parse(at) - SID_MEMORY_DAYS * 86_400_000;
      const claims = [...(current?.claims ?? []).filter((c) => Date.parse(c.at) >= oldest), { sid, messageId, at }];
      return { next: { claims }, result: true };
    });
  }

  add(record: OutboundSmsRecord): Promise<boolean> {
    const id = checked(record.id);
    return this.locks.run(id, async () => {
      if (await this.done.read(id)) return false;
      return this.queue.update(id, (current) => (current ? { result: false } : { next: structuredClone(record), result: true }));
    });
  }

  get(id: string): Promise<OutboundSmsRecord | undefined> {
    // An id no message can have (say, from a forged status callback URL) is simply absent.
    if (!ID.test(id)) return Promise.resolve(undefined);
    return this.locks.run(id, async () => {
      const found = (await this.queue.read(id)) ?? (await this.done.read(id));
      return found ? structuredClone(found) : undefined;
    });
  }

  update(id: string, change: (record: OutboundSmsRecord) => OutboundSmsRecord): Promise<OutboundSmsRecord | undefined> {
    if (!ID.test(id)) return Promise.resolve(undefined);
    return this.locks.run(id, async () => {
      const queued = await this.queue.read(id);
      const current = queued ?? (await this.done.read(id));
      if (!current) return undefined;
      const next = change(structuredClone(current));
      const waiting = next.status === 'queued' || next.status === 'sending';
      // Written to its new place before it leaves the old one: a crash in between leaves both, and
      // unsent() keeps the finished copy.
      await (waiting ? this.queue : this.done).update(id, () => ({ next, result: undefined }));
      if (waiting && !queued) await this.done.remove(id);
      if (!waiting && queued) await this.queue.remove(id);
      return structuredClone(next);
    });
  }

  async forClient(clientId: string): Promise<OutboundSmsRecord[]> {
    const records: OutboundSmsRecord[] = [];
    for (const part of ['queue', 'done'] as const) {
      const store = part === 'queue' ? this.queue : this.done;
      for (const id of this.idsIn(part)) {
        const record = await this.locks.run(id, () => store.read(id));
        if (record?.clientId === clientId && !records.some((r) => r.id === id)) records.push(structuredClone(record));
      }
    }
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq);
  }

  async removeForClient(clientId: string, to: string): Promise<number> {
    const records = await this.forClient(clientId);
    for (const record of records) {
      await this.locks.run(record.id, async () => {
        for (const store of [this.queue, this.done]) {
          await store.forget(record.id);
          rmSync(store.pathFor(record.id), { force: true });
        }
      });
    }
    await this.sids.forget(to);
    rmSync(this.sids.pathFor(to), { force: true });
    return records.length;
  }

  private idsIn(part: 'queue' | 'done'): string[] {
    return listDir(join(this.dir, part))
      .flatMap((shard) => listDir(join(this.dir, part, shard)))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => ID.test(id));
  }

  async leftOver(owner: string, now: string, limit: number): Promise<OutboundSmsRecord[]> {
    return leftOverOf(await this.unsent(), owner, now, limit);
  }

  async renewLeases(owner: string, ids: readonly string[], now: string, until: string): Promise<number> {
    const nowMs = Date.parse(now);
    let renewed = 0;
    for (const id of ids) {
      const before = await this.get(id);
      if (!before || renewedLease(before, owner, nowMs, until) === before) continue;
      const after = await this.update(id, (r) => renewedLease(r, owner, nowMs, until));
      if (after?.lease?.owner === owner && after.lease.until === until) renewed += 1;
    }
    return renewed;
  }

  async unsent(): Promise<OutboundSmsRecord[]> {
    const records: OutboundSmsRecord[] = [];
    const names = listDir(join(this.dir, 'queue')).flatMap((part) => listDir(join(this.dir, 'queue', part)));
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const id = name.slice(0, -'.json'.length);
      if (!ID.test(id)) continue;
      await this.locks.run(id, async () => {
        if (await this.done.read(id)) await this.queue.remove(id);
        else {
          const record = await this.queue.read(id);
          if (record) records.push(structuredClone(record));
        }
      });
    }
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq);
  }
}

function checked(id: string): string {
  if (!ID.test(id)) throw new Error('Not an outbox message id');
  return id;
}
