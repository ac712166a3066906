import type { InstrumentItem } from '../dialogs/instruments/instrumentSchema.js';

/**
 * An item as plain text for SMS and other text-only channels: the validated question, then a
 * numbered list where each number is the one a reply should use.
 */
export function itemText(item: InstrumentItem): string {
  return `${item.text}\n${answerChoicesText(item)}`;
}

/** Just the answers a client can give, e.g. for a re-ask. */
export function answerChoicesText(item: InstrumentItem): string {
  if (item.kind === 'scale') {
    const ends = item.minLabel && item.maxLabel ? ` (${item.min} = ${item.minLabel}, ${item.max} = ${item.maxLabel})` : '';
    return `Reply with a number from ${item.min} to ${item.max}${ends}`;
  }
  const lines = item.options.map((o) => `${o.key} ${o.label}`);
  const keys = item.options.map((o) => String(o.key));
  return `${lines.join('\n')}\nReply ${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`;
}
