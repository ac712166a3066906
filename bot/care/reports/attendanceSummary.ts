import type { AttendanceFacts } from '../../../storage/outcomeFacts.js';
import type { AttendanceStatus } from '../../../storage/records.js';
import { BARRIERS } from '../../../dialogs/understanding/interpretBarrier.js';
import { reportNested, reportPartition, isSmall, SUPPRESSED, type Reported } from './suppression.js';

const STATUSES: readonly AttendanceStatus[] = ['went', 'didnt', 'unknown'];

/** Group sessions over the whole programme (not per wave: a session belongs to no wave), suppressed for small numbers. */
export interface AttendanceSummary {
  /** Clients with at least one session they were nudged about or asked after. */
  clients: Reported;
  /** Those sessions; `went + didnt + unknown = sessions`. */
  sessions: Reported;
  went: Reported;
  didnt: Reported;
  unknown: Reported;
  /** Every barrier (interpretBarrier's ids, in menu order, then any others): sessions it was given for, and by how many clients. */
  barriers: Array<{ barrierId: string; sessions: Reported; clients: Reported }>;
}

interface BarrierTally {
  sessions: number;
  clients: number;
  /** Clients who gave this barrier for every one of their sessions. */
  clientsAlways: number;
}

/** Counts group sessions client by client, keeping only numbers (not records) between clients. */
export class AttendanceTally {
  private readonly sessions = [0, 0, 0];
  /** Clients by the set of statuses their sessions had (bit i: STATUSES[i]), to count distinct clients behind any cells. */
  private readonly clientsBySet = new Array<number>(1 << STATUSES.length).fill(0);
  private readonly barriers = new Map<string, BarrierTally>(BARRIERS.map((b) => [b.id, { sessions: 0, clients: 0, clientsAlways: 0 }]));

  /** Add one client's sessions, counted by what happened and by barrier (see storage/outcomeFacts.ts). */
  add(counts: Readonly<AttendanceFacts>): void {
    const all = counts.went + counts.didnt + counts.unknown;
    if (all === 0) return;
    let set = 0;
    STATUSES.forEach((status, i) => {
      if (counts[status] === 0) return;
      this.sessions[i] = this.sessions[i]! + counts[status];
      set |= 1 << i;
    });
    this.clientsBySet[set] = this.clientsBySet[set]! + 1;
    for (const [id, sessions] of Object.entries(counts.barriers)) {
      if (sessions <= 0) continue;
      const tally = this.barriers.get(id) ?? { sessions: 0, clients: 0, clientsAlways: 0 };
      tally.sessions += sessions;
      tally.clients += 1;
      if (sessions === all) tally.clientsAlways += 1;
      this.barriers.set(id, tally);
    }
  }

  /**
   * The published counts. Went / didn't / unknown add up to the sessions, so they are suppressed
   * as one table (see reportPartition). A barrier's sessions are suppressed when they come from
   * 1–4 clients, or when the sessions without it (all sessions minus its own) do; its clients when
   * they are 1–4 or all clients but 1–4. Barriers do not add up to anything (a session can have
   * several), so nothing else can be subtracted.
   */
  summary(): AttendanceSummary {
    const allClients = this.clientsBySet.reduce((sum, n, set) => (set === 0 ? sum : sum + n), 0);
    const union = (cells: readonly number[]) => {
      const mask = cells.reduce((m, i) => m | (1 << i), 0);
      return this.clientsBySet.reduce((sum, n, set) => ((set & mask) !== 0 ? sum + n : sum), 0);
    };
    const allSessions = this.sessions.reduce((a, b) => a + b, 0);
    const table = reportPartition(
      { count: allSessions, clients: allClients },
      STATUSES.map((_, i) => ({ count: this.sessions[i]!, clients: union([i]) })),
      union,
    );
    const clients = reportNested(allClients, []);
    const known = new Set<string>(BARRIERS.map((b) => b.id));
    const ids = [...BARRIERS.map((b) => b.id as string), ...[...this.barriers.keys()].filter((id) => !known.has(id)).sort()];
    return {
      clients,
      sessions: table.total,
      went: table.cells[0]!,
      didnt: table.cells[1]!,
      unknown: table.cells[2]!,
      barriers: ids.map((barrierId) => {
        const b = this.barriers.get(barrierId)!;
        const hideSessions = isSmall(b.clients) || (table.total.value !== null && isSmall(allClients - b.clientsAlways));
        return {
          barrierId,
          sessions: hideSessions ? SUPPRESSED : { value: b.sessions, suppressed: false },
          clients: reportNested(b.clients, [clients]),
        };
      }),
    };
  }
}
