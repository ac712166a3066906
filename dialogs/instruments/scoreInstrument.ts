import type { Band, Instrument, Threshold } from './instrumentShape.js';
import { answersNeeded, isItemAnswer, roundedMean, scoredValue } from './itemAnswers.js';

export interface ItemValue {
  itemId: string;
  value: number | null;
}

/** What a report needs of one administration of an instrument. */
export interface InstrumentScore {
  /**
   * The total (sum, or mean to two decimals; the converted score when the instrument has a
   * conversion table). Null when too few items were answered for the instrument's missing-data
   * rule, or when it has no total (ONS4).
   */
  score: number | null;
  /** The raw total before conversion: only for instruments with a conversion table. */
  rawScore?: number | null;
  /** Every item of the instrument answered. */
  complete: boolean;
  band: string | null;
  /** Thresholds the score reached (K6 ≥ 13), by their flag. */
  flags: string[];
  /** Each banded item's band (null when not answered): only for instruments whose items have bands. */
  itemBands?: Record<string, string | null>;
}

/**
 * Score one administration of an instrument from its own items' values only (never mixing
 * instruments). A value an item cannot take counts as not answered, and a score is never
 * computed from fewer items than the instrument's rule allows. Returns null for instruments
 * reported item by item with nothing to band.
 */
export function scoreInstrument(instrument: Instrument, values: readonly ItemValue[]): InstrumentScore | null {
  const given = new Map(values.map((v) => [v.itemId, v.value]));
  const answers = instrument.items.map((item) => {
    const value = given.get(item.id);
    return { item, value: isItemAnswer(item, value) ? value : null };
  });
  const answered = answers.flatMap(({ item, value }) => (value === null ? [] : [{ item, value }]));
  const complete = answered.length === instrument.items.length;
  const banded = answers.filter((a) => a.item.bands);
  const itemBands =
    banded.length > 0 ? Object.fromEntries(banded.map(({ item, value }) => [item.id, value === null ? null : bandOf(item.bands!, value)])) : undefined;
  const byItem = itemBands ? { itemBands } : {};

  const { scoring } = instrument;
  if (scoring.method === 'none') return itemBands ? { score: null, complete, band: null, flags: [], ...byItem } : null;
  const converting = scoring.conversion ? { rawScore: null } : {};
  if (answered.length < answersNeeded(instrument)) return { score: null, ...converting, complete, band: null, flags: [], ...byItem };

  const sum = answered.reduce((total, { item, value }) => total + scoredValue(item, value), 0);
  const raw = scoring.method === 'sum' ? sum : roundedMean(sum, answered.length);
  const score = scoring.conversion ? convert(scoring.conversion, raw, instrument) : raw;
  return {
    score,
    ...(scoring.conversion ? { rawScore: raw } : {}),
    complete,
    band: bandOf(scoring.bands, score),
    flags: scoring.thresholds.filter((t) => meetsThreshold(t, score)).map((t) => t.flag),
    ...byItem,
  };
}

/** Whether a value lies in a band, both ends included. */
export function inBand(band: Band, value: number): boolean {
  return value >= band.min && value <= band.max;
}

/** Whether a score raises a threshold's flag. */
export function meetsThreshold(threshold: Threshold, score: number): boolean {
  return (threshold.atLeast === undefined || score >= threshold.atLeast) && (threshold.atMost === undefined || score <= threshold.atMost);
}

function bandOf(bands: readonly Band[], value: number): string | null {
  return bands.find((band) => inBand(band, value))?.label ?? null;
}

function convert(table: ReadonlyArray<{ raw: number; score: number }>, raw: number, instrument: Instrument): number {
  const row = table.find((r) => r.raw === raw);
  // instrumentSchema refuses a table that misses a possible raw total.
  if (!row) throw new RangeError(`${instrument.id} v${instrument.version}: no conversion for raw total ${raw}`);
  return row.score;
}
