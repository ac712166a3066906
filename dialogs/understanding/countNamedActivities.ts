import { answerTokens } from './answerTokens.js';

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// What people name when asked which groups or regular activities they take part in.
const NAMED = set(`
  church chapel mass mosque temple gurdwara synagogue bible prayer methodist baptist catholic salvation army
  bingo choir singing band orchestra ukulele drama theatre dram
  bowls bowling golf football darts snooker pool cricket tennis badminton swimming aqua aerobics zumba yoga pilates
  tai chi gym fitness walking rambling ramblers parkrun running cycling fishing dancing dance
  knitting knit natter chat chatter stitch sewing crochet quilting craft crafts art painting drawing pottery photography writing reading
  book quiz bridge whist chess cards dominoes scrabble gardening allotment u3a wi rotary lions legion shed sheds
  volunteering volunteer dementia stroke carers bereavement memory music film cinema history
`);

// Words that describe a group without naming one: "groups" or "social" alone counts nothing, but
// two of them together name one ("coffee morning", "lunch club", "day centre").
const DESCRIBING = set(`
  group groups club clubs class classes society circle team session sessions social community day centre center hub
  over 50s 60s men mens womens ladies coffee morning tea lunch luncheon cafe meeting fellowship friendship local age uk
  keep fit exercise am
`);

// One name with "and" inside it: "knit and natter", "tea and chat", "stitch and bitch".
const ONE_NAME = /\b(\w+)\s+(?:and|n|&)\s+(natter|chat|chatter|cake|cuppa|crafts?|bitch|sing|move|play)\b/giu;

// Words around a named activity that leave it one: "just the U3A", "my knitting group", "I go to bowls".
const AROUND = set(`
  just only the a an my our local i go goes to attend do at weekly monthly also too as well and plus
  thats that is its it um er oh well x xx love thanks ta hen pet duck really
`);

// Splits a list: "church, bingo and the choir", "bowls & knitting", "choir plus the WI".
const LIST_JOIN = /\s*(?:,|&|\+|\/|\band\b|\bplus\b|\bas well as\b)\s*/giu;

/**
 * How many activities a reply names, as a count: "Church and bingo" is 2, "just the U3A" 1. Null
 * unless every part of the list names a known kind of activity and says nothing else.
 */
export function countNamedActivities(text: string): number | null {
  // "Church and that", "bingo etc": more than is named, so no count.
  if (/\b\d+\b|\bor\b|\bnot?\b|\bbut\b|\?|\betc\b|\band (?:that|stuff|things|so on|the like|others|more)\b/iu.test(text)) return null;
  const parts = text
    .replace(ONE_NAME, '$1 $2')
    .split(LIST_JOIN)
    .map((part) => answerTokens(part).filter((t) => !AROUND.has(t)));
  const named = parts.filter((words) => words.length > 0);
  if (named.length === 0) return null;
  // Each part is a short name made only of activity words ("bingo sometimes" says more than a name),
  // naming one: a kind of activity, or two words that describe one ("lunch club", not "groups").
  const names = (words: string[]) =>
    words.length <= 4 && words.every((w) => NAMED.has(w) || DESCRIBING.has(w)) && (words.some((w) => NAMED.has(w)) || words.length >= 2);
  if (!named.every(names)) return null;
  return named.length;
}
