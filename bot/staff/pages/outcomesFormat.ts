import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import type { Reported } from '../../care/reports/suppression.js';

/** What a suppressed number reads as, on the page as in the CSV downloads. */
export const SUPPRESSED_TEXT = '<5';

/** A wave's heading: its id in words ("week-8" → "Week 8"). */
export function waveLabel(waveId: string): string {
  const words = waveId.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A count or statistic as shown: "<5" when suppressed, a dash when there is nothing to report. */
export function shown(reported: Reported, format: (value: number) => string = decimal): string {
  if (reported.suppressed) return SUPPRESSED_TEXT;
  return reported.value === null ? '–' : format(reported.value);
}

/** Up to two decimal places, no trailing zeros (a median of whole numbers is whole or .5). */
export function decimal(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** A change, signed: "+1", "−0.5", "0". */
export function signed(value: number): string {
  const text = decimal(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '0';
}

/** A share of clients as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The value for a chart: a number, or null (a gap) when suppressed or empty. */
export function plotted(reported: Reported): number | null {
  return reported.suppressed || reported.value === null ? null : Number(reported.value.toFixed(2));
}

/** A measure's name: "score" for an instrument with a total, else the item's id in words. */
export function measureLabel(instrument: Instrument | undefined, measure: string): string {
  if (measure === 'score') return instrument?.scoring.method === 'mean' ? 'Mean score' : 'Total score';
  if (instrument && instrument.items.length === 1) return 'Answer';
  const words = measure.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The median of a single-choice item's codes is a code: it is shown with its option's label when it
 * is one ("2 (Some of the time)"); a median between two codes is shown as the number alone.
 */
export function withOptionLabel(instrument: Instrument | undefined, measure: string, value: number): string {
  const item = instrument?.items.find((i) => i.id === measure);
  const option = item?.kind === 'choice' ? item.options.find((o) => o.code === value) : undefined;
  return option ? `${decimal(value)} (${option.label})` : decimal(value);
}
