import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/**
 * Exactly-once for the turn of a received text. A text's turn can run twice: a crash after its
 * effects and before it was marked handled runs it again on restart. So every effect of such a
 * turn is keyed by the text's own id (Twilio's MessageSid) and its place in the turn: the replay of
 * a turn, from the same state with the same words, makes the same effects in the same order, finds
 * them made already, and changes nothing (the nth reply has the same outbox id, the check-in it
 * starts the same id, the nth note or answer the same key). The conversation state also keeps the
 * ids of the texts it has handled, written with the dialog state in one file at the end of the
 * turn, so a replay after that point runs nothing at all.
 */
const EFFECTS = Symbol('linkwell.turnEffects');

interface Effects {
  key: string;
  next: number;
}

/** Key this turn's effects by the message it handles (channels call this for a received text). */
export function keyTurnEffects(context: TurnContext, messageKey: string): void {
  context.turnState.set(EFFECTS, { key: messageKey, next: 0 } satisfies Effects);
}

/** The message this turn's effects are keyed by, if any. */
export function turnMessageKey(context: TurnContext): string | undefined {
  return (context.turnState.get(EFFECTS) as Effects | undefined)?.key;
}

/** The key of this turn's next effect ("<message>#<n>"), or undefined in a turn that is not keyed. */
export function nextEffectKey(context: TurnContext): string | undefined {
  const effects = context.turnState.get(EFFECTS) as Effects | undefined;
  if (!effects) return undefined;
  const key = `${effects.key}#${effects.next}`;
  effects.next += 1;
  return key;
}

/** `{ effectKey }` for a record this turn writes once, or nothing when the turn is not keyed. */
export function effectKeyOf(context: TurnContext): { effectKey?: string } {
  const key = nextEffectKey(context);
  return key ? { effectKey: key } : {};
}

/** An id for something this turn creates: the same on a replay when the turn is keyed, else random. */
export function effectId(context: TurnContext): string {
  const key = nextEffectKey(context);
  return key ? idFromKey(key) : randomUUID();
}

/** A UUID-shaped id drawn from a key (so it passes wherever an id is checked). */
export function idFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
