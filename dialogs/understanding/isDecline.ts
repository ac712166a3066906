import { normalizeReply, words } from './normalizeReply.js';

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// Txt-speak folded first, so that one spelling of each word is enough below.
const SPELLINGS: ReadonlyArray<[RegExp, string]> = [
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\b(?:u|ya|yer)\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bdnt\b/g, 'dont'],
  [/\bnt\b/g, 'not'],
  [/\brly\b/g, 'really'],
  [/\bill (?=pass|skip|leave|decline|not|give)/g, 'i will '],
  [/\b(?:go|going|get|getting) (?:into|in to|there)\b/g, 'gointo'],
];

// Said around a refusal without changing it: "if that's ok", "this one", "for now".
const AROUND_PHRASES = new RegExp(
  `\\b(?:${[
    'if (?:you )?(?:dont|do not) mind(?: me saying)?',
    'if (?:thats|that is|its|it is) (?:ok|okay|alright|all right|allowed|fine)',
    'if (?:its|it is) all the same(?: to you)?',
    'if i may',
    'if i can',
    'to be honest',
    'thank you',
    'thanks for asking',
    'for now',
    'for today',
    'at the moment',
    'right now',
    'this time',
    'on this occasion',
    '(?:this|that|the|last) (?:one|question|q)',
    '(?:these|those|the) questions',
    'one of those',
  ].join('|')})\\b`,
  'g',
);

/** Words that may stand around a refusal without making it something else ("I'd rather not, sorry"). */
const AROUND = set(`
  i im id ive will me my myself you your that thats this it its the a an question questions q just really honestly
  now today lol haha tbh tbf ngl imo thanks thank please pls plz ta sorry no nah nope ok okay alright fine so well um er erm hmm oh ah x xx xxx
  love dear mate hun if can could we lets let us would rather like to on for with about again afraid think guess
  actually then and but maybe do kind sort of matter thing subject topic bit too very quite rather prefer am is going
  hen pet bach cariad fam bruv bro pal duck number figure score rating mark marks sooner
`);

/** Words that refuse what follows: "not say", "don't want to answer", "won't tell". */
const REFUSING = set('not dont wont refuse refusing decline');

/** Words between a refusal and the answering it refuses: "don't really want to", "not comfortable with". */
const BRIDGE = set(`
  want wish like feel going comfortable happy willing keen prepared ready to really even particularly be being
  about with i im id am something
`);

/** Giving an answer, in every word for it. */
const ANSWERING = set(`
  answer answering answered say saying share sharing tell telling reply replying respond responding comment commenting
  discuss discussing disclose disclosing divulge divulging talk talking ask asking gointo
  rate rating score scoring give giving put putting
`);

// A refusal that needs no verb: "rather not", "mind your own", "private", "pass", "leave that one".
const REFUSALS = new RegExp(
  `\\b(?:${[
    '(?:rather|prefer|preferably|sooner) not(?: to)?',
    '(?:dont|do not|not) (?:really )?(?:want|wish) to',
    '(?:rather |prefer to )?keep(?:ing)? (?:it|that|this)(?: one)? (?:to myself|private|quiet|between me and)',
    'no comments?',
    'mind (?:your|yours|you) own(?: business)?',
    '(?:none|not) of (?:your|you) (?:business|concern)',
    'not your (?:business|concern)',
    'nobodys business',
    'my (?:own )?business',
    'private',
    'personal',
    '(?:not|un) ?comfortable',
    'pass(?:ing)?',
    'skip(?:ping)?',
    '(?:(?:go|skip|move) (?:on )?to )?(?:the )?next(?: one| question| q)?',
    '(?:move|moving) on',
    'no answer',
    'leave (?:it|that|this)(?: one| question| q)?(?: out| blank| there)?',
    'declined?',
    'give (?:it|that|this)(?: one| question| q)? a miss',
    'allow (?:it|that|this)', // MLE: "leave it"
  ].join('|')})\\b`,
  'g',
);

/**
 * A reply that declines to answer the question, however it is put ("I'd rather not say", "mind
 * your own", "that's private", "not comfortable answering that", "I'll pass on that one thanks"):
 * a refusal with nothing around it but courtesy and words about the question. A refusal of
 * something else ("I'd rather not go out", "not comfortable around people") is not one.
 */
export function isDecline(text: string): boolean {
  const tokens = words(SPELLINGS.reduce((t, [pattern, meant]) => t.replace(pattern, meant), normalizeReply(text)));
  let refused = false;
  // Refusing to answer, first: "don't want to answer" is one refusal, not "don't want to" and a word left over.
  const used = tokens.map(() => false);
  tokens.forEach((token, i) => {
    if (!REFUSING.has(token)) return;
    let j = i + 1;
    while (j < tokens.length && j - i <= 5 && BRIDGE.has(tokens[j]!) && !ANSWERING.has(tokens[j]!)) j++;
    if (!ANSWERING.has(tokens[j] ?? '')) return;
    refused = true;
    for (let k = i; k <= j; k++) used[k] = true;
  });
  const rest = tokens
    .filter((_, i) => !used[i])
    .join(' ')
    .replace(REFUSALS, () => {
      refused = true;
      return ' ';
    })
    .replace(AROUND_PHRASES, ' ');
  return refused && words(rest.replace(/\s+/g, ' ').trim()).every((t) => AROUND.has(t));
}
