import type { Instrument } from './instrumentSchema.js';

export interface ItemValue {
  itemId: string;
  value: number | null;
}

export interface InstrumentScore {
  /** Null when too few items were answered for this instrument's missing-data rule. */
  score: number | null;
  /** Every item of the instrument answered. */
  complete: boolean;
  band: string | null;
}

/**
 * Score one administration of an instrument from its own items' values only (never mixing
 * instruments). Returns null for instruments reported item by item.
 */
export function scoreInstrument(instrument: Instrument, values: readonly ItemValue[]): InstrumentScore | null {
  const { scoring } = instrument;
  if (scoring.method === 'none') return null;
  const answered = instrument.items
    .map((item) => values.find((v) => v.itemId === item.id)?.value)
    .filter((v): v is number => typeof v === 'number');
  const complete = answered.length === instrument.items.length;
  const needed = scoring.minAnswered === 'all' ? instrument.items.length : scoring.minAnswered;
  if (answered.length < needed) return { score: null, complete, band: null };
  const sum = answered.reduce((a, b) => a + b, 0);
  const score = scoring.method === 'sum' ? sum : sum / answered.length;
  const band = scoring.bands.find((b) => score >= b.min && score <= b.max)?.label ?? null;
  return { score, complete, band };
}
