import { CardFactory, type Attachment } from 'botbuilder-core';
import type { InstrumentItem } from '../dialogs/instruments/instrumentSchema.js';

/** The value a card button submits: which item, and the coded answer. */
export interface ItemCardValue {
  itemId: string;
  value: number;
}

/** More buttons than a 0-10 scale's make a wall no one reads on a phone: wider scales are typed. */
const MOST_BUTTONS = 11;

/**
 * An item as an Adaptive Card: the question, one button per answer (a wide number scale, such as
 * 0 to 30, is typed instead), and a hint that typing works too.
 */
export function itemCard(item: InstrumentItem, lead: readonly string[] = []): Attachment {
  const buttons =
    item.kind === 'choice'
      ? // Numbered as in a text message: the words invite "reply with a number", and a typed number means this button.
        item.options.map((o) => ({ title: `${o.key} ${o.label}`, value: o.code }))
      : item.max - item.min + 1 <= MOST_BUTTONS
        ? range(item.min, item.max).map((n) => ({ title: String(n), value: n }))
        : [];
  const ends = item.kind === 'scale' && item.minLabel && item.maxLabel ? `${item.min} = ${item.minLabel}, ${item.max} = ${item.maxLabel}. ` : '';
  const hint = buttons.length > 0 || item.kind === 'choice' ? 'Choose one, or type your answer.' : `Type a number from ${item.min} to ${item.max}.`;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    speak: item.text,
    body: [
      ...lead.map((text) => ({ type: 'TextBlock', text, wrap: true })),
      { type: 'TextBlock', text: item.text, wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: `${ends}${hint}`, wrap: true, isSubtle: true, spacing: 'Small' },
    ],
    actions: buttons.map(({ title, value }) => ({
      type: 'Action.Submit',
      title,
      data: { itemId: item.id, value } satisfies ItemCardValue,
    })),
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
