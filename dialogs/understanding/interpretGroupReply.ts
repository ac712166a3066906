import { interpretBarrier, type BarrierId } from './interpretBarrier.js';
import { interpretYesNo } from './interpretYesNo.js';
import { normalizeReply, words } from './normalizeReply.js';

/** A reply to "Reply 1 if you're going, 2 if something's in the way". */
export type NudgeReply = { kind: 'going' } | { kind: 'not-going'; barriers: BarrierId[] } | { kind: 'unclear' };

/** A reply to "Did you make it to the walking group?"; more words after a yes are how it went. */
export type WentReply = { kind: 'went'; more?: string } | { kind: 'didnt'; barriers: BarrierId[] } | { kind: 'unclear' };

/** A reply to "Did you feel welcome? 1 yes, 2 a bit, 3 no". */
export type FitReply = 'yes' | 'a-bit' | 'no' | 'unclear';

const GOING = /^(?:going|im going|i am going|ill be there|i will be there|will be there|see you there|ill go|i will go|will go|ill try|i will try|planning to|hoping to|yes going|yes im going|yes ill be there|looking forward to it|cant wait|of course|definitely going|will do)$/;
const NOT_GOING = /\b(?:not going|cant go|cant make it|cannot make it|cant come|wont make it|wont be (?:going|there|able)|unable to|wont go|not able|not make it|not this (?:week|time)|give it a miss|giving it a miss|skip it|skipping it|not up to it)\b/;
const WENT = /^(?:i went|went|i did go|did go|i made it|made it|yes i made it|i was there|was there|i got there|got there|been|i have been|ive been)\b/;
const DIDNT = /\b(?:didnt go|did not go|didnt make it|did not make it|couldnt go|couldnt make it|wasnt able|missed it|never went|never made it|didnt get there|couldnt get there|gave it a miss)\b/;
const A_BIT = /\b(?:a bit|bit|a little|little bit|sort of|sorta|kind of|kinda|somewhat|partly|in parts|mostly|so so|not sure|ish|half|fairly|quite)\b/;
const VERY_WELCOME = /\b(?:very|really|so|lovely|friendly|welcoming|made me feel welcome|everyone was nice|definitely)\b/;
/** "Don't want to go back", "never again", "not going again": nudges for that group stop. */
const NOT_GOING_BACK = /\b(?:(?:dont|do not|never|not|wont|will not|no) (?:(?:want|wanna|going|gonna|planning|intend) (?:to )?)?(?:go(?:ing)?|be going) (?:back|again)|never again|not for me|(?:wont|will not|not) be (?:back|returning)|(?:dont|do not) want to return|never going there again|not going there again|(?:stop|no more) (?:reminding|reminders|messages about))\b/;

/** Leading menu number of a numbered question ("2", "2.", "2 - bus", "two"), and what follows. */
function leadingChoice(text: string): { n: number; rest: string } | undefined {
  const match = /^\s*(?:option\s*)?(\d|one|two|three)\b\s*[-:.),]?\s*(.*)$/is.exec(text.trim());
  if (!match) return undefined;
  const token = match[1]!.toLowerCase();
  const n = /^\d$/.test(token) ? Number(token) : ['one', 'two', 'three'].indexOf(token) + 1;
  return { n, rest: match[2]!.trim() };
}

/** The barriers a reason gives, if any (a bare "no" gives none). */
function reasons(text: string): BarrierId[] {
  if (text.trim() === '') return [];
  const reply = interpretBarrier(text);
  return reply.kind === 'barrier' ? reply.barriers : [];
}

/**
 * A reply to a nudge. "1", "yes", "going", "I'll be there" are going; "2", "no", "can't make it",
 * or a reason in the client's own words ("bus isn't running", "too nervous") are not going, with
 * the barriers named when there are any. A reason is never read as going.
 */
export function interpretNudgeReply(text: string): NudgeReply {
  const choice = leadingChoice(text);
  if (choice && (choice.n === 1 || choice.n === 2)) {
    const extra = words(normalizeReply(choice.rest));
    if (choice.n === 1) return extra.length === 0 || interpretYesNo(choice.rest) !== 'no' ? { kind: 'going' } : { kind: 'unclear' };
    return { kind: 'not-going', barriers: extra.length === 0 ? [] : reasons(choice.rest) };
  }
  if (choice) return { kind: 'unclear' };
  const normal = normalizeReply(text);
  if (GOING.test(normal)) return { kind: 'going' };
  const yesNo = interpretYesNo(text);
  if (yesNo === 'yes' && !NOT_GOING.test(normal)) return { kind: 'going' };
  const why = reasons(text);
  if (yesNo === 'no' || NOT_GOING.test(normal) || NOT_GOING_BACK.test(normal)) return { kind: 'not-going', barriers: why.filter((b) => b !== 'other') };
  if (why.length > 0 && !why.includes('other')) return { kind: 'not-going', barriers: why };
  return { kind: 'unclear' };
}

/** A reply to "Did you make it?": yes (with any words after it kept as how it went), or no (with any reason given). */
export function interpretWentReply(text: string): WentReply {
  const normal = normalizeReply(text);
  const yesNo = interpretYesNo(text);
  if (DIDNT.test(normal) || yesNo === 'no') return { kind: 'didnt', barriers: reasons(text).filter((b) => b !== 'other') };
  if (yesNo === 'yes' || WENT.test(normal)) {
    const tokens = words(normal);
    return tokens.length > 3 ? { kind: 'went', more: text.trim() } : { kind: 'went' };
  }
  const why = reasons(text);
  if (why.length > 0 && !why.includes('other')) return { kind: 'didnt', barriers: why };
  // "No, my knee was bad" reads as a yes/no of "unclear" once words follow: its leading no decides.
  if (/^(?:no|nope|nah|sadly not|afraid not)\b/.test(normal)) return { kind: 'didnt', barriers: why.filter((b) => b !== 'other') };
  if (/^(?:yes|yeah|yep|aye)\b/.test(normal)) return { kind: 'went', more: text.trim() };
  return { kind: 'unclear' };
}

/** A reply to "Did you feel welcome? 1 yes, 2 a bit, 3 no". */
export function interpretFitReply(text: string): FitReply {
  const choice = leadingChoice(text);
  if (choice) return choice.n === 1 ? 'yes' : choice.n === 2 ? 'a-bit' : choice.n === 3 ? 'no' : 'unclear';
  const normal = normalizeReply(text);
  if (/\b(?:not really|not at all|not very|no(?:t)? much|nobody|no one|ignored|unwelcome|left out)\b/.test(normal)) return 'no';
  if (A_BIT.test(normal)) return 'a-bit';
  const yesNo = interpretYesNo(text);
  if (yesNo !== 'unclear') return yesNo;
  if (/^(?:no|nope|nah)\b/.test(normal)) return 'no';
  if (/^(?:yes|yeah|yep|aye)\b/.test(normal) || VERY_WELCOME.test(normal)) return 'yes';
  return 'unclear';
}

/** Whether the client says they do not want to go back to the group. */
export function saysNotGoingBack(text: string): boolean {
  return NOT_GOING_BACK.test(normalizeReply(text));
}
