import type { InstrumentInput } from '../instrumentSchema.js';
import { agreementOptions } from './agreementOptions.js';

/** Belonging to at least one group, asked at week 8 (product wording). */
export const groupBelonging: InstrumentInput = {
  id: 'group-belonging',
  version: '1',
  title: 'Group belonging',
  licence: 'Linkwell product question; not a validated instrument.',
  recallPeriod: null,
  intro: 'How much do you agree?',
  items: [{ id: 'belong', kind: 'choice', text: 'I feel I belong in at least one of my groups', options: agreementOptions }],
  scoring: { method: 'none' },
};
