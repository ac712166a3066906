import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

interface Conversation {
  clientId: string;
  /** The chat link (client and generation) it was made from, for the per-link limit. */
  link: string;
  started: boolean;
  activities: Activity[];
  /** The JSON size of each activity kept, in step with `activities`. */
  sizes: number[];
  bytes: number;
  /** Sequence number of activities[0]. */
  first: number;
  lastUsedMs: number;
}

/** The most activities kept per conversation; web chat only ever asks for recent ones. */
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** The most bytes (as JSON) of activities kept per conversation: the oldest go first. */
export const MAX_LOG_BYTES_PER_CONVERSATION = 256 * 1024;
/** Conversations open at once from one chat link (a reload opens another). */
export const MAX_CONVERSATIONS_PER_LINK = 8;
/** A conversation of a link at its limit that has been quiet this long is closed to make room. */
export const IDLE_BEFORE_REPLACED_MS = 10 * 60 * 1000;
/** Every conversation's log together: past it, the least recently used conversations are closed. */
export const MAX_LOG_BYTES_IN_ALL = 64 * 1024 * 1024;

export type OpenResult = { ok: true; started: boolean } | { ok: false; reason: 'too-many-conversations' };

/**
 * In-memory activity log of self-hosted Direct Line conversations, bounded: per link, per
 * conversation and in all (see the constants). Watermarks are opaque to clients and carry this
 * process's boot id, so after a restart a client's old watermark reads the new log from the start
 * instead of skipping messages.
 */
export class ConversationLog {
  private readonly conversations = new Map<string, Conversation>();
  private readonly bootId = randomBytes(4).toString('hex');
  private totalBytes = 0;

  constructor(
    private readonly idleLimitMs = 24 * 60 * 60 * 1000,
    private readonly budgetBytes = MAX_LOG_BYTES_IN_ALL,
  ) {}

  /**
   * Open a conversation made from `link` (a client's link id), or reopen one this process does not
   * know (after a restart). A link with MAX_CONVERSATIONS_PER_LINK open closes its quietest one if it
   * has been idle IDLE_BEFORE_REPLACED_MS, else refuses.
   */
  open(conversationId: string, owner: { clientId: string; link: string }, nowMs: number): OpenResult {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      this.sweep(nowMs);
      const same = [...this.conversations.entries()].filter(([, c]) => c.link === owner.link).sort(([, a], [, b]) => a.lastUsedMs - b.lastUsedMs);
      if (same.length >= MAX_CONVERSATIONS_PER_LINK) {
        const [quietestId, quietest] = same[0]!;
        if (nowMs - quietest.lastUsedMs < IDLE_BEFORE_REPLACED_MS) return { ok: false, reason: 'too-many-conversations' };
        this.drop(quietestId);
      }
      conversation = { clientId: owner.clientId, link: owner.link, started: false, activities: [], sizes: [], bytes: 0, first: 0, lastUsedMs: nowMs };
      this.conversations.set(conversationId, conversation);
    }
    conversation.lastUsedMs = nowMs;
    return { ok: true, started: conversation.started };
  }

  /**
   * The conversation the bot writes to, opened again if this process does not hold it (after a
   * restart, the page polls it back); not counted against any link's limit.
   */
  ensure(conversationId: string, clientId: string, nowMs: number): void {
    if (this.conversations.has(conversationId)) return;
    this.sweep(nowMs);
    this.conversations.set(conversationId, { clientId, link: `server:${clientId}`, started: true, activities: [], sizes: [], bytes: 0, first: 0, lastUsedMs: nowMs });
  }

  markStarted(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation) conversation.started = true;
  }

  /** End every conversation of a client at once (their links were withdrawn). */
  closeForClient(clientId: string): number {
    let closed = 0;
    for (const [id, c] of this.conversations) {
      if (c.clientId === clientId) {
        this.drop(id);
        closed += 1;
      }
    }
    return closed;
  }

  /** Append an activity, giving it its Direct Line id. */
  append(conversationId: string, activity: Activity): string {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error('Unknown Direct Line conversation');
    const seq = conversation.first + conversation.activities.length;
    activity.id = `${conversationId}|${String(seq).padStart(7, '0')}`;
    const size = Buffer.byteLength(JSON.stringify(activity));
    conversation.activities.push(activity);
    conversation.sizes.push(size);
    conversation.bytes += size;
    this.totalBytes += size;
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > MAX_ACTIVITIES_PER_CONVERSATION || conversation.bytes > MAX_LOG_BYTES_PER_CONVERSATION)
    ) {
      conversation.activities.shift();
      const dropped = conversation.sizes.shift()!;
      conversation.bytes -= dropped;
      this.totalBytes -= dropped;
      conversation.first += 1;
    }
    this.keepWithinBudget(conversationId);
    return activity.id;
  }

  /** Activities after `watermark`, and the watermark to ask with next. */
  since(conversationId: string, watermark: string | undefined, nowMs: number): { activities: Activity[]; watermark: string } {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return { activities: [], watermark: this.mark(0) };
    conversation.lastUsedMs = nowMs;
    const from = Math.max(this.position(watermark), conversation.first);
    const end = conversation.first + conversation.activities.length;
    return { activities: conversation.activities.slice(from - conversation.first), watermark: this.mark(end) };
  }

  /** What the logs hold now (for the soak run and tests). */
  stats(): { conversations: number; bytes: number } {
    return { conversations: this.conversations.size, bytes: this.totalBytes };
  }

  private position(watermark: string | undefined): number {
    const [boot, seq] = (watermark ?? '').split('.');
    const n = Number(seq);
    return boot === this.bootId && Number.isInteger(n) && n >= 0 ? n : 0;
  }

  private mark(seq: number): string {
    return `${this.bootId}.${seq}`;
  }

  /** Over the budget in all: close the least recently used conversations (never the one just written). */
  private keepWithinBudget(keep: string): void {
    if (this.totalBytes <= this.budgetBytes) return;
    const oldestFirst = [...this.conversations.entries()].filter(([id]) => id !== keep).sort(([, a], [, b]) => a.lastUsedMs - b.lastUsedMs);
    for (const [id] of oldestFirst) {
      if (this.totalBytes <= this.budgetBytes) return;
      this.drop(id);
    }
  }

  private drop(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    this.totalBytes -= conversation.bytes;
    this.conversations.delete(conversationId);
  }

  private sweep(nowMs: number): void {
    for (const [id, c] of this.conversations) {
      if (nowMs - c.lastUsedMs > this.idleLimitMs) this.drop(id);
    }
  }
}
