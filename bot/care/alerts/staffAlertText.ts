import type { AlertContact, AlertRecord, AlertTier, ClientRecord } from '../../../storage/records.js';
import type { Programme } from '../../config/programmeSchema.js';

const ACTION: Record<AlertTier, string> = {
  urgent: 'Please contact them now',
  'same-day': 'Please contact them today',
  routine: 'Please contact them next working day',
};

/**
 * The discreet text that tells staff of an alert: first name and initial, tier, code and the link to
 * its staff page; never what the client wrote, their full name or anything else about them.
 */
export function staffAlertText(
  alert: Pick<AlertRecord, 'tier' | 'code' | 'fromPhone'>,
  client: Pick<ClientRecord, 'name'> | undefined,
  options: { programmeName: string; link: string; fyi: boolean },
): string {
  const who = client ? displayName(client) : `someone not enrolled (${alert.fromPhone ?? 'number unknown'})`;
  const ask = options.fyi ? 'For your information: the duty contact has been asked to act' : ACTION[alert.tier];
  return `Linkwell ${alert.tier.toUpperCase()} alert ${alert.code}: ${who}, ${options.programmeName}. ${ask}. ${options.link} Reply ACK ${alert.code} when you have it.`;
}

/** The number a member of staff in an alert's chain is texted on, from the programme file. */
export function staffPhone(programme: Programme, contact: AlertContact): string | undefined {
  if (contact.role === 'link-worker') return programme.linkWorkers.find((w) => w.id === contact.id)?.phone;
  if (contact.role === 'duty') {
    const outOfHours = programme.alerts.outOfHours;
    return programme.dutyContacts.find((d) => d.id === contact.id)?.phone ?? (outOfHours?.id === contact.id ? outOfHours.phone : undefined);
  }
  return programme.alerts.lead?.id === contact.id ? programme.alerts.lead.phone : undefined;
}

/** What staff see of a client in a text: first name and initial, nothing else about them. */
function displayName(client: Pick<ClientRecord, 'name'>): string {
  const [first, ...rest] = client.name.trim().split(/\s+/);
  const initial = rest.at(-1)?.[0];
  return initial ? `${first} ${initial}.` : first!;
}
