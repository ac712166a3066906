import { rmSync } from 'node:fs';
import type { ScheduleLedgerRecord } from '../records.js';
import { LedgerOnDocuments, emptyLedger } from '../ledgerDocument.js';
import { checkedClientId } from './clientFiles.js';
import { DocumentStore } from './documentStore.js';

/** The scheduler's ledger on lowdb: one small document per client, `<id[0..2]>/<id>.json` (see LedgerOnDocuments). */
export class LowdbScheduleLedger extends LedgerOnDocuments {
  private readonly documents: DocumentStore<ScheduleLedgerRecord>;

  constructor(dir: string, cacheSize = 2000) {
    super();
    this.documents = new DocumentStore(dir, (clientId) => `${clientId.slice(0, 2)}/${clientId}.json`, cacheSize);
  }

  async erase(clientId: string): Promise<void> {
    await this.documents.forget(checkedClientId(clientId));
    rmSync(this.documents.pathFor(clientId), { force: true });
  }

  protected readDocument(clientId: string): Promise<ScheduleLedgerRecord | null> {
    return this.documents.read(checkedClientId(clientId));
  }

  protected changeDocument(clientId: string, change: (ledger: ScheduleLedgerRecord) => boolean): Promise<boolean> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      const ledger = current ? structuredClone(current) : emptyLedger(clientId);
      return change(ledger) ? { next: ledger, result: true } : { result: false };
    });
  }
}
