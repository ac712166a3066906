import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { KeyedMutex } from '../keyedMutex.js';
import type { SmsInbox } from '../ports.js';
import type { InboundSmsRecord } from '../records.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

// Twilio message SIDs: two letters (SM, MM) and 32 hex digits. Anything else never becomes a file name.
const SID = /^[A-Z]{2}[0-9a-f]{32}$/i;
/** Twilio retries a webhook within minutes; a day of slack either side is plenty. */
const DAYS_CHECKED = 2;

/**
 * Inbound texts on lowdb. A message is kept (pending/<shard>/<sid>.json) from the moment the webhook
 * accepts it until its turn has run, so a restart finishes it instead of losing it. Handled sids
 * are remembered as empty files under handled/<day>/<shard>/, so a Twilio retry is recognised, and days
 * older than a week are dropped.
 */
export class LowdbSmsInbox implements SmsInbox {
  private readonly pending: DocumentStore<InboundSmsRecord>;
  private readonly locks = new KeyedMutex();

  constructor(
    private readonly dir: string,
    private readonly now: () => DateTime,
  ) {
    // Twilio waits for this write before it gets its answer: it does not queue behind other writes.
    this.pending = new DocumentStore(dir, (sid) => `pending/${shard(sid)}/${sid}.json`, 200, true);
  }

  accept(message: InboundSmsRecord): Promise<boolean> {
    const sid = checked(message.sid);
    return this.locks.run(sid, async () => {
      if (this.wasHandled(sid) || (await this.pending.read(sid))) return false;
      await this.pending.update(sid, () => ({ next: structuredClone(message), result: undefined }));
      return true;
    });
  }

  markHandled(sid: string): Promise<void> {
    checked(sid);
    return this.locks.run(sid, async () => {
      const day = join(this.dir, 'handled', this.now().toISODate()!, shard(sid));
      mkdirSync(day, { recursive: true });
      writeFileSync(join(day, sid), '');
      await this.pending.remove(sid);
    });
  }

  async unhandled(): Promise<InboundSmsRecord[]> {
    const messages: InboundSmsRecord[] = [];
    const names = listDir(join(this.dir, 'pending')).flatMap((part) => listDir(join(this.dir, 'pending', part)));
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const sid = name.slice(0, -'.json'.length);
      if (!SID.test(sid)) continue;
      // Handled just before a crash, not yet removed: finish the removal.
      if (this.wasHandled(sid)) await this.pending.remove(sid);
      else {
        const message = await this.pending.read(sid);
        if (message) messages.push(message);
      }
    }
    return messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async removePendingFor(clientId: string): Promise<number> {
    let removed = 0;
    for (const message of await this.unhandled()) {
      if (message.clientId !== clientId) continue;
      await this.locks.run(message.sid, async () => {
        await this.pending.forget(message.sid);
        rmSync(this.pending.pathFor(message.sid), { force: true });
      });
      removed += 1;
    }
    return removed;
  }

  /** Forget handled sids from days before `keepDays` ago. */
  async pruneHandled(keepDays = 7): Promise<void> {
    const oldest = this.now().minus({ days: keepDays }).toISODate()!;
    for (const day of listDir(join(this.dir, 'handled'))) {
      if (day < oldest) rmSync(join(this.dir, 'handled', day), { recursive: true, force: true });
    }
  }

  private wasHandled(sid: string): boolean {
    const today = this.now();
    for (let back = -1; back < DAYS_CHECKED; back += 1) {
      if (existsSync(join(this.dir, 'handled', today.minus({ days: back }).toISODate()!, shard(sid), sid))) return true;
    }
    return false;
  }
}

/**
 * Texts are spread over 256 folders: thousands of files created and removed at once in a single
 * folder queue up on that folder's lock in the kernel, and the webhook waits.
 */
function shard(sid: string): string {
  return sid.slice(-2).toLowerCase();
}

function checked(sid: string): string {
  if (!SID.test(sid)) throw new Error('Not a Twilio message SID');
  return sid;
}
