import { rmSync } from 'node:fs';
import type { ScheduleLedgerRepository } from '../ports.js';
import type { ScheduleDecisionRecord, ScheduleLedgerRecord } from '../records.js';
import { checkedClientId } from './clientFiles.js';
import { DocumentStore } from './documentStore.js';

/** Ledger entries older than this are not needed to plan and are dropped when the ledger is written. */
const KEEP_DECIDED_DAYS = 120;

/**
 * The scheduler's ledger on lowdb: one small document per client, `<id[0..2]>/<id>.json`. Decisions
 * older than a few months are dropped on write (the planner never looks that far back, and the
 * client's history keeps what was said), so the document stays a few KB.
 */
export class LowdbScheduleLedger implements ScheduleLedgerRepository {
  private readonly documents: DocumentStore<ScheduleLedgerRecord>;

  constructor(dir: string, cacheSize = 2000) {
    this.documents = new DocumentStore(dir, (clientId) => `${clientId.slice(0, 2)}/${clientId}.json`, cacheSize);
  }

  async erase(clientId: string): Promise<void> {
    await this.documents.forget(checkedClientId(clientId));
    rmSync(this.documents.pathFor(clientId), { force: true });
  }

  async read(clientId: string): Promise<ScheduleLedgerRecord> {
    const found = await this.documents.read(checkedClientId(clientId));
    return found ? structuredClone(found) : empty(clientId);
  }

  async openCheckIn(clientId: string): Promise<ScheduleLedgerRecord['openCheckIn']> {
    const open = (await this.documents.read(checkedClientId(clientId)))?.openCheckIn;
    return open && { ...open };
  }

  claim(clientId: string, key: string, at: string): Promise<boolean> {
    return this.change(clientId, (ledger) => {
      if (ledger.decided[key] || ledger.claimed[key]) return false;
      ledger.claimed[key] = at;
      return true;
    });
  }

  async settle(clientId: string, key: string, decision: ScheduleDecisionRecord, week?: string): Promise<void> {
    await this.change(clientId, (ledger) => {
      decide(ledger, key, decision, week);
      prune(ledger, decision.at);
      return true;
    });
  }

  async settleAll(clientId: string, decisions: ReadonlyArray<{ key: string; decision: ScheduleDecisionRecord }>): Promise<void> {
    if (decisions.length === 0) return;
    await this.change(clientId, (ledger) => {
      for (const { key, decision } of decisions) decide(ledger, key, decision);
      prune(ledger, decisions.at(-1)!.decision.at);
      return true;
    });
  }

  async release(clientId: string, key: string): Promise<void> {
    await this.change(clientId, (ledger) => delete ledger.claimed[key]);
  }

  async markAnswered(clientId: string, key: string, at: string): Promise<void> {
    await this.change(clientId, (ledger) => {
      if (ledger.answered[key]) return false;
      ledger.answered[key] = at;
      return true;
    });
  }

  async setRiskHistory(clientId: string, history: NonNullable<ScheduleLedgerRecord['riskHistory']>): Promise<void> {
    await this.change(clientId, (ledger) => {
      ledger.riskHistory = structuredClone(history);
      return true;
    });
  }

  async setOpenCheckIn(clientId: string, open: ScheduleLedgerRecord['openCheckIn'] | undefined): Promise<void> {
    await this.change(clientId, (ledger) => {
      if (JSON.stringify(ledger.openCheckIn) === JSON.stringify(open)) return false;
      if (open) ledger.openCheckIn = { ...open };
      else delete ledger.openCheckIn;
      return true;
    });
  }

  /** Read-modify-write; `change` returns false to leave the file as it is. */
  private change(clientId: string, change: (ledger: ScheduleLedgerRecord) => boolean): Promise<boolean> {
    return this.documents.update(checkedClientId(clientId), (current) => {
      const ledger = current ? structuredClone(current) : empty(clientId);
      const changed = change(ledger);
      return changed ? { next: ledger, result: true } : { result: false };
    });
  }
}

/** Decide an occurrence once (a second decision for it is ignored), dropping its claim. */
function decide(ledger: ScheduleLedgerRecord, key: string, decision: ScheduleDecisionRecord, week?: string): void {
  delete ledger.claimed[key];
  if (ledger.decided[key]) return;
  ledger.decided[key] = decision;
  if (decision.outcome === 'sent' && week) ledger.weeks[week] = (ledger.weeks[week] ?? 0) + 1;
}

function empty(clientId: string): ScheduleLedgerRecord {
  return { clientId, decided: {}, claimed: {}, answered: {}, weeks: {} };
}

function prune(ledger: ScheduleLedgerRecord, nowIso: string): void {
  const cutoff = new Date(Date.parse(nowIso) - KEEP_DECIDED_DAYS * 86_400_000).toISOString();
  for (const [key, decision] of Object.entries(ledger.decided)) if (decision.at < cutoff) delete ledger.decided[key];
  for (const [key, at] of Object.entries(ledger.answered)) if (at < cutoff) delete ledger.answered[key];
  // Weeks are 'yyyy-Www': keep the last twenty or so.
  const weeks = Object.keys(ledger.weeks).sort();
  for (const week of weeks.slice(0, Math.max(0, weeks.length - 20))) delete ledger.weeks[week];
}
