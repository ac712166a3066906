import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { alertDueAt } from '../alertDue.js';
import type { AlertRepository } from '../ports.js';
import type { AlertRecord } from '../records.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

const ID = /^[A-Za-z0-9-]{8,64}$/;

/** What alerts are found by, one entry per alert kept. */
interface AlertEntry {
  id: string;
  clientId: string | null;
  state: AlertRecord['state'];
  code: string;
  createdAt: string;
  resolvedMs: number | undefined;
  dueMs: number | undefined;
}

type AlertQuery = Parameters<AlertRepository['find']>[0];

/**
 * Alerts on lowdb: one document each, `<id[0..2]>/<id>.json`, written at once (not queued behind
 * other writes): an alert is on disk before anyone is told of it, and a restart finds it. Queries
 * are answered from a small index in memory (one entry per alert: client, state, code, due time),
 * read from the files once, on first use, and kept in step by every change: one process holds the
 * data directory, so nothing changes them behind its back.
 */
export class LowdbAlerts implements AlertRepository {
  private readonly documents: DocumentStore<AlertRecord>;
  private loading: Promise<Map<string, AlertEntry>> | undefined;
  /** Code -> id, including codes being added right now (so two adds cannot both take one). */
  private readonly codes = new Map<string, string>();

  constructor(private readonly dir: string) {
    this.documents = new DocumentStore(dir, (id) => `${id.slice(0, 2)}/${id}.json`, 1000, true);
  }

  async add(alert: AlertRecord): Promise<{ ok: true } | { ok: false; reason: 'code_taken' }> {
    const entries = await this.entries();
    const holder = this.codes.get(alert.code);
    if (holder === alert.id) throw new Error(`Alert ${alert.id} already exists`);
    if (holder !== undefined) return { ok: false, reason: 'code_taken' };
    this.codes.set(alert.code, alert.id);
    try {
      await this.documents.update(checked(alert.id), (current) => {
        if (current) throw new Error(`Alert ${alert.id} already exists`);
        return { next: structuredClone(alert), result: undefined };
      });
    } catch (error) {
      this.codes.delete(alert.code);
      throw error;
    }
    entries.set(alert.id, entryFor(alert, alert.code));
    return { ok: true };
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    if (!ID.test(id)) return undefined;
    const found = await this.documents.read(id);
    return found ? structuredClone(found) : undefined;
  }

  async byCode(code: string): Promise<AlertRecord | undefined> {
    await this.entries();
    const id = this.codes.get(code);
    return id === undefined ? undefined : this.get(id);
  }

  async update(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    if (!ID.test(id)) return undefined;
    const entries = await this.entries();
    const updated = await this.documents.update(id, (current) => {
      if (!current) return { result: undefined };
      const next = change(structuredClone(current));
      return { next, result: structuredClone(next) };
    });
    // An alert's code never changes: the one staff were sent still finds it.
    if (updated) entries.set(id, entryFor(updated, entries.get(id)?.code ?? updated.code));
    return updated;
  }

  async find(query: AlertQuery): Promise<AlertRecord[]> {
    const clientIds = query.clientIds && new Set(query.clientIds);
    const found = [...(await this.entries()).values()]
      .filter(
        (e) =>
          (query.clientId === undefined || e.clientId === query.clientId) &&
          (!clientIds || (e.clientId !== null && clientIds.has(e.clientId))) &&
          (!query.state || (query.state === 'unresolved' ? e.state !== 'resolved' : e.state === query.state)),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return this.read(found.slice(0, query.limit));
  }

  async recentlyResolved(query: { clientIds?: readonly string[] | undefined; limit: number }): Promise<AlertRecord[]> {
    const clientIds = query.clientIds && new Set(query.clientIds);
    const found = [...(await this.entries()).values()]
      .filter((e) => e.state === 'resolved' && (!clientIds || (e.clientId !== null && clientIds.has(e.clientId))))
      .sort((a, b) => b.resolvedMs! - a.resolvedMs! || b.id.localeCompare(a.id));
    return this.read(found.slice(0, query.limit));
  }

  async due(now: string, limit: number): Promise<AlertRecord[]> {
    const nowMs = Date.parse(now);
    const found = [...(await this.entries()).values()]
      .filter((e) => e.dueMs !== undefined && e.dueMs <= nowMs)
      .sort((a, b) => a.dueMs! - b.dueMs! || a.id.localeCompare(b.id));
    return this.read(found.slice(0, limit));
  }

  async soonestDue(): Promise<string | undefined> {
    let soonest: number | undefined;
    for (const { dueMs } of (await this.entries()).values()) if (dueMs !== undefined && (soonest === undefined || dueMs < soonest)) soonest = dueMs;
    return soonest === undefined ? undefined : new Date(soonest).toISOString();
  }

  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return;
    const entries = await this.entries();
    await this.documents.forget(id);
    rmSync(this.documents.pathFor(id), { force: true });
    const gone = entries.get(id);
    entries.delete(id);
    if (gone && this.codes.get(gone.code) === id) this.codes.delete(gone.code);
  }

  list(): Promise<AlertRecord[]> {
    return this.readAll();
  }

  /** Every alert on disk, oldest first (what the index is made from). */
  private async readAll(): Promise<AlertRecord[]> {
    const ids = listDir(this.dir)
      .flatMap((shard) => listDir(join(this.dir, shard)))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ID.test(id));
    const alerts = await Promise.all(ids.map((id) => this.get(id)));
    return alerts.filter((a): a is AlertRecord => a !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** The index, read from the files on first use. */
  private entries(): Promise<Map<string, AlertEntry>> {
    this.loading ??= this.readAll().then(
      (alerts) => {
        const entries = new Map<string, AlertEntry>();
        for (const alert of alerts) {
          // Oldest first. A code kept twice (before codes were checked against every alert) finds
          // the one still being dealt with, else the newest: as on PostgreSQL (migration 0012).
          const holder = entries.get(this.codes.get(alert.code) ?? '');
          if (!holder || holder.state === 'resolved' || alert.state !== 'resolved') this.codes.set(alert.code, alert.id);
          entries.set(alert.id, entryFor(alert, alert.code));
        }
        return entries;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async read(entries: readonly AlertEntry[]): Promise<AlertRecord[]> {
    const alerts = await Promise.all(entries.map((e) => this.get(e.id)));
    return alerts.filter((a): a is AlertRecord => a !== undefined);
  }
}

function entryFor(alert: AlertRecord, code: string): AlertEntry {
  const due = alertDueAt(alert);
  return {
    id: alert.id,
    clientId: alert.clientId,
    state: alert.state,
    code,
    createdAt: utc(alert.createdAt),
    resolvedMs: alert.state === 'resolved' ? Date.parse(alert.resolvedAt ?? alert.createdAt) : undefined,
    dueMs: due === undefined ? undefined : Date.parse(due),
  };
}

/** The same instant written the same way, so times compare as text (an unreadable one as it is). */
function utc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

function checked(id: string): string {
  if (!ID.test(id)) throw new Error('Not an alert id');
  return id;
}
