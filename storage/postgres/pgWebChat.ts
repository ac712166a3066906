import type { Activity } from 'botbuilder-core';
import type { Pool, PoolClient } from 'pg';
import { WEB_CHAT_KEPT, type WebChatConversation, type WebChatTranscripts } from '../ports.js';
import { inTransaction } from './pgTransaction.js';

interface ConversationRow {
  conversation_id: string;
  started: boolean;
  first_place: number;
  next_place: number;
  seen_up_to: number | null;
  seen_at: Date | null;
}

/**
 * Web chat transcripts in PostgreSQL: a row per client's conversation (its places and what a page
 * has read), a row per activity. An append locks the conversation row, so appends from any
 * instance are numbered in one order, and trims the oldest to WEB_CHAT_KEPT in the same transaction.
 */
export class PgWebChat implements WebChatTranscripts {
  constructor(private readonly pool: Pool) {}

  async open(clientId: string, newId: string): Promise<WebChatConversation> {
    await this.pool.query('INSERT INTO web_chat_conversations (client_id, conversation_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [
      clientId,
      newId,
    ]);
    return (await this.get(clientId))!;
  }

  async get(clientId: string): Promise<WebChatConversation | undefined> {
    const row = (await this.pool.query<ConversationRow>('SELECT * FROM web_chat_conversations WHERE client_id = $1', [clientId])).rows[0];
    return row && conversationOf(row);
  }

  async markStarted(clientId: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE web_chat_conversations SET started = true WHERE client_id = $1 AND NOT started', [clientId]);
    return result.rowCount === 1;
  }

  append(clientId: string, activities: Partial<Activity>[]): Promise<Array<{ id: string; duplicate: boolean }>> {
    return inTransaction(this.pool, async (db) => {
      const row = (await db.query<ConversationRow>('SELECT * FROM web_chat_conversations WHERE client_id = $1 FOR UPDATE', [clientId])).rows[0];
      if (!row) throw new Error('No web chat conversation for this client');
      let next = row.next_place;
      const ids: Array<{ id: string; duplicate: boolean }> = [];
      for (const activity of activities) {
        const clientActivityId = clientActivityIdOf(activity);
        const earlier = clientActivityId ? await sentBefore(db, clientId, clientActivityId) : undefined;
        if (earlier) {
          ids.push({ id: earlier, duplicate: true });
          continue;
        }
        const id = `${row.conversation_id}|${String(next).padStart(7, '0')}`;
        await insertActivity(db, clientId, next, { ...activity, id });
        ids.push({ id, duplicate: false });
        next += 1;
      }
      if (next !== row.next_place) {
        // The database keeps what the kept activities weigh: most appends trim nothing.
        const kept = (
          await db.query<{ first_place: number; kept_bytes: string }>(
            'UPDATE web_chat_conversations SET next_place = $2 WHERE client_id = $1 RETURNING first_place, kept_bytes',
            [clientId, next],
          )
        ).rows[0]!;
        if (next - kept.first_place > WEB_CHAT_KEPT.activities || Number(kept.kept_bytes) > WEB_CHAT_KEPT.bytes)
          await this.keepWithinLimits(db, clientId, next);
      }
      return ids;
    });
  }

  async since(clientId: string, from: number): Promise<{ activities: Activity[]; next: number }> {
    const row = (await this.pool.query<ConversationRow>('SELECT * FROM web_chat_conversations WHERE client_id = $1', [clientId])).rows[0];
    if (!row) return { activities: [], next: 0 };
    // A place beyond the end (a transcript begun again) reads the whole transcript.
    const start = from > row.next_place ? row.first_place : Math.max(from, row.first_place);
    const rows = await this.pool.query<{ activity: Activity }>('SELECT activity FROM web_chat_activities WHERE client_id = $1 AND place >= $2 ORDER BY place', [
      clientId,
      start,
    ]);
    return { activities: rows.rows.map((r) => r.activity), next: row.next_place };
  }

  async markSeen(clientId: string, upTo: number, at: string): Promise<void> {
    await this.pool.query('UPDATE web_chat_conversations SET seen_up_to = $2, seen_at = $3 WHERE client_id = $1 AND (seen_up_to IS NULL OR seen_up_to < $2)', [
      clientId,
      upTo,
      at,
    ]);
  }

  removeBefore(clientId: string, before: string): Promise<number> {
    return inTransaction(this.pool, async (db) => {
      // Only a run from the oldest: places stay in order, as on every backend.
      const row = (await db.query<ConversationRow>('SELECT * FROM web_chat_conversations WHERE client_id = $1 FOR UPDATE', [clientId])).rows[0];
      if (!row) return 0;
      const firstKept = await db.query<{ place: number }>('SELECT min(place) AS place FROM web_chat_activities WHERE client_id = $1 AND at >= $2', [
        clientId,
        before,
      ]);
      const newFirst = firstKept.rows[0]?.place ?? row.next_place;
      const removed = await db.query('DELETE FROM web_chat_activities WHERE client_id = $1 AND place < $2', [clientId, newFirst]);
      if ((removed.rowCount ?? 0) > 0) await db.query('UPDATE web_chat_conversations SET first_place = $2 WHERE client_id = $1', [clientId, newFirst]);
      return removed.rowCount ?? 0;
    });
  }

  async erase(clientId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM web_chat_conversations WHERE client_id = $1', [clientId]);
    return result.rowCount === 1;
  }

  /** Drop the oldest activities past WEB_CHAT_KEPT (always keeping the newest); `next` is already the conversation's next place. */
  private async keepWithinLimits(db: PoolClient, clientId: string, next: number): Promise<void> {
    // The oldest place to keep: within the count, and within the bytes counted from the newest.
    const cut = await db.query<{ place: number | null }>(
      `SELECT min(place) AS place FROM (
         SELECT place, sum(bytes) OVER (ORDER BY place DESC) AS bytes_from_newest, row_number() OVER (ORDER BY place DESC) AS n
         FROM web_chat_activities WHERE client_id = $1
       ) newest
       WHERE n = 1 OR (n <= $2 AND bytes_from_newest <= $3)`,
      [clientId, WEB_CHAT_KEPT.activities, WEB_CHAT_KEPT.bytes],
    );
    const first = cut.rows[0]?.place ?? next;
    await db.query('DELETE FROM web_chat_activities WHERE client_id = $1 AND place < $2', [clientId, first]);
    await db.query('UPDATE web_chat_conversations SET first_place = GREATEST(first_place, $2) WHERE client_id = $1', [clientId, first]);
  }
}

