import { answerTokens } from './answerTokens.js';
import { interpretBarrier, type BarrierId } from './interpretBarrier.js';
import { interpretYesNo } from './interpretYesNo.js';
import { normalizeReply, words } from './normalizeReply.js';

/** A reply to "Reply 1 if you're going, 2 if something's in the way". */
export type NudgeReply = { kind: 'going' } | { kind: 'not-going'; barriers: BarrierId[] } | { kind: 'unclear' };

/** A reply to "Did you make it to the walking group?"; more words after a yes are how it went. */
export type WentReply = { kind: 'went'; more?: string } | { kind: 'didnt'; barriers: BarrierId[] } | { kind: 'unclear' };

/** A reply to "Did you feel welcome? 1 yes, 2 a bit, 3 no". */
export type FitReply = 'yes' | 'a-bit' | 'no' | 'unclear';

const GOING =
  /^(?:going|im going|i am going|ill be there|i will be there|will be there|see you there|ill go|i will go|will go|ill try|i will try|planning to|hoping to|yes going|yes im going|yes ill be there|looking forward to it|cant wait|of course|definitely going|will do|i will|yes i will|count me in|(?:id|i would|would) love to(?: go| come)?)$/;
/** Going, said with a negative word that must not be read as "no" ("wouldn't miss it"). */
const GOING_DESPITE_NO = /\b(?:wouldnt miss it|would not miss it|dont want to miss (?:it|out)|cant wait|no problem|no worries)\b/;
const NOT_GOING =
  /\b(?:not going|cant go|cant make it|cannot make it|cant come|wont make it|wont be (?:going|there|able)|unable to|wont go|not able|not make it|not this (?:week|time)|give it a miss|giving it a miss|skip it|skipping it|not up to it|(?:sadly|probably|unfortunately|fraid) not|doubt it|not (?:today|tomorrow|tonight)|(?<!wouldnt |not |never )miss (?:it|this|this one|this week|this time|today|tomorrow))\b/;
/** "Can't", "sorry I can't this week": a can't that opens the reply and is not "can't wait" or "can't remember". */
const LEADING_CANT =
  /^(?:(?:sorry|no|oh|afraid|im afraid)\s)*(?:i\s)?(?:cant|cannot|can not)\b(?!\s(?:wait|remember|find|see|hear|read|understand|tell|believe))/;
/** An intention to go, in the client's own words: "I'll try and get there", "I'm going to go", "see you tomorrow". */
const INTENT =
  /\b(?:(?:i will|im|i am|i shall) (?:still |definitely |probably |hopefully )?(?:try (?:to |and )?)?(?:go|come|be there|make it|get there|give it a (?:go|try)|try)|(?:im|i am) (?:still |definitely )?going(?=(?: (?:tomorrow|today|tonight|then|thanks|thank you|love|dear|x+|yes))*$)|going to (?:go|try|be there|come)|see you (?:there|tomorrow|then|soon|on \w+))\b/;
/** Going somewhere else, or another time: never this session. */
const ELSEWHERE = /\b(?:instead|next (?:week|time|month)|another (?:time|day|week))\b/;
/** Going somewhere that keeps them away: "yes I'm going to the doctors". */
const GOING_ELSEWHERE =
  /\b(?:going|off|have|got|been called|called) (?:in )?to (?:the |my |a )?(?:doctors?|gp|hospital|dentists?|clinic|surgery|appointment|funeral|hospice|opticians?|physio|chemo|vets?)\b/;
/** A word that takes a yes back or hedges it; "might be late" is about when, not whether. */
const NEGATION = /\b(?:no|not|nope|nah|cant|cannot|wont|dont|didnt|couldnt|wouldnt|never|unable|doubt)\b/;
const HEDGE = /\b(?:maybe|perhaps|possibly|probably|depends|unsure|not sure|might(?! be (?:a bit |a little )?late)|hopefully)\b/;
/** A yes said first, as a word (or a thumbs up), not "I am" or "I have" ("I have a bad back" is not a yes). */
const YES_LEAD = /^(?:yes|yeah|yep|yea|yup|ya|y|aye|ok|okay|sure|definitely|certainly|absolutely|of course)\b/;
/** A clause that says on what condition, not what is in the way: "if the bus is running", "bus permitting". */
const CONDITION = /\b(?:if|as long as|unless|providing|provided)\b.*$|\b\w+ (?:permitting|allowing)\b/g;
const QUESTION_WORD = /^(?:what|whats|when|where|who|whos|how|which|why|is|are|can|does|do)\b/;

