/** Word lists shared by the answer readers, as normalised words (see normalizeReply). */

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Words that carry no answer of their own ("um", "tbh", "I guess", "yes"). */
export const FILLER_WORDS = set(`
  um umm uh uhm er erm hmm hm ah oh ooh well so i im id ive guess think suppose say would tbh tbf ngl imo honestly
  lol haha probably maybe just like its it is was about around roughly approx approximately quite pretty really to be
  the a an answer option number reply x xx xxx thanks thank you ty ok okay yes yeah yep yup ya feel feeling felt that
  thats my mine me myself hi hello please pls plz and dear love luv hun mate sir ish only still also too definitely
  certainly sure at moment now currently present nowadays these lately recently yet today yesterday am been do does
  did give rate overall generally reckon have got tonight
  hen pet bach cariad fam bruv bro blud innit init pal duck duckie chuck flower lass lad hinny marra och mo indeed
  ofc choose chose pick select tick
`);

/** Words that turn a phrase round ("not often" is an answer only where it is itself a synonym). */
export const NEGATIONS = set(`
  not dont didnt doesnt isnt wasnt aint nt cant couldnt wont wouldnt havent hasnt arent werent
`);

/** Words that make a phrase less than it says ("almost always" is not "always"). */
export const SOFTENERS = set('almost nearly practically virtually');

/** Sayings that contain an answer word without giving that answer ("same as always"). */
export const IDIOMS: readonly string[] = [
  'as always',
  'as ever',
  'as usual',
  'same as always',
  'same as ever',
  'more often than not',
  'all good',
  'all of it',
  'not as often',
  'half the time',
  'most of all',
];

/**
 * Sayings of doubt that leave the answer beside them standing ("not sure, maybe 6", "3 I guess, hard
 * to say", "dunno, sometimes"); alone they answer nothing.
 */
export const HEDGES: readonly string[] = [
  'not sure',
  'im not sure',
  'not too sure',
  'not really sure',
  'dont know',
  'i dont know',
  'not certain',
  'hard to say',
  'difficult to say',
  'hard to tell',
  'tricky to say',
  'who knows',
  'kind of',
  'sort of',
  'kinda',
  'sorta',
  'more or less',
  'give or take',
  'if im honest',
  'to be honest',
  'to be fair',
  'if i had to say',
  'if i had to guess',
  'at a guess',
  'at a push',
  'i would have to say',
  'id have to say',
  'good question',
  'i would say',
  'i think so',
  'i reckon',
  'thinking about it',
];

/** "No" on its own: emphasis before "never" ("no, never"), a doubt before anything else. */
export const NO_WORDS = set('no nope nopes nah na noo naw naa nay n');

/** Words that offer a choice between answers: two answers joined by these are ambiguous. */
export const CONNECTORS = set('or and to between either perhaps possibly somewhere maybe');

/** Words that take an answer back: two answers joined by these contradict each other. */
export const CONTRAST_WORDS = set(`
  but well actually sorry mean meant rather though tho although except wait oops instead no nope nah change
`);

/**
 * Words that correct what was just said: the answer after them counts ("2, no actually 3",
 * "often... well, sometimes"). Not "but": "good but my knees are bad" is two things, not a correction.
 */
export const CORRECTION_MARKERS = set(`
  no nope nah actually well sorry mean meant rather wait oops instead correction scratch second reflection thinking
`);

/** Sayings that correct what was just said, as word lists: "2 make that 3", "7, changed my mind, 6". */
export const CORRECTION_PHRASES: ReadonlyArray<readonly string[]> = [
  'make that',
  'make it',
  'should i say',
  'changed my mind',
  'change my mind',
  'change that',
  'change it',
  'hang on',
  'hold on',
  'more like',
  'by mistake',
  'typo',
  'forgot',
  'oh and',
  'ignore that',
  'let me change',
].map((phrase) => phrase.split(' '));

/**
 * Words beside a frequency word that leave it the answer: "often, especially at night", "lonely
 * sometimes". Any other word beside it ("I never go out", "kids visit often") makes it a word in
 * passing about something else, which never answers on its own.
 */
export const BESIDE_AN_ANSWER = set(`
  especially mainly particularly when if since because cos coz after before during in on at by from of with for than
  night nights evening evenings morning mornings weekend weekends week weeks day days winter lately recently these
  this last past month months year afternoon afternoons summer christmas
  lonely alone isolated sad down low anxious nervous depressed hopeless worthless restless fidgety tired left out
  companionship others lack feel feeling felt way too bit happen happens happened
`);

/** Times of day, week or year: "mostly" beside one is "mainly" ("weekends mostly"), not "most of the time". */
export const TIMES = set(`
  night nights evening evenings morning mornings afternoon afternoons weekend weekends winter summer christmas holidays
  sundays saturdays mondays tuesdays wednesdays thursdays fridays weekdays nighttime nighttimes bedtime teatime
`);

/**
 * How someone is when all is well: "most days I'm fine" says how often they are fine, not how
 * often they feel what is asked, so it names no answer on a how-often question.
 */
export const WELL_WORDS = set('fine alright good great happy content busy grand ok okay');

/** Words around a number in a sentence that still answers with it ("I go to 2", "a 7 today"). */
export const NUMBER_FILLERS = set('go goes going attend attending in of with at for single from');

/** Phrases so short and common that they answer only when nothing else is said ("all" yes, "all good" no). */
export const WEAK_PHRASES = set('some all most little bit');

/** Words of a phrase that say "none" or "never", so a leading "no" only agrees ("no, never"). */
export const NEGATIVE_WORDS = set('never not none hardly rarely seldom barely disagree nil nothing dont');
