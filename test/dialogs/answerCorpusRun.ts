import { itemCard, type ItemCardValue } from '../../cards/itemCard.js';
import { itemText } from '../../cards/itemText.js';
import type { Instrument, InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { interpretReply, type Reply } from '../../dialogs/understanding/interpretReply.js';
import { recognizeCommand } from '../../dialogs/understanding/recognizeCommand.js';
import type { CorpusEntry, Expected } from './answerCorpus.js';

/** The ways a reply reaches the bot: an SMS, text typed into web chat, a web chat card button. */
export type Channel = 'sms' | 'webchat typed' | 'webchat button';

export interface RunnableEntry extends CorpusEntry {
  item: InstrumentItem;
}

/** The corpus split into entries whose item exists, and counts of replies per missing instrument or item. */
export function resolveCorpus(corpus: readonly CorpusEntry[], instruments: ReadonlyMap<string, Instrument>) {
  const runnable: RunnableEntry[] = [];
  const missing = new Map<string, number>();
  for (const entry of corpus) {
    const instrument = instruments.get(entry.instrumentId);
    const item = instrument?.items.find((i) => i.id === entry.itemId);
    if (item) runnable.push({ ...entry, item });
    else {
      const what = instrument ? `${entry.instrumentId}/${entry.itemId}` : entry.instrumentId;
      missing.set(what, (missing.get(what) ?? 0) + 1);
    }
  }
  return { runnable, missing };
}

/**
 * What the check-in makes of a reply, as CheckInDialog does: a command typed as a whole message
 * first (never for a button press), otherwise the interpretation, written like an Expected.
 */
export function understand(item: InstrumentItem, reply: Reply): Expected {
  const command = reply.value ? null : recognizeCommand(reply.text);
  if (command) return `command:${command}`;
  const meaning = interpretReply(item, reply);
  return meaning.kind === 'answer' ? meaning.value : `unclear:${meaning.reason}`;
}

/**
 * The reply as it arrives by each channel. By SMS and typed into web chat it is the text alone
 * (Web Chat sends no value with typed text). A coded answer can also arrive as the web chat card's
 * button for it, found on the rendered card: null when the expected answer is not a button.
 */
export function replyBy(channel: Channel, entry: RunnableEntry): Reply | null {
  if (channel !== 'webchat button') return { text: entry.reply };
  if (typeof entry.expected !== 'number') return null;
  const actions = (itemCard(entry.item).content as { actions: Array<{ data: ItemCardValue }> }).actions;
  const action = actions.find((a) => a.data.value === entry.expected);
  return action ? { value: action.data } : null;
}

/** Whether the SMS for the item shows the expected answer (its number beside it, or the scale's range). */
export function smsOffers(entry: RunnableEntry): boolean {
  if (typeof entry.expected !== 'number') return true;
  const { item, expected } = entry;
  if (item.kind === 'scale') return itemText(item).includes(`from ${item.min} to ${item.max}`) && expected >= item.min && expected <= item.max;
  const option = item.options.find((o) => o.code === expected);
  return !!option && itemText(item).split('\n').includes(`${option.key} ${option.label}`);
}

/** A reply coded to a value it was not: worse than any re-ask. */
export function isWrongCode(expected: Expected, got: Expected): boolean {
  return typeof got === 'number' && got !== expected;
}
