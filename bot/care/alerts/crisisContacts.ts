import type { Programme } from '../../config/programmeSchema.js';

/** The programme's crisis contacts as one line a client can act on from a basic phone. */
export function crisisContactsText(programme: Pick<Programme, 'crisisContacts'>): string {
  if (programme.crisisContacts.length === 0) return 'call 999 in an emergency';
  return programme.crisisContacts.map((c) => `${c.name} ${c.phone ?? c.text ?? ''}${c.when ? ` (${c.when})` : ''}`.trim()).join('; ');
}
