import { randomUUID } from 'node:crypto';
import type { ClientAttention, TakenClient } from '../ports.js';
import type { ClientRecord } from '../records.js';

/**
 * ClientAttention for lowdb, kept in memory: lowdb serves one process, which holds every client's
 * record in memory already, and plans everyone again when it starts. A client with no entry is due.
 */
export class MemoryAttention implements ClientAttention {
  private readonly entries = new Map<string, { dueMs: number; token: string | undefined }>();
  /** What the plans held were made under (wakeAll). */
  private basis: string | undefined;

  constructor(private readonly clients: () => Iterable<ClientRecord>) {}

  async take(now: string, holdUntil: string, limit: number): Promise<TakenClient[]> {
    const nowMs = Date.parse(now);
    const due: Array<{ client: ClientRecord; dueMs: number }> = [];
    for (const client of this.clients()) {
      const dueMs = this.entries.get(client.id)?.dueMs ?? -Infinity;
      if (dueMs <= nowMs) due.push({ client, dueMs });
    }
    const holdMs = Date.parse(holdUntil);
    return due
      .sort((a, b) => a.dueMs - b.dueMs)
      .slice(0, limit)
      .map(({ client }) => {
        const token = randomUUID();
        this.entries.set(client.id, { dueMs: holdMs, token });
        return { client, token };
      });
  }

  async planned(clientId: string, token: string, at: string): Promise<boolean> {
    const entry = this.entries.get(clientId);
    if (entry?.token !== token) return false;
    this.entries.set(clientId, { dueMs: Date.parse(at), token: undefined });
    return true;
  }

  async wake(clientId: string): Promise<void> {
    this.forget(clientId);
  }

  async wakeAll(basis?: string): Promise<boolean> {
    // Plans live in memory: a process starting afresh has none to keep.
    if (basis !== undefined && basis === this.basis) return false;
    this.basis = basis;
    this.entries.clear();
    return true;
  }

  async soonest(now: string): Promise<string | undefined> {
    let soonest = Infinity;
    for (const client of this.clients()) soonest = Math.min(soonest, this.entries.get(client.id)?.dueMs ?? -Infinity);
    if (soonest === Infinity) return undefined;
    return new Date(Math.max(soonest, Date.parse(now))).toISOString();
  }

  /** Due now (changed or woken), or gone (erased): either way no plan of theirs stands. Synchronous, so a wake is seen by the next take however soon. */
  forget(clientId: string): void {
    this.entries.delete(clientId);
  }
}