const WENT = /^(?:i went|went|i did go|did go|i made it|made it|yes i made it|i was there|was there|i got there|got there|been|i have been|ive been)\b/;
const DIDNT =
  /\b(?:didnt go|did not go|didnt make it|did not make it|couldnt go|couldnt make it|wasnt able|missed it|never went|never made it|didnt get there|couldnt get there|gave it a miss)\b/;
/** How it went, said instead of "yes": "was lovely thank you", "really enjoyed it". */
const ENJOYED = /\b(?:enjoyed|loved it|lovely|great|brilliant|fab|fabulous|wonderful|smashing|fantastic|good fun|really good|very good|nice time|grand)\b/;
/** "Would have been lovely, but…": the client did not go. */
const COUNTERFACTUAL = /\b(?:would have|wouldve|would of|id have|shame|sadly|unfortunately|cancelled|canceled)\b/;
/** A yes and the words that only confirm it ("yes I made it thanks"): what is left is how it went. */
const WENT_LEAD =
  /^(?:(?:yes|yeah|yep|yup|yea|aye|y|oh)\s?)*(?:i did go|i did|i went|did go|went|i made it|made it|i was there|was there|i got there|got there|i have been|ive been|been)?\s?/;
const CONFIRM_TAIL = /(?:\s?(?:thanks|thank you|ta|x+|love|dear|very much|so much))*$/;

const A_BIT =
  /\b(?:a bit|bit|a little|little bit|sort of|sorta|kind of|kinda|somewhat|partly|in parts|mostly|so so|not sure|ish|half|fairly|quite|more or less|in a way|to a degree|mixed|hit and miss|up and down|not bad|early days|getting there|some (?:were|was|of them|people|folk)|(?:it was|twas|was|they were|its|it is) (?:ok|okay|alright|all right|fine))\b/;
const NOT_WELCOME = /\b(?:not really|not at all|not very|no(?:t)? much|nobody|no one|ignored|unwelcome|left out)\b/;
/** "Wasn't very welcoming", "they weren't friendly". */
const NEGATED_WELCOME =
  /\b(?:not|wasnt|werent|isnt|arent|didnt|never)(?: (?:feel|felt|very|really|so|that|too|particularly|as))* (?:welcom\w*|friendly|nice|kind|warm|lovely|at home)\b/;
/** Felt out of it, in milder words: read after "a bit", so "a bit cliquey" stays a bit. */
const FELT_OUT =
  /\b(?:outsider|out of place|rude|unfriendly|cliquey|clique|stuck up|snobby|cold shoulder|not my (?:cup of tea|thing|sort|scene)|(?:didnt|dont|did not) fit in)\b/;
const VERY_WELCOME = /\b(?:very|really|so|lovely|friendly|welcoming|welcomed|made me feel welcome|everyone was nice|definitely|at home|nice|kind|warm)\b/;
/** "Don't want to go back", "never again", "not going again": nudges for that group stop. */
const NOT_GOING_BACK =
  /\b(?:(?:dont|do not|never|not|wont|will not|no|shant|shall not) (?:(?:want|wanna|going|gonna|planning|intend) (?:to )?)?(?:go(?:ing)?|be going) (?:back|again)|never again|not for me|(?:wont|will not|not) be (?:back|returning)|(?:dont|do not) want to return|never going there again|not going there again|(?:stop|no more) (?:reminding|reminders|messages about))\b/;

/**
 * The reply with basic-phone spellings the readers below do not know put right, and "I'll" (or
 * "ill") before a verb written "I will", so that it is never read as being ill.
 */
