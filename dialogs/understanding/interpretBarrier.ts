import { normalizeReply, words } from './normalizeReply.js';

/** What got in the way of going to a group, in menu order: the menu number is the position plus one. */
export const BARRIERS = [
  { id: 'transport', label: 'Transport' },
  { id: 'cost', label: 'Cost' },
  { id: 'health-mobility', label: 'Health or mobility' },
  { id: 'nervous-anxious', label: 'Nervous or anxious' },
  { id: 'not-welcome', label: "Didn't feel welcome or fit in" },
  { id: 'not-running-or-full', label: 'Group not running or full' },
  { id: 'hearing-noise', label: 'Hearing or noise' },
  { id: 'caring', label: 'Caring for someone' },
  { id: 'feeling-low', label: 'Feeling low' },
  { id: 'other', label: 'Something else (tell us)' },
] as const;

export type BarrierId = (typeof BARRIERS)[number]['id'];

/** What a reply to "what got in the way?" meant; `unclear` is for the dialog to ask again. */
export type BarrierReply = { kind: 'barrier'; barriers: BarrierId[] } | { kind: 'unclear' };

/** The numbered menu, one option a line, for SMS: it is sent after a one-line lead such as "What got in the way?". */
export function barrierMenuText(): string {
  return ['Reply with one or more numbers:', ...BARRIERS.map((b, i) => `${i + 1} ${b.label}`)].join('\n');
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const JOINERS = new Set(['and', 'n', 'or', 'also', 'plus', 'number', 'no', 'nos', 'both']);

// A relative who was ill is a caring duty, not the client's own health: read first and taken out.
const RELATIVE =
  '(?:husband|hubby|wife|partner|mum|mam|mother|dad|father|son|daughter|sister|brother|grandson|granddaughter|grandchild|grandchildren|grandkids|grandkid|mother in law|father in law)';
const RELATIVE_ILL = new RegExp(
  String.raw`\b${RELATIVE}(?: (?:was|is|were|are|has|had|been|got|taken|fell|having))* (?:ill|poorly|unwell|sick|bad|in hospital|into hospital|a fall|fall|fell|needed me|needs me|off school)\b`,
);

// Phrases in replies as normalizeReply leaves them (lower case, no apostrophes: "couldnt").
const PATTERNS: ReadonlyArray<readonly [BarrierId, RegExp]> = [
  [
    'transport',
    /\b(?:lifts?|bus|buses|busses|coach|taxis?|cabs?|trains?|trams?|transport|cars?|drive|driving|driver|parking|ride|too far|so far|get there|getting there|got lost|no way there|miles away)\b/,
  ],
  [
    'cost',
    /\b(?:costs?|costly|money|afford|expensive|pricey|price|pay|paying|fee|fees|fares?|skint|(?:im|was|am|so|flat|bit) broke|cash|too dear|so dear|bit dear|a bit much|pension)\b/,
  ],
  [
    'health-mobility',
    /\b(?:hips?|knees?|my back|bad back|back pain|legs?|my foot|feet|ankles?|arthritis|cant walk|couldnt walk|walk far|walking stick|walking frame|zimmer|wheelchair|scooter|mobility|poorly|ill(?! (?:be|go|try|come|make|have|not|see|get|do|let|need|just|probably|definitely|give|ask|text|call|pass|miss|skip|leave|stay|wait)\b)|illness|sick|unwell|pain|painful|hospital|doctors?|gp|flu|a cold|full of cold|covid|chest|breathing|breath|a fall|fell over|fell down|fallen|dizzy|health|operation|stairs|steps|tired|exhausted|bad leg|infection|chemo|migraine|stroke)\b/,
  ],
  [
    'nervous-anxious',
    /\b(?:nervous|nerves|anxious|anxiety|scared|(?:too|was|felt|so|bit) afraid|afraid (?:to|of)|frightened|worried|worry|panic|panicked|shy|confidence|confident|couldnt face|cant face|didnt know anyone|dont know anyone|didnt know anybody|dont know anybody|on my own|by myself|alone|bottled it|lost my bottle|overwhelmed|daunting)\b/,
  ],
  [
    'not-welcome',
    /\b(?:welcome|welcoming|unwelcome|fit in|fitted in|didnt fit|dont fit|not my thing|not for me|cup of tea|cliquey|clique|ignored|nobody spoke|no one spoke|nobody talked|no one talked|rude|unfriendly|left out|out of place|outsider|too young|too old|didnt like (?:it|the group|the people|them)|not my sort)\b/,
  ],
  [
    'not-running-or-full',
    /\b(?:cancelled|canceled|cancelation|cancellation|not running|wasnt running|not on|wasnt on|closed|shut|full(?! of)|no space|no spaces|no room|no places|fully booked|booked up|waiting list|postponed|called off|didnt happen|nobody there|no one there|locked)\b/,
  ],
  ['hearing-noise', /\b(?:hear|hearing|deaf|noise|noisy|loud|echo|echoey|racket|din)\b/],
  [
    'caring',
    /\b(?:caring|carer|look after|looking after|looked after|care of|babysit|babysitting|minding|(?:had|got|have|minding) (?:the )?(?:grandkids|grandchildren|grandson|granddaughter)|school run|needed me|needs me)\b/,
  ],
  [
    'feeling-low',
    /\b(?:low|feeling down|felt down|been down|bit down|so down|really down|down in the dumps|depressed|depression|sad|fed up|bothered|no energy|motivation|mood|up to it|bad day|bad place|miserable|grieving|grief|bereaved|bereavement)\b/,
  ],
  ['other', /^(?:other|something else|else)$/],
];

// Words that say nothing about why ("no I didnt go sorry"); a reply of only these is unclear.
const EMPTY = new Set(
  (
    'no nope nah na not really didnt did couldnt go went going i it the a was were just sorry well um umm er erm oh ah ok okay yes yeah yep ' +
    'dunno dont know idk unsure sure maybe not nothing none x xx thanks thank you ta this time week today mate love dear hi hello lol ' +
    'to of and but so im me my there that any anything reason why because cos cause mind can cant say'
  ).split(' '),
);
// A single word that is a reason in itself.
const REASONS = new Set(
  (
    'forgot forgotten weather rain raining snow snowing ice icy holiday away working work busy overslept appointment dentist funeral ' +
    'wedding visitors fancy late timing'
  ).split(' '),
);

/**
 * The barriers a reply names: menu numbers ("2", "two", "2 and 5", "3 - my hip") or the client's
 * own words ("couldn't get a lift", "too nervous", "looking after my husband"). Any other sentence
 * about why is `other`; a bare "no", "dunno" or a question is `unclear`.
 */
export function interpretBarrier(text: string): BarrierReply {
  const normal = normalizeReply(text);
  const tokens = words(normal);
  if (tokens.length === 0) return { kind: 'unclear' };

  const found = new Set<BarrierId>();
  const lead = /^\s*(?:no\.?\s*)?(\d{1,2})\s*[-:.)]\s*(\S.*)$/s.exec(text.trim());
  if (tokens.every((t) => JOINERS.has(t) || menuNumber(t) !== undefined) && tokens.some((t) => menuNumber(t) !== undefined)) {
    for (const t of tokens) {
      if (JOINERS.has(t)) continue;
      const id = menuNumber(t);
      if (!id) return { kind: 'unclear' };
      found.add(id);
    }
    return barriers(found);
  }
  // A number chosen with words after it ("10. my dog was poorly"): the number is the choice, the
  // words are what the link worker reads, not a second guess at it.
  if (lead) {
    const id = menuNumber(lead[1]!);
    return id ? { kind: 'barrier', barriers: [id] } : { kind: 'unclear' };
  }

  let rest = normal;
  if (RELATIVE_ILL.test(rest)) {
    found.add('caring');
    rest = rest.replace(new RegExp(RELATIVE_ILL.source, 'g'), ' ');
  }
  for (const [id, pattern] of PATTERNS) if (pattern.test(rest)) found.add(id);
  if (/£/.test(text)) found.add('cost');
  if (found.size > 0) return barriers(found);
  return isReason(text, tokens) ? { kind: 'barrier', barriers: ['other'] } : { kind: 'unclear' };
}

/** The barrier for a menu number ("3", "three"); null for a number off the menu; undefined for a word. */
function menuNumber(token: string): BarrierId | null | undefined {
  const n = /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS.indexOf(token) + 1 || undefined;
  if (n === undefined) return undefined;
  return BARRIERS[n - 1]?.id ?? null;
}

function barriers(found: Set<BarrierId>): BarrierReply {
  return { kind: 'barrier', barriers: BARRIERS.map((b) => b.id).filter((id) => found.has(id)) };
}

/** A sentence about why, not a bare no, a shrug or a question back. */
function isReason(text: string, tokens: readonly string[]): boolean {
  if (/\?\s*$/.test(text) || /^(?:what|when|where|who|how|which|is|are|can|could|will|do|does)\b/.test(tokens[0]!)) return false;
  const content = tokens.filter((t) => !EMPTY.has(t) && !/^\d/.test(t));
  return content.length >= 2 || content.some((t) => REASONS.has(t));
}
