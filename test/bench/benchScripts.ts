import type { Activity } from 'botbuilder';
import type { Instrument } from '../../dialogs/instruments/instrumentSchema.js';
import type { Utterance } from './directLineLoad.js';

/**
 * One whole web chat check-in, as a client types it: start, answer the three UCLA items and the
 * ONS item (by number and in words), then decline the open question. Each reply is checked, so a
 * misunderstood answer (a re-ask) fails the turn instead of quietly timing a different path.
 */
export function checkInScript(instruments: readonly Instrument[]): Utterance[] {
  const items = instruments.flatMap((i) => i.items);
  const answers = ['2', 'hardly ever', 'sometimes', '3'];
  if (items.length !== answers.length) throw new Error(`the bench script answers ${answers.length} items, the programme asks ${items.length}`);
  const asks = (text: string) => (replies: Activity[]) =>
    replies.some((r) => (r.attachments ?? []).some((a) => (a.content as { speak?: string } | undefined)?.speak === text));
  const says = (fragment: string) => (replies: Activity[]) => replies.some((r) => r.text?.includes(fragment) && !r.attachments?.length);
  return [
    { text: 'check in', expect: asks(items[0]!.text) },
    ...answers.map((text, n) => ({
      text,
      expect: n + 1 < items.length ? asks(items[n + 1]!.text) : says("you'd like"),
    })),
    { text: 'no', expect: says('check-in done') },
  ];
}

/** The same words to the echo bot, which must echo each one. */
export function echoScript(linkwell: readonly Utterance[]): Utterance[] {
  return linkwell.map(({ text }) => ({ text, expect: (replies: Activity[]) => replies.some((r) => r.text === `You said: ${text}`) }));
}
