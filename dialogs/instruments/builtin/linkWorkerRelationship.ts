import type { InstrumentInput } from '../instrumentSchema.js';
import { agreementOptions } from './agreementOptions.js';

/** Relationship with the link worker, asked at week 8: it predicted month-18 outcomes (product wording). */
export const linkWorkerRelationship: InstrumentInput = {
  id: 'link-worker-relationship',
  version: '1',
  title: 'Relationship with the link worker',
  licence: 'Linkwell product question; not a validated instrument.',
  recallPeriod: null,
  intro: 'How much do you agree?',
  items: [{ id: 'understands', kind: 'choice', text: 'I feel my link worker understands what matters to me', options: agreementOptions }],
  scoring: { method: 'none' },
};
