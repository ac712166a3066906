import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { InstrumentItem } from '../dialogs/instruments/instrumentSchema.js';
import { itemCard } from './itemCard.js';
import { itemText } from './itemText.js';

/** Channels that cannot show cards: they get numbered text instead. */
const TEXT_ONLY_CHANNELS = new Set(['sms', 'twilio-sms']);

/** Whether a channel shows Adaptive Cards. */
export function showsCards(channelId: string): boolean {
  return !TEXT_ONLY_CHANNELS.has(channelId);
}

/**
 * The activity that asks an item on a channel: a card with buttons where cards work, numbered
 * text otherwise. `lead` lines (a re-ask, an intro) come first, in the same message.
 */
export function itemPrompt(item: InstrumentItem, channelId: string, lead: readonly string[] = []): Partial<Activity> {
  if (showsCards(channelId)) {
    return { type: ActivityTypes.Message, attachments: [itemCard(item, lead)], inputHint: 'expectingInput' };
  }
  return { type: ActivityTypes.Message, text: [...lead, itemText(item)].join('\n'), inputHint: 'expectingInput' };
}
