/** Fewer clients than this behind a count or statistic and it is not published. */
export const SMALL_NUMBER = 5;

/**
 * A published number. `value` is null either because it is suppressed (`suppressed: true`, shown as
 * "<5") or because there is nothing to report (no answers: `suppressed: false`).
 */
export interface Reported {
  value: number | null;
  suppressed: boolean;
}

export const SUPPRESSED: Reported = Object.freeze({ value: null, suppressed: true });
export const NOTHING: Reported = Object.freeze({ value: null, suppressed: false });

/** Whether a number of clients is small enough to identify someone: 1 to 4 (none at all identifies nobody). */
export function isSmall(clients: number): boolean {
  return clients > 0 && clients < SMALL_NUMBER;
}

/** A statistic (median, quartile, share) computed from `clients` clients' values. */
export function reportStatistic(value: number | null, clients: number): Reported {
  if (isSmall(clients)) return SUPPRESSED;
  return value === null ? NOTHING : { value, suppressed: false };
}

/**
 * A count of clients who are a subset of the clients behind each of `above` (asked ⊇ answered ⊇
 * scored ⊇ paired). Suppressed when it is small, or when subtracting it from a published count
 * above would give a small number of clients (e.g. "asked 20, answered 18" tells that 2 did not
 * answer). Only published counts above are compared: suppressed ones cannot be subtracted from.
 */
export function reportNested(count: number, above: readonly Reported[]): Reported {
  if (isSmall(count)) return SUPPRESSED;
  for (const total of above) if (total.value !== null && isSmall(total.value - count)) return SUPPRESSED;
  return { value: count, suppressed: false };
}

/** One cell of a table whose cells add up to its total: its count, and how many distinct clients it comes from. */
export interface PartitionCell {
  count: number;
  clients: number;
}

/**
 * Cells that add up to a published total (sessions went / didn't / unknown). A cell from 1 to 4
 * clients is suppressed; then, because the total minus the published cells gives the sum of the
 * suppressed ones, further cells are suppressed (the one from fewest clients first, never an empty
 * one, which would add nothing) until the suppressed cells together come from at least 5 clients.
 * When no cell is left to suppress, the total is suppressed too. `unionClients` gives the distinct
 * clients behind a set of cells (a client can be in several). Returns the total, then the cells.
 */
export function reportPartition(
  total: PartitionCell,
  cells: readonly PartitionCell[],
  unionClients: (cellIndexes: readonly number[]) => number,
): { total: Reported; cells: Reported[] } {
  const shown = (count: number): Reported => ({ value: count, suppressed: false });
  if (isSmall(total.clients)) {
    return { total: SUPPRESSED, cells: cells.map((c) => (c.clients === 0 ? shown(c.count) : SUPPRESSED)) };
  }
  const hidden = cells.flatMap((c, i) => (isSmall(c.clients) ? [i] : []));
  let totalHidden = false;
  while (hidden.length > 0 && unionClients(hidden) < SMALL_NUMBER) {
    const next = cells
      .map((c, i) => ({ ...c, i }))
      .filter((c) => c.clients > 0 && !hidden.includes(c.i))
      .sort((a, b) => a.clients - b.clients || a.count - b.count)[0];
    if (!next) {
      totalHidden = true;
      break;
    }
    hidden.push(next.i);
  }
  return {
    total: totalHidden ? SUPPRESSED : shown(total.count),
    cells: cells.map((c, i) => (hidden.includes(i) ? SUPPRESSED : shown(c.count))),
  };
}
