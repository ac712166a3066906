// Figures on the blind corpora (test/eval/blind), shared by eval:risk and eval:answers. Only
// figures and counts by kind are printed by default: a line of a blind corpus is never a thing to
// tune to (`--show-blind-misses` prints them for a reviewer).
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import type { InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { TIER_RANK, type RiskTier } from '../../dialogs/safety/riskLexicon.js';
import { defaultRiskLexicon, screenMessage, type ScreenOptions } from '../../dialogs/safety/screenMessage.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { recognizeCommand } from '../../dialogs/understanding/recognizeCommand.js';
import { blindAnswerCorpus, blindRiskCorpus, type BlindAnswerEntry, type BlindRiskEntry } from './blindCorpora.js';

const atLeast = (got: RiskTier | null, label: RiskTier) => got !== null && TIER_RANK[got] >= TIER_RANK[label];
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
/** "part/whole percent", as the eval tables print a share. */
export const share = (part: number, whole: number) => `${part}/${whole} ${pct(part, whole)}`;

/** The item and the coded value an option number (as shown to the client) stands for. */
export function itemFor(instrumentId: string, itemId: string): InstrumentItem | undefined {
  return builtinInstruments.get(instrumentId)?.items.find((i) => i.id === itemId);
}
export function codeOfKey(item: InstrumentItem, key: number): number | null {
  if (item.kind === 'scale') return key;
  return item.options?.find((o) => o.key === key)?.code ?? null;
}

export interface RiskFigures {
  messages: number;
  recall: Record<RiskTier, [number, number]>;
  /** Urgent or same-day alerts on messages labelled none. */
  alarms: [number, number];
  /** Messages labelled none given a flag. */
  flagsOnNone: number;
  /** Disclosures inside answers: answer understood with the right code, and alerted at the label's tier or sooner. */
  inAnswers: { answered: [number, number]; alerted: [number, number] };
  missesByKind: Map<string, number>;
  misses: Array<BlindRiskEntry & { got: RiskTier | null }>;
}

/** Screens every blind risk message (with `options`, e.g. rules only) and counts. */
export function blindRiskFigures(options: ScreenOptions = {}, entries: readonly BlindRiskEntry[] = blindRiskCorpus()): RiskFigures {
  const f: RiskFigures = {
    messages: entries.length,
    recall: { urgent: [0, 0], 'same-day': [0, 0], routine: [0, 0] },
    alarms: [0, 0],
    flagsOnNone: 0,
    inAnswers: { answered: [0, 0], alerted: [0, 0] },
    missesByKind: new Map(),
    misses: [],
  };
  for (const e of entries) {
    const got = screenMessage(e.text, defaultRiskLexicon, options)?.tier ?? null;
    let missed = false;
    if (e.label === null) {
      f.alarms[1] += 1;
      if (got === 'urgent' || got === 'same-day') {
        f.alarms[0] += 1;
        missed = true;
      } else if (got === 'routine') f.flagsOnNone += 1;
    } else {
      f.recall[e.label][1] += 1;
      if (atLeast(got, e.label)) f.recall[e.label][0] += 1;
      else missed = true;
    }
    if (e.inAnswerTo) {
      const item = itemFor(e.inAnswerTo.instrumentId, e.inAnswerTo.itemId);
      const meaning = item ? interpretReply(item, { text: e.text }) : null;
      f.inAnswers.answered[1] += 1;
      if (item && meaning?.kind === 'answer' && meaning.value === codeOfKey(item, e.inAnswerTo.answerKey)) f.inAnswers.answered[0] += 1;
      if (e.label) {
        f.inAnswers.alerted[1] += 1;
        if (atLeast(got, e.label)) f.inAnswers.alerted[0] += 1;
      }
    }
    if (missed) {
      f.missesByKind.set(e.kind, (f.missesByKind.get(e.kind) ?? 0) + 1);
      f.misses.push({ ...e, got });
    }
  }
  return f;
}

/** Lines describing risk figures (for a table with one column per corpus). */
export function riskFigureRows(f: RiskFigures): Record<string, string> {
  const r = (x: [number, number]) => share(x[0], x[1]);
  return {
    messages: String(f.messages),
    'urgent recall': r(f.recall.urgent),
    'same-day or sooner': r(f.recall['same-day']),
    'flag or sooner': r(f.recall.routine),
    'alerts on ordinary': r(f.alarms),
    'flags on ordinary': `${f.flagsOnNone}/${f.alarms[1]}`,
    'in answers: answer kept': r(f.inAnswers.answered),
    'in answers: alerted': r(f.inAnswers.alerted),
  };
}

export interface AnswerFigures {
  replies: number;
  understood: [number, number];
  wrongCodes: number;
  guessesOnUnclear: [number, number];
  /** The kinds (as the corpus's writers labelled them) of the unclear replies coded instead of re-asked. */
  guessesByKind: Map<string, number>;
  missesByKind: Map<string, number>;
  misses: Array<BlindAnswerEntry & { got: string }>;
}

/** Every blind answer through interpretReply: understood (right code, re-ask or skip as expected), wrong codes, guesses on unclear replies. */
export function blindAnswerFigures(entries: readonly BlindAnswerEntry[] = blindAnswerCorpus()): AnswerFigures {
  const f: AnswerFigures = {
    replies: entries.length,
    understood: [0, entries.length],
    wrongCodes: 0,
    guessesOnUnclear: [0, 0],
    guessesByKind: new Map(),
    missesByKind: new Map(),
    misses: [],
  };
  for (const e of entries) {
    const item = itemFor(e.instrumentId, e.itemId);
    if (!item) throw new Error(`blind answers: no item ${e.instrumentId}/${e.itemId}`);
    // As the check-in reads a reply: a command first ("skip", "stop"), then an answer.
    const command = recognizeCommand(e.reply);
    const meaning = command ? null : interpretReply(item, { text: e.reply });
    const got = command ? (command === 'skip' ? 'skip' : `command:${command}`) : meaning!.kind === 'answer' ? String(meaning!.value) : 'reask';
    const expected = typeof e.expected === 'number' ? String(codeOfKey(item, e.expected)) : e.expected;
    if (e.expected === 'reask') {
      f.guessesOnUnclear[1] += 1;
      if (meaning?.kind === 'answer') {
        f.guessesOnUnclear[0] += 1;
        f.guessesByKind.set(e.kind, (f.guessesByKind.get(e.kind) ?? 0) + 1);
      }
    }
    if (typeof e.expected === 'number' && meaning?.kind === 'answer' && got !== expected) f.wrongCodes += 1;
    if (got === expected) f.understood[0] += 1;
    else {
      f.missesByKind.set(e.kind, (f.missesByKind.get(e.kind) ?? 0) + 1);
      f.misses.push({ ...e, got });
    }
  }
  return f;
}

/** Prints a table: one row per figure, one column per corpus. */
export function printColumns(columns: Record<string, Record<string, string>>): void {
  const names = Object.keys(columns);
  const rows = [...new Set(names.flatMap((n) => Object.keys(columns[n]!)))];
  const width = Math.max(...rows.map((r) => r.length)) + 2;
  const col = Math.max(18, ...names.map((n) => n.length + 2));
  console.log(''.padEnd(width) + names.map((n) => n.padStart(col)).join(''));
  for (const row of rows) console.log(row.padEnd(width) + names.map((n) => (columns[n]![row] ?? '-').padStart(col)).join(''));
}
