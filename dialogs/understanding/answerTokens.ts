import { normalizeReply, words } from './normalizeReply.js';

// Numbers that count or date something else, made into one word so that they are never read as
// an answer: "the 14th", "10:30", "3pm", "14/3", "£5". A score out of ten ("7/10") stays a number.
const NOT_ANSWER_NUMBERS: ReadonlyArray<[RegExp, string]> = [
  [/\b\d{1,2}[:]\d{2}(?:\s*[ap]\.?m\b\.?)?/gi, ' clocktime '],
  [/\b\d{1,2}\s+(?:in the (?:morning|afternoon|evening|night)|at night|tonight|this (?:morning|afternoon|evening))\b/gi, ' clocktime '],
  [/\b\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.m\b\.?|[ap]m\b|o\s?'?\s?clock\b)/gi, ' clocktime '],
  [/\b\d{1,2}\s*\/\s*(?!10\b)\d{1,2}(?:\s*\/\s*\d{2,4})?\b/g, ' date '],
  [/\b\d+\s*(?:st|nd|rd|th)\b/gi, ' ordinal '],
  // A score out of anything but ten is not an option's number: "5 out of 5" on health is not Very bad.
  [/\b\d{1,3}\s*(?:out\s+of|outta|outa)\s*(?!10\b)\d{1,3}\b/gi, ' fraction '],
  [/[£$€]\s*\d+(?:[.,]\d+)?|\b\d+(?:\.\d+)?\s*(?:p|pence|quid)\b/gi, ' money '],
];

// Common misspellings and txt-speak, each to the word meant. Only spellings that cannot be another
// word a client might mean ("hardy", "for" and "won" are words, so they are left alone).
const SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    some: 'sum som',
    never: 'neva nvr nevr nevar nevva nevver niver nivver nevah',
    always: 'alwys allways alway alwayz allwas alwas alwyas allus allers alwiz',
    maybe: 'mebbe mebbes mibbe mibbes',
    yes: 'aye',
    // Scots "whiles" is sometimes; MLE "bare" is very ("bare often").
    // "Maist o the time", "hardly ivver", "a' the time" (normalised "a the time"): Scots.
    most: 'maist',
    ever: 'eva evr ivver iver evva evah ivva',
    again: 'agen agin',
    just: 'jist jus jst',
    would: 'wud wld',
    think: 'fink fnk thnk',
    really: 'reely rly realli relly',
    pretty: 'prity preety pritty prety purty',
    terrible: 'terribul terribble terrabul',
    'most of': 'mosta',
    one: 'wan wun',
    know: 'ken',
    only: 'nobbut',
    like: 'lyk lik',
    sometimes: 'sumtimes somtimes sometims sumtime smtimes sometiems sometimez sumtyms sometyms someimes sometines somtime sometymes smtms smtimes whiles',
    very: 'v vry verry vey veyr vrey bare',
    anything: 'owt',
    something: 'summat',
    tonight: '2nite 2nyt 2night',
    today: '2day',
    tomorrow: '2moro 2morrow 2mrw',
    before: 'b4',
    dont: 'dinnae dinna',
    didnt: 'didnae',
    cant: 'cannae canna',
    often: 'ofen offen oftn oftem ofte oftern oftan ofton oftin offten oftten oft oftentimes ofttimes',
    every: 'ivry ivvery evvry evrey',
    hardly: 'hardley hrdly hardlly harldy hardlyy',
    rarely: 'rarley rarly rarelly rearly rarelyy',
    'a lot': 'alot',
    lots: 'lotz lotsa',
    occasionally: 'occasionaly ocasionally ocassionally occassionally occasionly ocasionaly occasionlly ocasionly occasinally ocassionaly occ occas',
    about: 'abt bout abouts',
    approximately: 'approx',
    probably: 'prob probs prolly probly',
    good: 'gd gud',
    great: 'gr8 grt',
    bad: 'bda',
    fair: 'fiar',
    'very good': 'vgood vgd',
    agree: 'agre',
    disagree: 'disagre dissagree disagee dissagre',
    strongly: 'strongley stronly strongy stongly srongly strongl',
    neither: 'nither niether neiter',
    the: 'd da tha teh',
    time: 'tym tyme tme tiem',
    little: 'litle lil lttle littel littl',
    none: 'non',
    mostly: 'mostley mosty',
    constantly: 'constanly constantley',
    thanks: 'thx thnx thanx ta tks',
    you: 'u',
    'a bit': 'abit',
    'a little': 'alittle',
    'all the time': 'allthetime',
    'hardly ever': 'hardlyever',
    'dont know': 'dunno donno',
    'i dont know': 'idk',
    nothing: 'nothin nuthin',
    seven: 'sevn sevan sevem svn sevvn',
    three: 'thre thr33',
    five: 'fiev fvie fiv fve',
    four: 'fuor foru',
    six: 'sixx siks siz sixe',
    eight: 'eigth eigt eiht',
    nine: 'nien nin',
    forty: 'fourty',
    week: 'wk',
    not: 'nt nto',
  }).flatMap(([meant, spellings]) => spellings.split(' ').map((s) => [s, meant] as const)),
);

// Words after "nowt" or "nae" that leave it a plain nought or no: "nowt pet", "nae hen".
const AFTER_NOUGHT = new Set(['really', 'tbh', 'honestly', 'me', 'pet', 'love', 'hen', 'mate', 'duck', 'x', 'like', 'i', 'id', 'at']);

