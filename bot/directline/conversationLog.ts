import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

interface Conversation {
  started: boolean;
  activities: Activity[];
  /** Sequence number of activities[0]. */
  first: number;
  lastUsedMs: number;
}

/** The most activities kept per conversation; web chat only ever asks for recent ones. */
const KEEP = 500;

/**
 * In-memory activity log of self-hosted Direct Line conversations. Watermarks are opaque to
 * clients and carry this process's boot id, so after a restart a client's old watermark reads
 * the new log from the start instead of skipping messages.
 */
export class ConversationLog {
  private readonly conversations = new Map<string, Conversation>();
  private readonly bootId = randomBytes(4).toString('hex');

  constructor(private readonly idleLimitMs = 24 * 60 * 60 * 1000) {}

  /** Open a conversation, or reopen one this process does not know (after a restart). */
  open(conversationId: string, nowMs: number): { started: boolean } {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      this.sweep(nowMs);
      conversation = { started: false, activities: [], first: 0, lastUsedMs: nowMs };
      this.conversations.set(conversationId, conversation);
    }
    conversation.lastUsedMs = nowMs;
    return { started: conversation.started };
  }

  markStarted(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation) conversation.started = true;
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** Append an activity, giving it its Direct Line id. */
  append(conversationId: string, activity: Activity): string {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`Unknown Direct Line conversation ${conversationId}`);
    const seq = conversation.first + conversation.activities.length;
    activity.id = `${conversationId}|${String(seq).padStart(7, '0')}`;
    conversation.activities.push(activity);
    if (conversation.activities.length > KEEP) {
      conversation.activities.shift();
      conversation.first += 1;
    }
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

  private position(watermark: string | undefined): number {
    const [boot, seq] = (watermark ?? '').split('.');
    const n = Number(seq);
    return boot === this.bootId && Number.isInteger(n) && n >= 0 ? n : 0;
  }

  private mark(seq: number): string {
    return `${this.bootId}.${seq}`;
  }

  private sweep(nowMs: number): void {
    for (const [id, c] of this.conversations) {
      if (nowMs - c.lastUsedMs > this.idleLimitMs) this.conversations.delete(id);
    }
  }
}
