import type { Band, ChoiceItem, Instrument, InstrumentItem, Threshold } from './instrumentShape.js';
import { itemAnswers, possibleRawScores } from './itemAnswers.js';
import { inBand, meetsThreshold } from './scoreInstrument.js';

// A 0-100 visual analogue scale is the widest a person answers by typing a number.
const MAX_SCALE_SPAN = 100;

/** A rule an instrument breaks, at the path of what breaks it (relative to the instrument). */
export interface InstrumentIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * Everything wrong between an instrument's items and its scoring: duplicate ids, keys or codes,
 * risk options that do not exist, and bands, thresholds or a conversion table that do not fit
 * the scores it can actually give (gaps, overlaps, out of range).
 */
export function instrumentIssues(instrument: Instrument): InstrumentIssue[] {
  // zod has already reported these, and there is nothing to score.
  if (instrument.items.length === 0 || instrument.items.some((item) => item.kind === 'choice' && item.options.length < 2)) return [];
  const issues: InstrumentIssue[] = [];
  instrument.items.forEach((item, i) => {
    const first = instrument.items.findIndex((other) => other.id === item.id);
    if (first !== i) issues.push({ path: ['items', i, 'id'], message: `duplicate item id "${item.id}" (also items[${first}])` });
    issues.push(...within(['items', i], itemIssues(item)));
  });
  // Scores can only be listed once every item is sound.
  if (issues.length === 0) issues.push(...scoringIssues(instrument));
  return issues;
}

function itemIssues(item: InstrumentItem): InstrumentIssue[] {
  if (item.kind === 'scale' && item.min >= item.max) return [{ path: ['max'], message: 'expected max above min' }];
  if (item.kind === 'scale' && item.max - item.min > MAX_SCALE_SPAN) {
    return [{ path: ['max'], message: `expected a scale of at most ${MAX_SCALE_SPAN + 1} points (${item.min} to ${item.min + MAX_SCALE_SPAN})` }];
  }
  const issues = item.kind === 'choice' ? optionIssues(item) : [];
  if (issues.length === 0 && item.bands) issues.push(...within(['bands'], bandIssues(item.bands, itemAnswers(item), 'answer')));
  return issues;
}

function optionIssues(item: ChoiceItem): InstrumentIssue[] {
  const issues: InstrumentIssue[] = [];
  for (const field of ['id', 'key', 'code'] as const) {
    item.options.forEach((option, j) => {
      const first = item.options.findIndex((other) => other[field] === option[field]);
      if (first !== j) {
        issues.push({
          path: ['options', j, field],
          message: `${field} ${JSON.stringify(option[field])} is already used by option "${item.options[first]!.id}"`,
        });
      }
    });
  }
  const ids = item.options.map((o) => o.id);
  (item.riskAt ?? []).forEach((optionId, j) => {
    if (!ids.includes(optionId)) issues.push({ path: ['riskAt', j], message: `no option "${optionId}"; options: ${ids.join(', ')}` });
  });
  return issues;
}

function scoringIssues(instrument: Instrument): InstrumentIssue[] {
  const { scoring } = instrument;
  if (scoring.method === 'none') return [];
  const count = instrument.items.length;
  const issues: InstrumentIssue[] = [];
  if (typeof scoring.minAnswered === 'number' && scoring.minAnswered > count) {
    issues.push({ path: ['minAnswered'], message: `the instrument has only ${count} item${count === 1 ? '' : 's'}` });
  } else if (scoring.method === 'sum' && typeof scoring.minAnswered === 'number' && scoring.minAnswered < count) {
    issues.push({ path: ['minAnswered'], message: 'a sum of some of the items cannot be compared with a sum of all of them: use "all", or method "mean"' });
  }
  if (scoring.conversion && scoring.method !== 'sum') {
    issues.push({ path: ['conversion'], message: 'a conversion table converts a raw total: use method "sum"' });
  }
  if (issues.length > 0) return within(['scoring'], issues);
  if (!scoring.conversion && scoring.bands.length === 0 && scoring.thresholds.length === 0) return [];

  const raw = possibleRawScores(instrument);
  if (!raw) return [{ path: ['scoring'], message: 'too many possible scores to check its bands and conversion table: use fewer or narrower items' }];
  let scores = raw;
  if (scoring.conversion) {
    const tableIssues = conversionIssues(scoring.conversion, raw);
    if (tableIssues.length > 0) return within(['scoring', 'conversion'], tableIssues);
    const converted = new Map(scoring.conversion.map((row) => [row.raw, row.score]));
    scores = [...new Set(raw.map((r) => converted.get(r)!))].sort((a, b) => a - b);
  }
  if (scoring.bands.length > 0) issues.push(...within(['scoring', 'bands'], bandIssues(scoring.bands, scores, 'score')));
  scoring.thresholds.forEach((threshold, j) => {
    issues.push(...within(['scoring', 'thresholds', j], thresholdIssues(threshold, scores)));
  });
  return issues;
}

