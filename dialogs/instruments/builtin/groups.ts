import type { InstrumentInput } from '../instrumentSchema.js';

/** Number of meaningful groups (product wording, not validated): the answer is the count. */
export const groups: InstrumentInput = {
  id: 'groups',
  version: '1',
  title: 'Number of groups',
  licence: 'Linkwell product question; not a validated instrument.',
  recallPeriod: null,
  // The SMS and card renderers add "Reply with a number from 0 to 30".
  items: [{ id: 'count', kind: 'scale', text: 'How many groups or regular activities that matter to you do you take part in at the moment?', min: 0, max: 30 }],
  scoring: { method: 'none' },
};
