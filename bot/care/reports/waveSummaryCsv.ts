import { csvLine, type CsvValue } from './csv.js';
import type { OutcomeSummary } from './outcomes.js';
import type { Reported } from './suppression.js';

/** The wave summary's columns, in order. */
export const WAVE_SUMMARY_COLUMNS = [
  'wave_id',
  'instrument_id',
  'instrument_versions',
  'measure',
  'asked',
  'answered',
  'n',
  'median',
  'q1',
  'q3',
  'change_n',
  'median_change',
  'often_always_n',
  'often_always_share',
] as const;

/**
 * The wave summary as CSV: one row per wave, instrument and measure (one measure for most
 * instruments; ONS4 has one per item), an instrument with nothing to measure on one row of its own.
 * Suppressed numbers read "<5"; nothing to report is an empty cell.
 */
export function waveSummaryCsv(summary: OutcomeSummary): string {
  let text = csvLine(WAVE_SUMMARY_COLUMNS);
  for (const wave of summary.waves) {
    for (const instrument of wave.instruments) {
      const head: CsvValue[] = [wave.waveId, instrument.instrumentId, instrument.versions.join(';')];
      const often = instrument.oftenAlways ? [cell(instrument.oftenAlways.count), cell(instrument.oftenAlways.share)] : [null, null];
      if (instrument.measures.length === 0)
        text += csvLine([...head, null, cell(wave.asked), cell(instrument.answered), ...new Array<null>(6).fill(null), ...often]);
      for (const m of instrument.measures) {
        text += csvLine([
          ...head,
          m.measure,
          cell(wave.asked),
          cell(instrument.answered),
          cell(m.n),
          cell(m.median),
          cell(m.q1),
          cell(m.q3),
          m.change ? cell(m.change.n) : null,
          m.change ? cell(m.change.median) : null,
          ...often,
        ]);
      }
    }
  }
  return text;
}

/** Group attendance and barriers over the programme as CSV: `row, sessions, clients`, suppressed as in waveSummaryCsv. */
export function attendanceSummaryCsv(summary: OutcomeSummary): string {
  const a = summary.attendance;
  return [
    csvLine(['row', 'sessions', 'clients']),
    csvLine(['all', cell(a.sessions), cell(a.clients)]),
    csvLine(['went', cell(a.went), null]),
    csvLine(['didnt', cell(a.didnt), null]),
    csvLine(['unknown', cell(a.unknown), null]),
    ...a.barriers.map((b) => csvLine([`barrier:${b.barrierId}`, cell(b.sessions), cell(b.clients)])),
  ].join('');
}

/** "<5" when suppressed; numbers to four decimal places at most, so binary fractions do not leak into the file. */
function cell(reported: Reported): CsvValue {
  if (reported.suppressed) return '<5';
  return reported.value === null ? null : Number(reported.value.toFixed(4));
}
