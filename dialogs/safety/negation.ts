import { BOUNDARY, squeezedWords } from './screeningWords.js';

// What may stand between "not"/"never" and the phrase it denies: "I'm not [going to] kill myself",
// "I would never [ever] hurt myself", "I don't [think about] killing myself". Anything else ends
// the search, so "I never thought I'd want to kill myself" and "I can't stop thinking about
// killing myself" are not denials.
const NOT_FRAMES = [
  '',
  'ever',
  'going to',
  'ever going to',
  'want to',
  'wanting to',
  'ever want to',
  'wanted to',
  'ever wanted to',
  'planning to',
  'plan to',
  'intending to',
  'intend to',
  'about to',
  'feel',
  'feeling',
  'felt',
  'be',
  'been',
  'being',
  'ever been',
  'have',
  'have been',
  'had',
  'had any',
  'have any',
  'any',
  'thinking about',
  'think about',
  'thought about',
  'thinking of',
  'think of',
  'thought of',
  'ever thought about',
  'ever thought of',
  'tried to',
  'ever tried to',
  'attempted to',
];
// "no" denies only as a determiner: "no thoughts of suicide", "no suicidal thoughts"; never "no i want to die".
const NO_FRAMES = [
  '',
  'thoughts of',
  'thoughts about',
  'thought of',
  'plans to',
  'plan to',
  'intention of',
  'intention to',
  'intent to',
  'urge to',
  'urges to',
  'desire to',
  'wish to',
];
// Before the "not": doubt or effort, not denial ("I can't promise I won't", "I try not to", "I hope I don't").
const UNDOING = new Set(
  [
    'promise',
    'sure',
    'know',
    'hope',
    'try',
    'trying',
    'tried',
    'struggle',
    'struggling',
    'hard',
    'best',
    'if',
    'unless',
    'whether',
    'guarantee',
    'might',
    'may',
  ].map((w) => squeezedWords(w)[0]!),
);
// "can't kill myself", "couldn't even do that right": inability, not denial.
const NOT_AFTER = new Set(['can', 'could', 'should', 'must', 'might', 'may'].map((w) => squeezedWords(w)[0]!));
// After the phrase: the denial was about the past ("I never felt suicidal until now").
const SINCE_CHANGED = new Set(['until', 'till', 'til', 'before', 'yet'].map((w) => squeezedWords(w)[0]!));

const frames = (list: string[]) => new Set(list.map((f) => squeezedWords(f).join(' ')));
const NOT = frames(NOT_FRAMES);
const NO = frames(NO_FRAMES);
const LONGEST_FRAME = Math.max(...[...NOT_FRAMES, ...NO_FRAMES].map((f) => squeezedWords(f).length));

/** Whether the words [start, end) are denied in their own clause: "I'm not suicidal", "I would never hurt myself". */
export function isNegated(words: readonly string[], start: number, end: number): boolean {
  for (let at = start - 1; at >= 0 && start - at - 1 <= LONGEST_FRAME; at--) {
    const word = words[at]!;
    if (word === BOUNDARY) return false;
    const frame = words.slice(at + 1, start).join(' ');
    const denies = (word === 'not' || word === 'never') && NOT.has(frame) ? !NOT_AFTER.has(words[at - 1] ?? '') : word === 'no' && NO.has(frame);
    if (!denies) continue;
    return !undone(words, at) && !changedSince(words, end);
  }
  return false;
}

function undone(words: readonly string[], negator: number): boolean {
  for (let at = negator - 1; at >= 0 && negator - at <= 3; at--) {
    if (words[at] === BOUNDARY) return false;
    if (UNDOING.has(words[at]!) || words[at] === 'not' || words[at] === 'never') return true;
  }
  return false;
}

function changedSince(words: readonly string[], end: number): boolean {
  for (let at = end; at < words.length && at - end < 2; at++) {
    if (words[at] === BOUNDARY) return false;
    if (SINCE_CHANGED.has(words[at]!)) return true;
  }
  return false;
}