function conversationOf(row: ConversationRow): WebChatConversation {
  return {
    conversationId: row.conversation_id,
    started: row.started,
    ...(row.seen_up_to !== null && row.seen_at ? { seen: { upTo: row.seen_up_to, at: row.seen_at.toISOString() } } : {}),
  };
}

/**
 * Keep one activity at its place. Its time is its own timestamp (every activity Linkwell keeps is
 * stamped by the clock that made it); one without any counts as the oldest, for retention.
 */
export async function insertActivity(db: PoolClient, clientId: string, place: number, activity: Partial<Activity>): Promise<void> {
  const json = JSON.stringify(activity);
  await db.query('INSERT INTO web_chat_activities (client_id, place, activity, bytes, client_activity_id, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    clientId,
    place,
    json,
    Buffer.byteLength(json),
    clientActivityIdOf(activity) ?? null,
    new Date(activity.timestamp ? String(activity.timestamp instanceof Date ? activity.timestamp.toISOString() : activity.timestamp) : 0),
  ]);
}

function clientActivityIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function sentBefore(db: PoolClient, clientId: string, clientActivityId: string): Promise<string | undefined> {
  const row = (
    await db.query<{ id: string }>(
      "SELECT activity->>'id' AS id FROM web_chat_activities WHERE client_id = $1 AND client_activity_id = $2 ORDER BY place DESC LIMIT 1",
      [clientId, clientActivityId],
    )
  ).rows[0];
  return row?.id;
}
