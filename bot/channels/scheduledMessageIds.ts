import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder-core';
import { OCCURRENCE_KEY } from './turnKeys.js';

const SENT_IN_TURN = Symbol('linkwell.scheduledSentInTurn');

/**
 * The id of the `n`th message (from 0) a scheduled occurrence's turn sends, the same on every
 * channel (an SMS outbox id, a web chat activity's channelData): so a restart can tell whether a
 * scheduled message went out, and the turn run again sends nothing twice.
 */
export function occurrenceMessageId(occurrenceKey: string, n: number): string {
  return `${createHash('sha256').update(occurrenceKey).digest('hex').slice(0, 32)}-${n}`;
}

/**
 * Ids for the next `count` messages this turn sends, numbered on from those it sent already, when
 * the turn delivers a scheduled occurrence; undefined in any other turn.
 */
export function nextOccurrenceMessageIds(context: TurnContext, count: number): string[] | undefined {
  const occurrenceKey = context.turnState.get(OCCURRENCE_KEY) as string | undefined;
  if (!occurrenceKey) return undefined;
  const sent = (context.turnState.get(SENT_IN_TURN) as number | undefined) ?? 0;
  context.turnState.set(SENT_IN_TURN, sent + count);
  return Array.from({ length: count }, (_, i) => occurrenceMessageId(occurrenceKey, sent + i));
}
