import { normalizeReply } from './normalizeReply.js';

const NOTHING = new Set(
  [
    'no',
    'nope',
    'nah',
    'n',
    'no thanks',
    'no thank you',
    'no ta',
    'nothing',
    'nothing thanks',
    'nothing thank you',
    'not really',
    'none',
    'nothing else',
    'no nothing',
    'all good',
    'im fine thanks',
    'thats all',
    'thats it',
    'not today',
    'no im ok',
    'no im fine',
    'no all good',
    'nothing to add',
    'no not really',
  ].map(normalizeReply),
);

/** A reply to "anything you'd like your link worker to know?" that means no. */
export function isNothingToAdd(text: string): boolean {
  return NOTHING.has(normalizeReply(text));
}
