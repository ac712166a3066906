import type { Instrument, InstrumentItem } from './instrumentShape.js';

/** Every answer an item can take, as given (a choice item's codes, each whole number of a scale). */
export function itemAnswers(item: InstrumentItem): number[] {
  if (item.kind === 'choice') return item.options.map((o) => o.code);
  return Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
}

/** The lowest and highest answer an item takes. */
export function itemRange(item: InstrumentItem): { min: number; max: number } {
  if (item.kind === 'scale') return { min: item.min, max: item.max };
  const codes = item.options.map((o) => o.code);
  return { min: Math.min(...codes), max: Math.max(...codes) };
}

/** Whether a value is one the item can take: anything else counts as not answered. */
export function isItemAnswer(item: InstrumentItem, value: number | null | undefined): value is number {
  if (typeof value !== 'number') return false;
  if (item.kind === 'choice') return item.options.some((o) => o.code === value);
  return Number.isInteger(value) && value >= item.min && value <= item.max;
}

/** An answer as it counts towards a total: max + min − value for a reverse-coded item. */
export function scoredValue(item: InstrumentItem, value: number): number {
  if (!item.reverse) return value;
  const { min, max } = itemRange(item);
  return max + min - value;
}

/** How many items must be answered for a total under the instrument's missing-data rule. */
export function answersNeeded(instrument: Instrument): number {
  const { scoring, items } = instrument;
  return scoring.method === 'none' || scoring.minAnswered === 'all' ? items.length : scoring.minAnswered;
}

/** A mean as it is reported, banded and stored: to two decimal places. */
export function roundedMean(sum: number, count: number): number {
  return Math.round((100 * sum) / count) / 100;
}

// Enough for any questionnaire (14 items of 1-5 make ~1,000 states; ten 0-100 scales ~11,000);
// past it, listing every possible score is not worth the time at start-up.
const MAX_STATES = 50_000;

/**
 * Every raw score (sum, or rounded mean) the instrument can give under its missing-data rule,
 * ascending: what its bands and conversion table are checked against. Null when there are too
 * many to list.
 */
export function possibleRawScores(instrument: Instrument): number[] | null {
  // Whole-number answers: k items' totals are whole numbers between the sums of their ends.
  const spans = instrument.items.reduce((sum, item) => sum + itemRange(item).max - itemRange(item).min, 0);
  if ((instrument.items.length + 1) * (spans + 1) > MAX_STATES) return null;
  const needed = Math.max(1, answersNeeded(instrument));
  // sums[k]: every total of k answered items among those seen so far.
  let sums: Array<Set<number>> = [new Set([0])];
  let states = 1;
  for (const item of instrument.items) {
    const values = [...new Set(itemAnswers(item).map((v) => scoredValue(item, v)))];
    const next = [...sums.map((s) => new Set(s)), new Set<number>()];
    sums.forEach((totals, k) => {
      for (const total of totals) for (const v of values) next[k + 1]!.add(total + v);
    });
    sums = next;
    states = sums.reduce((n, s) => n + s.size, 0);
    if (states > MAX_STATES) return null;
  }
  const method = instrument.scoring.method;
  const scores = new Set<number>();
  for (let k = needed; k < sums.length; k++) {
    for (const total of sums[k]!) scores.add(method === 'mean' ? roundedMean(total, k) : total);
  }
  return [...scores].sort((a, b) => a - b);
}