function spelledOut(text: string): string {
  return text
    .replace(/\bgoin\b/gi, 'going')
    .replace(/\bther\b/gi, 'there')
    .replace(/\b(?:definately|definatly|defiantly|defo|deffo)\b/gi, 'definitely')
    .replace(/\bgonna\b/gi, 'going to')
    .replace(
      /\bi['\u2019]?ll (?=(?:be|go|going|not|never|try|make|see|give|come|get|let|have|do|pop|still|probably|definitely|just|miss|need|ask|call|text|ring|phone|stay|manage|aim|hope|tell|explain|speak|talk|write|send|reply|say|check|think|look|keep|bring|meet|wait|take|walk|catch|pay)\b)/gi,
      'I will ',
    );
}

/** Leading menu number of a numbered question ("2", "2.", "2 - bus", "two"), and what follows. */
function leadingChoice(text: string): { n: number; rest: string } | undefined {
  const match = /^\s*(?:option\s*)?(\d|one|two|three)\b\s*[-:.),]?\s*(.*)$/is.exec(text.trim());
  if (!match) return undefined;
  const token = match[1]!.toLowerCase();
  const n = /^\d$/.test(token) ? Number(token) : ['one', 'two', 'three'].indexOf(token) + 1;
  return { n, rest: match[2]!.trim() };
}

/** "1 or 2", "1/2": a second choice after the first, so neither is meant. */
function secondChoice(rest: string): boolean {
  return /^(?:or|and|\/|&|-)?\s*(?:\d|one|two|three)\b/i.test(rest);
}

/** The barriers a reason gives, if any (a bare "no" gives none). */
function reasons(text: string): BarrierId[] {
  if (text.trim() === '') return [];
  const reply = interpretBarrier(text);
  return reply.kind === 'barrier' ? reply.barriers : [];
}

/** Barriers that are a real reason ("my hip"), not `other`, which any sentence of a few words can be. */
const named = (barriers: readonly BarrierId[]) => barriers.filter((b) => b !== 'other');

function isQuestion(text: string, normal: string): boolean {
  return /\?\s*$/.test(text) || QUESTION_WORD.test(normal);
}

/**
 * A reply to a nudge. "1", "yes", "going", "I'll be there" are going; "2", "no", "can't make it",
 * or a reason in the client's own words ("bus isn't running", "too nervous") are not going, with
 * the barriers named when there are any. A reason is never read as going unless the client says
 * they will go all the same ("a bit nervous but I'll go"); a question back is re-asked.
 */
export function interpretNudgeReply(raw: string): NudgeReply {
  const text = spelledOut(raw);
  const choice = leadingChoice(text);
  if (choice && (choice.n === 1 || choice.n === 2) && !secondChoice(choice.rest)) {
    const extra = normalizeReply(choice.rest).replace(GOING_DESPITE_NO, '');
    if (choice.n === 1) return NEGATION.test(extra) || NOT_GOING.test(extra) ? { kind: 'unclear' } : { kind: 'going' };
    return { kind: 'not-going', barriers: extra === '' ? [] : reasons(choice.rest) };
  }
  if (choice) return { kind: 'unclear' };
  const normal = normalizeReply(text);
  const unconditional = normal.replace(CONDITION, '').trim();
  if (GOING.test(normal) || GOING.test(unconditional) || GOING_DESPITE_NO.test(normal)) return { kind: 'going' };
  const yesNo = interpretYesNo(text);
  const notGoing = yesNo === 'no' || NOT_GOING.test(normal) || LEADING_CANT.test(normal) || NOT_GOING_BACK.test(normal) || GOING_ELSEWHERE.test(normal);
  if (notGoing) return { kind: 'not-going', barriers: named(reasons(text)) };
  if (isQuestion(text, normal)) return { kind: 'unclear' };
  const elsewhere = ELSEWHERE.test(normal);
  const firm = !NEGATION.test(normal) && !HEDGE.test(normal) && !elsewhere;
  const intent = INTENT.exec(normal);
  if (intent && firm) {
    // "My knee's bad but I'll be there": going all the same. "I'm going to the doctors": a reason.
    const despite = /\bbut\s*$/.test(normal.slice(0, intent.index));
    const after = normal.slice(intent.index + intent[0].length).replace(CONDITION, '');
    if (despite || named(reasons(after)).length === 0) return { kind: 'going' };
  }
  const why = named(reasons(unconditional));
  const saidYes = /\u{1F44D}|\u{1F44C}/u.test(text) || YES_LEAD.test(normal);
  if (saidYes && firm) {
    // "Yes, if the bus is running" is going; "yes but my hip is playing up" might not be.
    return why.length > 0 && /\bbut\b/.test(normal) ? { kind: 'unclear' } : { kind: 'going' };
  }
  // "I am", "I will" alone are a yes; "I have the dentist" is not.
  if (yesNo === 'yes' && reasons(text).length === 0 && !elsewhere) return { kind: 'going' };
  const because = named(reasons(text));
  if (because.length > 0) return { kind: 'not-going', barriers: because };
  return { kind: 'unclear' };
}

