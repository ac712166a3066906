import type { ScheduleLedgerRepository } from './ports.js';
import type { ScheduleDecisionRecord, ScheduleLedgerRecord } from './records.js';

/** Ledger entries older than this are not needed to plan and are dropped when the ledger is written. */
const KEEP_DECIDED_DAYS = 120;

/**
 * The scheduler's ledger as one small document per client, whatever keeps the document: each
 * backend gives an atomic read-modify-write of one client's document (`changeDocument`, under that
 * document's lock), and every rule of the ledger lives here once. Decisions older than a few months
 * are dropped on write (the planner never looks that far back), so the document stays a few KB.
 */
export abstract class LedgerOnDocuments implements ScheduleLedgerRepository {
  /** The client's document as stored, or null. */
  protected abstract readDocument(clientId: string): Promise<ScheduleLedgerRecord | null>;
  /** Read-modify-write the client's document atomically; `change` returns false to leave it as it is. */
  protected abstract changeDocument(clientId: string, change: (ledger: ScheduleLedgerRecord) => boolean): Promise<boolean>;
  abstract erase(clientId: string): Promise<void>;

  async read(clientId: string): Promise<ScheduleLedgerRecord> {
    const found = await this.readDocument(clientId);
    return found ? structuredClone(found) : emptyLedger(clientId);
  }

  async openCheckIn(clientId: string): Promise<ScheduleLedgerRecord['openCheckIn']> {
    const open = (await this.readDocument(clientId))?.openCheckIn;
    return open && { ...open };
  }

  claim(clientId: string, key: string, at: string): Promise<boolean> {
    return this.changeDocument(clientId, (ledger) => {
      if (ledger.decided[key] || ledger.claimed[key]) return false;
      ledger.claimed[key] = at;
      return true;
    });
  }

  async settle(clientId: string, key: string, decision: ScheduleDecisionRecord, week?: string): Promise<void> {
    await this.changeDocument(clientId, (ledger) => {
      decide(ledger, key, decision, week);
      prune(ledger, decision.at);
      return true;
    });
  }

  async settleAll(clientId: string, decisions: ReadonlyArray<{ key: string; decision: ScheduleDecisionRecord }>): Promise<void> {
    if (decisions.length === 0) return;
    await this.changeDocument(clientId, (ledger) => {
      for (const { key, decision } of decisions) decide(ledger, key, decision);
      prune(ledger, decisions.at(-1)!.decision.at);
      return true;
    });
  }

  async release(clientId: string, key: string): Promise<void> {
    await this.changeDocument(clientId, (ledger) => delete ledger.claimed[key]);
  }

  async markAnswered(clientId: string, key: string, at: string): Promise<void> {
    await this.changeDocument(clientId, (ledger) => {
      if (ledger.answered[key]) return false;
      ledger.answered[key] = at;
      return true;
    });
  }

  async setRiskHistory(clientId: string, history: NonNullable<ScheduleLedgerRecord['riskHistory']>): Promise<void> {
    await this.changeDocument(clientId, (ledger) => {
      ledger.riskHistory = structuredClone(history);
      return true;
    });
  }

  async setOpenCheckIn(clientId: string, open: ScheduleLedgerRecord['openCheckIn'] | undefined): Promise<void> {
    await this.changeDocument(clientId, (ledger) => {
      if (JSON.stringify(ledger.openCheckIn) === JSON.stringify(open)) return false;
      if (open) ledger.openCheckIn = { ...open };
      else delete ledger.openCheckIn;
      return true;
    });
  }
}

export function emptyLedger(clientId: string): ScheduleLedgerRecord {
  return { clientId, decided: {}, claimed: {}, answered: {}, weeks: {} };
}

/** Decide an occurrence once (a second decision for it is ignored), dropping its claim. */
function decide(ledger: ScheduleLedgerRecord, key: string, decision: ScheduleDecisionRecord, week?: string): void {
  delete ledger.claimed[key];
  if (ledger.decided[key]) return;
  ledger.decided[key] = decision;
  if (decision.outcome === 'sent' && week) ledger.weeks[week] = (ledger.weeks[week] ?? 0) + 1;
}

function prune(ledger: ScheduleLedgerRecord, nowIso: string): void {
  const cutoff = new Date(Date.parse(nowIso) - KEEP_DECIDED_DAYS * 86_400_000).toISOString();
  for (const [key, decision] of Object.entries(ledger.decided)) if (decision.at < cutoff) delete ledger.decided[key];
  for (const [key, at] of Object.entries(ledger.answered)) if (at < cutoff) delete ledger.answered[key];
  // Weeks are 'yyyy-Www': keep the last twenty or so.
  const weeks = Object.keys(ledger.weeks).sort();
  for (const week of weeks.slice(0, Math.max(0, weeks.length - 20))) delete ledger.weeks[week];
}
