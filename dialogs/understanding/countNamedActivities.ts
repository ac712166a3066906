import { answerTokens } from './answerTokens.js';

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// What people name when asked which groups they go to: a word of one of these in each part of a list.
const ACTIVITIES = set(`
  church chapel mass mosque temple gurdwara synagogue meeting fellowship bible prayer
  bingo choir singing band orchestra ukulele drama theatre am dram
  bowls bowling golf football darts snooker pool cricket tennis badminton swimming swim aqua aerobics zumba yoga pilates
  tai chi gym exercise fitness keep fit walking walk walks rambling ramblers parkrun running cycling fishing dancing dance
  knitting knit natter sewing crochet quilting craft crafts art painting drawing pottery photography writing reading
  book quiz bridge whist chess cards dominoes scrabble gardening allotment
  u3a wi rotary lions legion shed sheds volunteering volunteer lunch luncheon coffee morning cafe tea dementia stroke
  carers bereavement memory cafe men mens womens ladies over 50s 60s day centre center hub community
  methodist baptist catholic salvation army friendship social music film cinema history age uk
  group groups club clubs class classes society circle team session sessions
`);

// One name with "and" inside it: "knit and natter", "tea and chat", "stitch and bitch".
const ONE_NAME = /\b(\w+)\s+(?:and|n|&)\s+(natter|chat|chatter|cake|cuppa|crafts?|bitch|sing|move|play)\b/giu;

// Words around a named activity that leave it one: "just the U3A", "my knitting group", "I go to bowls".
const AROUND = set(`
  just only the a an my our local i go goes to attend do at weekly monthly also too as well and plus
  thats that is its it um er oh well x xx love thanks ta hen pet duck
`);

// Splits a list: "church, bingo and the choir", "bowls & knitting", "choir plus the WI".
const LIST_JOIN = /\s*(?:,|&|\+|\/|\band\b|\bplus\b|\bas well as\b)\s*/giu;

/**
 * How many activities a reply names, as a count: "Church and bingo" is 2, "just the U3A" 1. Null
 * unless every part of the list names a known kind of activity and says nothing else.
 */
export function countNamedActivities(text: string): number | null {
  if (/\b\d+\b|\bor\b|\bnot?\b|\bbut\b|\?/iu.test(text)) return null;
  const parts = text.replace(ONE_NAME, '$1 $2').split(LIST_JOIN).map((part) => answerTokens(part).filter((t) => !AROUND.has(t)));
  const named = parts.filter((words) => words.length > 0);
  if (named.length === 0) return null;
  // Each part is a short name made only of activity words: "bingo sometimes" says more than a name.
  if (!named.every((words) => words.length <= 4 && words.every((w) => ACTIVITIES.has(w)))) return null;
  return named.length;
}