// Words of emphasis that only colour what they stand in: "all the flippin time", "bloody often".
const EMPHASIS = new Set([
  'flippin',
  'flipping',
  'flaming',
  'bloody',
  'blooming',
  'bleeding',
  'friggin',
  'frigging',
  'freaking',
  'effing',
  'sodding',
  'ruddy',
  'damn',
  'darn',
  'fricking',
]);

const AFTER_AND = new Set(['then', 'again', 'agen', 'off', 'on']);

const PLACES = ['first', 'second', 'third', 'fourth', 'fifth'];

const SCORE_HOMOPHONES: Record<string, string> = {
  won: '1',
  wun: '1',
  to: '2',
  too: '2',
  tu: '2',
  for: '4',
  fore: '4',
  free: '3',
  tree: '3',
  ate: '8',
  sicks: '6',
  nein: '9',
};

/**
 * A reply as answer words: normalised (case, punctuation, emoji), txt-speak and common misspellings
 * spelt out, "7ish" and "10+" split so that neither is read as a plain 7 or 10.
 */
export function answerTokens(text: string): string[] {
  const spelled = text
    .replace(/(\d)\ufe0f?\u20e3/g, '$1') // keycap emoji: 3️⃣
    .replace(/\u{1f51f}/gu, ' 10 ') // keycap emoji: 🔟
    .replace(/(\p{L})['\u2019]s\b/gu, '$1') // "life's a 6", "mine's a 2": the word itself
    .replace(/\b(?:aw|a['\u2019])\s+(?=(?:the|o|o'|of the)\s+time\b)/gi, 'all ') // Scots "aw the time", "a' the time"
    .replace(/\bo['\u2019]?\s+(?=(?:the|da|tha)\s+(?:time|days?)\b)/gi, 'of ') // "a wee bit o the time", "maist o' the days"
    // A word that sounds like a number, said as a score: "ate/10", "too out of ten", "free outta 10".
    .replace(
      /\b(won|wun|to|too|tu|for|fore|free|tree|ate|sicks|nein)\s*(?=(?:\/|out\s+of\b|outta\b|outa\b)\s*(?:10|ten)\b)/gi,
      (_, w: string) => ` ${SCORE_HOMOPHONES[w.toLowerCase()]} `,
    )
    .replace(/\bnoo\s+(?=an(?:d|')?\s+(?:again|agen|then)\b)/gi, 'now ') // Scots "noo and again" is now and again, never "no"
    // Scots and second-language "no" for "not", leading the reply: "no much", "no very often", "no too bad" (but "no, often" is no).
    .replace(/^\s*no\s+(?=(?:much|very|too|often|many|bad|great|so\s+(?:good|bad|great|much|often))\b)/gi, 'not ')
    // "6 1/2" is six and a half, never 6 on a date.
    .replace(/\b(\d{1,2})\s+1\s*\/\s*2\b/g, '$1 and a half')
    .replace(/\b(?:bare|nuff)\s+times\b/gi, ' often ') // MLE: "bare times" is often
    .replace(/\b2\s+(?=(?:much|many)\b)/gi, ' too ') // txt-speak "2 much" is too much, never 2
    .replace(/\b4\s+(?=(?:sure|real|definite|certain)\b)/gi, ' for ') // "7 4 sure": txt-speak "for"
    .replace(/\bminus\s+(?=\d)/gi, '-') // "minus 2" is -2, never 2
    .replace(/\b24\s*[/\s-]\s*7\b|\b24\s*(?:hours?|hrs)\s+a\s+day\b/gi, ' all the time ')
    // "The 3rd one", "second option": the option in that place, by its number.
    .replace(/\b(?:the\s+)?([1-9])(?:st|nd|rd|th)\s+(?:one|option|answer|choice)\b/gi, ' number $1 ')
    .replace(
      /\b(?:the\s+)?(first|second|third|fourth|fifth)\s+(?:one|option|answer|choice)\b/gi,
      (_, word: string) => ` number ${PLACES.indexOf(word.toLowerCase()) + 1} `,
    );
  const prepared = NOT_ANSWER_NUMBERS.reduce((t, [pattern, word]) => t.replace(pattern, word), spelled)
    .replace(/(\d)\s*\+/g, '$1 plus ')
    .replace(/(\d)\s*[-\u2013\u2014]\s*(?=\d)/g, '$1 to ') // "2-3", "2 - 3": a range
    .replace(/(\d)\s*%/g, '$1 percent ')
    .replace(/&/g, ' and ')
    .replace(/(\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten))(ish|or so)\b/gi, '$1 $2');
  const tokens = words(normalizeReply(prepared));
  return tokens.flatMap((token, i) => {
    // "now n then", "on n off": an "n" between words is "and"; alone it is left for yes/no.
    if (token === 'n' && i > 0 && i < tokens.length - 1) return ['and'];
    // "now an then", "on an off": "an" before a word it cannot go with is "and".
    if (token === 'an' && i > 0 && AFTER_AND.has(tokens[i + 1] ?? '')) return ['and'];
    // Northern "nowt" alone is nought (0 on a scale, none to a count); "nowt to complain about" is not 0.
    // Scots "nae" alone is no; before a word it is not ("nae really", "nae often").
    if (token === 'nae') return [i === tokens.length - 1 || (AFTER_NOUGHT.has(tokens[i + 1]!) && tokens[i + 1] !== 'really') ? 'no' : 'not'];
    if (token === 'nowt') return [i === tokens.length - 1 || AFTER_NOUGHT.has(tokens[i + 1]!) ? 'nought' : 'nothing'];
    if (EMPHASIS.has(token)) return [];
    const meant = SPELLINGS.get(token);
    return meant ? meant.split(' ') : [token];
  });
}
