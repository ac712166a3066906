import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder-core';
import type { NoteRecord } from '../../storage/records.js';

/**
 * Exactly-once for the turn of a received text. A text's turn can run twice: a crash after its
 * effects and before it was marked handled runs it again on restart. So every effect of such a
 * turn is keyed by the text's own id (Twilio's MessageSid) and its place in the turn: the replay of
 * a turn, from the same state with the same words, makes the same effects in the same order, finds
 * them made already, and changes nothing (the nth reply has the same outbox id, the check-in it
 * starts the same id, the nth note or answer the same key). Each kind is numbered on its own, so
 * a replay that takes another path (the first run changed what it reads) still sends no more
 * replies than the first run did. The conversation state also keeps the
 * ids of the texts it has handled, written with the dialog state in one file at the end of the
 * turn, so a replay after that point runs nothing at all.
 */
const EFFECTS = Symbol('linkwell.turnEffects');

/** What a turn makes, each kind numbered on its own (so a note skipped on a replay does not renumber the replies). */
export type EffectKind = 'reply' | 'note' | 'answer' | 'id';

interface Effects {
  key: string;
  next: Map<EffectKind, number>;
}

/** Key this turn's effects by the message it handles (channels call this for a received text). */
export function keyTurnEffects(context: TurnContext, messageKey: string): void {
  context.turnState.set(EFFECTS, { key: messageKey, next: new Map() } satisfies Effects);
}

/** The message this turn's effects are keyed by, if any. */
export function turnMessageKey(context: TurnContext): string | undefined {
  return (context.turnState.get(EFFECTS) as Effects | undefined)?.key;
}

/** The key of this turn's next effect of a kind ("<message>#<kind><n>"), or undefined in a turn that is not keyed. */
export function nextEffectKey(context: TurnContext, kind: EffectKind): string | undefined {
  const effects = context.turnState.get(EFFECTS) as Effects | undefined;
  if (!effects) return undefined;
  const n = effects.next.get(kind) ?? 0;
  effects.next.set(kind, n + 1);
  return `${effects.key}#${kind}${n}`;
}

/** `{ effectKey }` for a record this turn writes once, or nothing when the turn is not keyed. */
export function effectKeyOf(context: TurnContext, kind: 'note' | 'answer'): { effectKey?: string } {
  const key = nextEffectKey(context, kind);
  return key ? { effectKey: key } : {};
}

/** An id for something this turn creates: the same on a replay when the turn is keyed, else random. */
export function effectId(context: TurnContext): string {
  const key = nextEffectKey(context, 'id');
  return key ? idFromKey(key) : randomUUID();
}

/** A UUID-shaped id drawn from a key (so it passes wherever an id is checked). */
export function idFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A note of what the client wrote outside a check-in, for their link worker, kept once per turn. */
export function noteOutsideCheckIn(context: TurnContext, text: string, createdAt: string): NoteRecord {
  return { checkInId: null, text, channel: context.activity.channelId, createdAt, ...effectKeyOf(context, 'note') };
}
