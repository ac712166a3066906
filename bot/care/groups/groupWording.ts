import { ActivityTypes, type Activity } from 'botbuilder-core';
import { DateTime } from 'luxon';
import { BARRIERS } from '../../../dialogs/understanding/interpretBarrier.js';
import { memoZone } from '../../time/memoZone.js';

// How group messages say a session's time and place, and the barriers given, on the client's clock.

/** The barriers' menu labels, for a link worker's task ("Transport, Cost"). */
export function labels(barriers: readonly string[]): string {
  return barriers.map((id) => BARRIERS.find((b) => b.id === id)?.label.replace(/ \(tell us\)$/, '') ?? id).join(', ');
}

/** A note ending in a full stop ("Bus 12 stops outside."), or nothing. */
export function sentence(text: string | undefined): string {
  if (!text) return '';
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "today 10:00", "tomorrow 10:00", "on Wednesday 10:00", on the client's clock. */
export function whenAhead(start: DateTime, now: DateTime, timezone: string): string {
  const zone = memoZone(timezone);
  const local = start.setZone(zone);
  const days = Math.round(local.startOf('day').diff(now.setZone(zone).startOf('day'), 'days').days);
  const time = local.toFormat('HH:mm');
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  return `on ${local.setLocale('en-GB').toFormat('cccc')} ${time}`;
}

/** "today", "yesterday", "on Wednesday", and a week or more back "on Wednesday 4 March". */
export function whenPast(start: DateTime, now: DateTime, timezone: string): string {
  const zone = memoZone(timezone);
  const days = Math.round(now.setZone(zone).startOf('day').diff(start.setZone(zone).startOf('day'), 'days').days);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `on ${start
    .setZone(zone)
    .setLocale('en-GB')
    .toFormat(days < 7 ? 'cccc' : 'cccc d LLLL')}`;
}

export function sessionDate(sessionStart: string, timezone: string): string {
  return DateTime.fromISO(sessionStart).setZone(memoZone(timezone)).setLocale('en-GB').toFormat('ccc d LLL');
}

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export function countWord(n: number): string {
  return COUNT_WORDS[n] ?? String(n);
}

export function withButtons(text: string, buttons: string[]): Partial<Activity> {
  if (buttons.length === 0) return { type: ActivityTypes.Message, text };
  return {
    type: ActivityTypes.Message,
    text,
    // Web chat shows these as buttons; SMS sends the text alone (the numbers are in it).
    suggestedActions: { to: [], actions: buttons.map((title) => ({ type: 'imBack', title, value: title.replace(/^(\d) .*$/, '$1') })) },
  };
}
