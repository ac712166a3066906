import { LRUCache } from 'lru-cache';
import { expiringKey } from '../expiringKey.js';
import type { ExpiringRecords } from '../ports.js';

/** The most records of one kind held: a flood from unknown numbers pushes out the oldest, never memory. */
const MAX_RECORDS = 10_000;

/**
 * ExpiringRecords for lowdb, in memory: lowdb serves one process, so there is no other instance to
 * share them with. A restart forgets them: at worst one more "not enrolled" reply to a retried text,
 * or five more tries at an email with no account (an account's own lock-out is kept on disk).
 */
export class MemoryExpiring<T> implements ExpiringRecords<T> {
  private readonly records = new LRUCache<string, { value: T; expiresMs: number }>({ max: MAX_RECORDS });

  constructor(private readonly kind: string) {}

  async change(key: string, now: string, change: (current: T | undefined) => { value: T; expiresAt: string }): Promise<T> {
    const hashed = expiringKey(this.kind, key);
    const held = this.records.get(hashed);
    const current = held && held.expiresMs > Date.parse(now) ? structuredClone(held.value) : undefined;
    const { value, expiresAt } = change(current);
    this.records.set(hashed, { value: structuredClone(value), expiresMs: Date.parse(expiresAt) });
    return value;
  }
}