/** A table must convert every raw total the instrument can give, each once, and nothing else. */
function conversionIssues(rows: ReadonlyArray<{ raw: number; score: number }>, raw: readonly number[]): InstrumentIssue[] {
  const issues: InstrumentIssue[] = [];
  const possible = new Set(raw);
  const range = `raw totals run ${raw[0]}–${raw.at(-1)}`;
  rows.forEach((row, j) => {
    const first = rows.findIndex((other) => other.raw === row.raw);
    if (first !== j) issues.push({ path: [j, 'raw'], message: `raw total ${row.raw} is already converted by conversion[${first}]` });
    else if (!possible.has(row.raw)) issues.push({ path: [j, 'raw'], message: `raw total ${row.raw} cannot occur (${range})` });
  });
  const listed = new Set(rows.map((row) => row.raw));
  const missing = raw.filter((r) => !listed.has(r));
  if (missing.length > 0) issues.push({ path: [], message: `no row for raw total ${list(missing)} (${range}; each needs a row)` });
  return issues;
}

/**
 * Bands must lie within the possible values, not overlap, and between them hold every possible
 * value: a score that falls in no band, or in two, would be reported wrongly.
 */
function bandIssues(bands: readonly Band[], possible: readonly number[], noun: 'answer' | 'score'): InstrumentIssue[] {
  const issues: InstrumentIssue[] = [];
  const [lowest, highest] = [possible[0]!, possible.at(-1)!];
  const range = `${noun}s run ${lowest}–${highest}`;
  const sound: Band[] = [];
  for (const [j, band] of bands.entries()) {
    const overlapped = sound.find((other) => band.min <= other.max && other.min <= band.max);
    const problem: InstrumentIssue | null =
      band.min > band.max
        ? { path: [j, 'max'], message: 'expected max at or above min' }
        : band.min < lowest
          ? { path: [j, 'min'], message: `below the lowest possible ${noun} (${range})` }
          : band.max > highest
            ? { path: [j, 'max'], message: `above the highest possible ${noun} (${range})` }
            : overlapped
              ? { path: [j], message: `overlaps band "${overlapped.label}" (${overlapped.min}–${overlapped.max})` }
              : !possible.some((v) => inBand(band, v))
                ? { path: [j], message: `no possible ${noun} falls in it (${range})` }
                : null;
    if (problem) issues.push(problem);
    else sound.push(band);
  }
  const outside = possible.filter((v) => !bands.some((band) => inBand(band, v)));
  if (outside.length > 0) issues.push({ path: [], message: `no band holds ${noun} ${list(outside)} (${range})` });
  return issues;
}

function thresholdIssues(threshold: Threshold, scores: readonly number[]): InstrumentIssue[] {
  const { atLeast, atMost } = threshold;
  if (atLeast === undefined && atMost === undefined) return []; // reported by thresholdSchema
  if (atLeast !== undefined && atMost !== undefined && atLeast > atMost) return [{ path: ['atMost'], message: 'expected atMost at or above atLeast' }];
  const flagged = scores.filter((s) => meetsThreshold(threshold, s)).length;
  const range = `scores run ${scores[0]}–${scores.at(-1)}`;
  if (flagged === 0) return [{ path: [], message: `no possible score raises "${threshold.flag}" (${range})` }];
  if (flagged === scores.length) return [{ path: [], message: `every possible score raises "${threshold.flag}" (${range})` }];
  return [];
}

function within(prefix: Array<string | number>, issues: InstrumentIssue[]): InstrumentIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));
}

/** "6", "6 and 7", "6, 7 and 8", "6, 7, 8, 9, 10 and 4 more". */
function list(values: readonly number[]): string {
  const shown = values.slice(0, values.length > 6 ? 5 : values.length).map(String);
  const more = values.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
