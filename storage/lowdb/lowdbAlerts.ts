import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertRepository } from '../ports.js';
import type { AlertRecord } from '../records.js';
import { DocumentStore } from './documentStore.js';
import { listDir } from './listDir.js';

const ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Alerts on lowdb: one document each, `<id[0..2]>/<id>.json`, written at once (not queued behind
 * other writes): an alert is on disk before anyone is told of it, and a restart finds it.
 */
export class LowdbAlerts implements AlertRepository {
  private readonly documents: DocumentStore<AlertRecord>;

  constructor(private readonly dir: string) {
    this.documents = new DocumentStore(dir, (id) => `${id.slice(0, 2)}/${id}.json`, 1000, true);
  }

  async add(alert: AlertRecord): Promise<void> {
    await this.documents.update(checked(alert.id), (current) => {
      if (current) throw new Error(`Alert ${alert.id} already exists`);
      return { next: structuredClone(alert), result: undefined };
    });
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    if (!ID.test(id)) return undefined;
    const found = await this.documents.read(id);
    return found ? structuredClone(found) : undefined;
  }

  update(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    if (!ID.test(id)) return Promise.resolve(undefined);
    return this.documents.update(id, (current) => {
      if (!current) return { result: undefined };
      const next = change(structuredClone(current));
      return { next, result: structuredClone(next) };
    });
  }

  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return;
    await this.documents.forget(id);
    rmSync(this.documents.pathFor(id), { force: true });
  }

  async list(): Promise<AlertRecord[]> {
    const ids = listDir(this.dir).flatMap((shard) => listDir(join(this.dir, shard)))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ID.test(id));
    const alerts = await Promise.all(ids.map((id) => this.get(id)));
    return alerts.filter((a): a is AlertRecord => a !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}

function checked(id: string): string {
  if (!ID.test(id)) throw new Error('Not an alert id');
  return id;
}