/** A reply to "Did you make it?": yes (with any words after it kept as how it went), or no (with any reason given). */
export function interpretWentReply(raw: string): WentReply {
  const text = spelledOut(raw);
  // "Reply 1 yes, 2 no": a number is that answer, never a barrier from another menu.
  const choice = leadingChoice(text);
  if (choice && !secondChoice(choice.rest)) {
    if (choice.n === 1) return choice.rest.trim() === '' ? { kind: 'went' } : { kind: 'went', more: text.trim() };
    if (choice.n === 2) return { kind: 'didnt', barriers: choice.rest.trim() === '' ? [] : named(reasons(choice.rest)) };
    return { kind: 'unclear' };
  }
  const normal = normalizeReply(text);
  const yesNo = interpretYesNo(text);
  const saidYes = /\u{1F44D}|\u{1F44C}/u.test(text) || YES_LEAD.test(normal);
  if (DIDNT.test(normal) || yesNo === 'no') return { kind: 'didnt', barriers: named(reasons(text)) };
  // "Went to the doctors instead", "I'll go next week"; but "going again next week" went.
  if (ELSEWHERE.test(normal) && !saidYes && !/\bagain\b/.test(normal)) return { kind: 'didnt', barriers: named(reasons(text)) };
  const why = named(reasons(text));
  // "Yes, but it was cancelled": there was nothing to go to.
  if (why.includes('not-running-or-full')) return { kind: 'didnt', barriers: why };
  // "I have a bad back" starts like a yes ("I have"): a reason is not a yes unless "yes" is said.
  if ((yesNo === 'yes' && (saidYes || why.length === 0)) || WENT.test(normal)) return wentWith(text, normal);
  // "Yes but I didn't feel welcome", "yes, didn't like it": they went; how it felt is asked next.
  if (saidYes && !ELSEWHERE.test(normal)) return wentWith(text, normal);
  if (isQuestion(text, normal)) return { kind: 'unclear' };
  if (ENJOYED.test(normal) && !NEGATION.test(normal) && !COUNTERFACTUAL.test(normal)) return wentWith(text, normal);
  if (why.length > 0) return { kind: 'didnt', barriers: why };
  // "No, my knee was bad" reads as a yes/no of "unclear" once words follow: its leading no decides.
  if (/^(?:no|nope|nah|sadly not|afraid not)\b/.test(normal)) return { kind: 'didnt', barriers: [] };
  if (/^(?:yes|yeah|yep|aye)\b/.test(normal)) return { kind: 'went', more: text.trim() };
  return { kind: 'unclear' };
}

/** Went; the reply kept as how it went when it says more than "yes I did, thanks". */
function wentWith(text: string, normal: string): WentReply {
  const more = normal.replace(WENT_LEAD, '').replace(CONFIRM_TAIL, '').trim();
  return words(more).length >= 2 ? { kind: 'went', more: text.trim() } : { kind: 'went' };
}

/** A reply to "Did you feel welcome? 1 yes, 2 a bit, 3 no". */
export function interpretFitReply(text: string): FitReply {
  const choice = leadingChoice(text);
  if (choice) return choice.n === 1 ? 'yes' : choice.n === 2 ? 'a-bit' : choice.n === 3 ? 'no' : 'unclear';
  // Answer words: "abit" and "alittle" spelt out.
  const normal = answerTokens(text).join(' ');
  if (NOT_WELCOME.test(normal) || NEGATED_WELCOME.test(normal)) return 'no';
  if (A_BIT.test(normal)) return 'a-bit';
  if (FELT_OUT.test(normal)) return 'no';
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
