import type { InstrumentOptionInput } from '../instrumentSchema.js';

/**
 * Five-point agreement, Strongly disagree 1 to Strongly agree 5, for Linkwell's own statements.
 * "Not sure" and "don't know" are not "neither agree nor disagree": they are asked again.
 */
export const agreementOptions: InstrumentOptionInput[] = [
  {
    id: 'strongly_disagree',
    label: 'Strongly disagree',
    code: 1,
    key: 1,
    synonyms: ['not at all', 'definitely not', 'absolutely not', 'disagree strongly', 'totally disagree', 'completely disagree'],
  },
  { id: 'disagree', label: 'Disagree', code: 2, key: 2, synonyms: ['not really', 'tend to disagree', 'mostly disagree', 'somewhat disagree'] },
  { id: 'neither', label: 'Neither agree nor disagree', code: 3, key: 3, synonyms: ['neither', 'neutral', 'in between'] },
  { id: 'agree', label: 'Agree', code: 4, key: 4, synonyms: ['mostly', 'tend to agree', 'mostly agree', 'somewhat agree', 'true'] },
  {
    id: 'strongly_agree',
    label: 'Strongly agree',
    code: 5,
    key: 5,
    synonyms: ['definitely', 'absolutely', 'agree strongly', 'totally agree', 'completely agree', 'very much', 'very true', 'totally'],
  },
];
