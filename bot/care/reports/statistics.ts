/** The middle value of numbers sorted ascending (the mean of the two middle ones for an even count); null when there are none. */
export function median(sorted: readonly number[]): number | null {
  return quantile(sorted, 0.5);
}

/**
 * The p-quantile of numbers sorted ascending, interpolated between the two nearest ranks (R's type 7,
 * Excel's QUARTILE.INC), so an analyst re-running it gets the same quartiles; null when there are none.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

/** A copy sorted ascending, as numbers (not as strings, which Array.prototype.sort would do). */
export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
