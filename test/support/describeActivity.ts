import type { Activity } from 'botbuilder';

interface CardElement {
  type: string;
  text?: string;
  title?: string;
}

/** What a person sees of a bot message: its text, or a card's text blocks, then its buttons as [labels]. */
export function describeActivity(activity: Partial<Activity> | undefined): string {
  if (!activity) return '(nothing)';
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    const card = attachment.content as { body?: CardElement[]; actions?: CardElement[] };
    parts.push(...(card.body ?? []).map((b) => b.text ?? ''));
    if (card.actions?.length) parts.push(card.actions.map((a) => `[${a.title}]`).join(' '));
  }
  return parts.join('\n');
}
