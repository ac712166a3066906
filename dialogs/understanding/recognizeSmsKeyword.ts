import { DateTime, Duration } from 'luxon';
import { normalizeReply } from './normalizeReply.js';
import { recognizers } from './recognizers.js';

/** The SMS compliance keywords, recognised as a whole message, whatever is being asked. */
export type SmsKeyword =
  | { kind: 'optOut' }
  | { kind: 'optIn'; word: 'start' | 'unstop' | 'yes' }
  | { kind: 'help' }
  | { kind: 'pause'; resumeOn: DateTime; capped: boolean }
  | { kind: 'resume' };

const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit']);
const OPT_IN = new Map<string, 'start' | 'unstop' | 'yes'>([
  ['start', 'start'],
  ['unstop', 'unstop'],
  ['yes', 'yes'],
]);
const HELP = new Set(['help', 'info']);
const RESUME = new Set(['resume', 'unpause']);

export const DEFAULT_PAUSE = Duration.fromObject({ weeks: 2 });
export const LONGEST_PAUSE = Duration.fromObject({ weeks: 26 });

/**
 * The keyword a whole text amounts to, if any: case, spaces and punctuation around it do not
 * matter ("Stop", " S T O P ", "stop all!"). PAUSE may say for how long or until when ("pause 2
 * weeks", "PAUSE until 5 January"); `today` is the client's local date and time, and the pause
 * runs to the start of `resumeOn` in that zone.
 */
export function recognizeSmsKeyword(text: string, today: DateTime): SmsKeyword | null {
  const normalized = normalizeReply(text);
  const squashed = normalized.replace(/\s+/g, '');
  if (OPT_OUT.has(squashed)) return { kind: 'optOut' };
  const optIn = OPT_IN.get(squashed);
  if (optIn) return { kind: 'optIn', word: optIn };
  if (HELP.has(squashed)) return { kind: 'help' };
  if (RESUME.has(squashed)) return { kind: 'resume' };
  const pause = /^pause\b(.*)$/.exec(normalized);
  if (pause) return pauseUntil(pause[1]!.trim(), today);
  return null;
}

function pauseUntil(asked: string, today: DateTime): SmsKeyword {
  const start = today.startOf('day');
  const wanted = asked === '' ? start.plus(DEFAULT_PAUSE) : (askedDate(asked, today) ?? start.plus(DEFAULT_PAUSE));
  const latest = start.plus(LONGEST_PAUSE);
  const earliest = start.plus({ days: 1 });
  if (wanted > latest) return { kind: 'pause', resumeOn: latest, capped: true };
  return { kind: 'pause', resumeOn: wanted < earliest ? earliest : wanted, capped: false };
}

/** "2 weeks", "a month", "for 10 days", "until Friday", "till 5 January": the local date to resume on. */
function askedDate(asked: string, today: DateTime): DateTime | undefined {
  // The recognizer reads its reference in the process's own zone: give it the client's wall-clock date.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  const start = today.startOf('day');
  const { recognizeDateTime, Culture } = recognizers();
  for (const result of recognizeDateTime(asked, Culture.English, undefined, reference)) {
    const values = (result.resolution as { values?: Array<Record<string, string>> } | undefined)?.values ?? [];
    for (const value of values) {
      if (value.type === 'duration') {
        const fromTimex = Duration.fromISO(value.timex ?? '');
        const duration = fromTimex.isValid ? fromTimex : Duration.fromObject({ seconds: Number(value.value) });
        if (duration.isValid && duration.as('days') >= 1) return start.plus(duration);
      }
      const date = value.end ?? value.value ?? value.start;
      if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
        const resumeOn = DateTime.fromISO(date, { zone: today.zone });
        if (resumeOn > start) return resumeOn;
      }
    }
  }
  return undefined;
}
