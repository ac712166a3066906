import type { Activity } from 'botbuilder-core';
import { WEB_CHAT_KEPT, type WebChatConversation, type WebChatTranscripts } from '../ports.js';
import { checkedClientId } from './clientFiles.js';
import { DocumentStore } from './documentStore.js';

interface TranscriptDocument extends WebChatConversation {
  clientId: string;
  /** Place of activities[0]. */
  first: number;
  activities: Activity[];
  /** The JSON size of each activity, in step with `activities`. */
  sizes: number[];
}

/** How many transcripts are held in memory at once (each at most WEB_CHAT_KEPT.bytes). */
const CACHED = 64;

/**
 * Web chat transcripts on lowdb: one document per client, `<id[0..2]>/<id>.json`, rewritten whole
 * on each append (a few KB to WEB_CHAT_KEPT.bytes; a chat writes at the pace of a person typing).
 */
export class LowdbWebChat implements WebChatTranscripts {
  private readonly documents: DocumentStore<TranscriptDocument>;

  constructor(dir: string) {
    this.documents = new DocumentStore(dir, (clientId) => `${clientId.slice(0, 2)}/${clientId}.json`, CACHED);
  }

  open(clientId: string, newId: string): Promise<WebChatConversation> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      if (current) return { result: conversationOf(current) };
      const next: TranscriptDocument = { clientId, conversationId: newId, started: false, first: 0, activities: [], sizes: [] };
      return { next, result: conversationOf(next) };
    });
  }

  async get(clientId: string): Promise<WebChatConversation | undefined> {
    const found = await this.documents.read(checkedClientId(clientId));
    return found ? conversationOf(found) : undefined;
  }

  markStarted(clientId: string): Promise<boolean> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      if (!current || current.started) return { result: false };
      return { next: { ...current, started: true }, result: true };
    });
  }

  append(clientId: string, activities: Partial<Activity>[]): Promise<Array<{ id: string; duplicate: boolean }>> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      if (!current) throw new Error('No web chat conversation for this client');
      const next = { ...current, activities: [...current.activities], sizes: [...current.sizes] };
      const ids = activities.map((activity) => {
        const earlier = sentBefore(next, activity);
        if (earlier) return { id: earlier, duplicate: true };
        const place = next.first + next.activities.length;
        const kept = { ...activity, id: `${next.conversationId}|${String(place).padStart(7, '0')}` } as Activity;
        next.activities.push(kept);
        next.sizes.push(Buffer.byteLength(JSON.stringify(kept)));
        return { id: kept.id!, duplicate: false };
      });
      trim(next);
      return { next, result: ids };
    });
  }

  async since(clientId: string, from: number): Promise<{ activities: Activity[]; next: number }> {
    const found = await this.documents.read(checkedClientId(clientId));
    if (!found) return { activities: [], next: 0 };
    const end = found.first + found.activities.length;
    // A place beyond the end (a transcript begun again) reads the whole transcript.
    const start = from > end ? found.first : Math.max(from, found.first);
    return { activities: structuredClone(found.activities.slice(start - found.first)), next: end };
  }

  async markSeen(clientId: string, upTo: number, at: string): Promise<void> {
    await this.documents.update(checkedClientId(clientId), (current) => {
      if (!current || (current.seen && current.seen.upTo >= upTo)) return { result: undefined };
      return { next: { ...current, seen: { upTo, at } }, result: undefined };
    });
  }

  removeBefore(clientId: string, before: string): Promise<number> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      if (!current) return { result: 0 };
      const cutoff = Date.parse(before);
      let n = 0;
      while (n < current.activities.length && Date.parse(String(current.activities[n]!.timestamp)) < cutoff) n += 1;
      if (n === 0) return { result: 0 };
      return { next: { ...current, first: current.first + n, activities: current.activities.slice(n), sizes: current.sizes.slice(n) }, result: n };
    });
  }

  async erase(clientId: string): Promise<boolean> {
    const had = (await this.documents.read(checkedClientId(clientId))) !== null;
    await this.documents.remove(clientId);
    return had;
  }
}

function conversationOf(doc: TranscriptDocument): WebChatConversation {
  return { conversationId: doc.conversationId, started: doc.started, ...(doc.seen ? { seen: { ...doc.seen } } : {}) };
}

/** The id of the kept activity a page posted before with the same client activity id, if any. */
function sentBefore(doc: TranscriptDocument, activity: Partial<Activity>): string | undefined {
  const clientActivityId = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  if (typeof clientActivityId !== 'string' || clientActivityId === '') return undefined;
  for (let i = doc.activities.length - 1; i >= 0; i -= 1) {
    const kept = doc.activities[i]!;
    if ((kept.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID === clientActivityId) return kept.id;
  }
  return undefined;
}

/** Keep within WEB_CHAT_KEPT, the oldest going first (always keeping the newest activity). */
function trim(doc: TranscriptDocument): void {
  let bytes = doc.sizes.reduce((a, b) => a + b, 0);
  let drop = 0;
  while (doc.activities.length - drop > 1 && (doc.activities.length - drop > WEB_CHAT_KEPT.activities || bytes > WEB_CHAT_KEPT.bytes)) {
    bytes -= doc.sizes[drop]!;
    drop += 1;
  }
  if (drop === 0) return;
  doc.activities.splice(0, drop);
  doc.sizes.splice(0, drop);
  doc.first += drop;
}
