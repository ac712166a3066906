import type { OutboundSmsRecord } from './records.js';

/** Whether a message is held at `now` by someone other than `owner` (a live lease of theirs). */
export function heldByAnother(record: Pick<OutboundSmsRecord, 'lease'>, owner: string, nowMs: number): boolean {
  return record.lease !== undefined && record.lease.owner !== owner && Date.parse(record.lease.until) > nowMs;
}

/**
 * SmsOutbox.leftOver over a list of unsent messages, oldest first (what a backend that holds the list
 * does; PostgreSQL asks the same in SQL).
 */
export function leftOverOf(unsent: readonly OutboundSmsRecord[], owner: string, now: string, limit: number): OutboundSmsRecord[] {
  const nowMs = Date.parse(now);
  const heldClients = new Set(unsent.filter((r) => heldByAnother(r, owner, nowMs)).map((r) => r.clientId));
  return unsent.filter((r) => r.lease?.owner !== owner && !heldClients.has(r.clientId)).slice(0, limit);
}

/** The change SmsOutbox.renewLeases makes to one message (unchanged when it is not `owner`'s live, unsent one). */
export function renewedLease(record: OutboundSmsRecord, owner: string, nowMs: number, until: string): OutboundSmsRecord {
  const unsent = record.status === 'queued' || record.status === 'sending';
  if (!unsent || record.lease?.owner !== owner || Date.parse(record.lease.until) <= nowMs) return record;
  return { ...record, lease: { owner, until } };
}
