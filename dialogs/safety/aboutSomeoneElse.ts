import { BOUNDARY, squeeze } from './screeningWords.js';

// Words that say a risk word is about a story, an event or a course, not the client's own life.
const CONTEXT = new Set(
  [
    'film',
    'films',
    'movie',
    'movies',
    'book',
    'books',
    'novel',
    'series',
    'documentary',
    'programme',
    'program',
    'episode',
    'soap',
    'news',
    'article',
    'newspaper',
    'podcast',
    'play',
    'song',
    'lyrics',
    'story',
    'stories',
    'character',
    'awareness',
    'fundraiser',
    'fundraising',
    'sponsored',
    'charity',
    'course',
    'training',
    'talk',
    'workshop',
    'campaign',
    'prevention',
    'lecture',
    'class',
    'research',
    'exam',
    'essay',
    'leaflet',
    'poster',
    'radio',
    'telly',
    'tv',
    'netflix',
    'youtube',
    'tiktok',
    'samaritans',
    'memorial',
    'vigil',
    'documentaries',
    'drama',
    'coronation',
    'eastenders',
    'emmerdale',
    'hollyoaks',
    'corrie',
    'reading',
  ].map(squeeze),
);
const SELF = new Set(['i', 'me', 'my', 'myself', 'mine', 'im', 'mysen', 'masel'].map(squeeze));
// "Not joking", "no kidding" and "jokes aside" say the opposite.
const JEST =
  /\b(lol|lmao|haha+|hehe+|jk)\b|(?<!\b(not|no|n't|nae|aint)\s+)\b(only joking|just joking|joking|kidding)\b(?!\s+aside)|\u{1F602}|\u{1F923}|\u{1F605}|\u{1F606}|\u{1F61C}|\u{1F61D}/iu;
// How far before a match a person may be named as who is at risk: "I'll [jump off the bridge]".
const SPEAKER_WINDOW = 3;

/** What the words around a match say about whose risk it is. */
export interface MatchContext {
  /** The match's clause names a film, a course, an event, the news...; or the message does and the clause is not about the client. */
  aboutSomethingElse: boolean;
  /** Said in jest: "lol", "only joking", a laughing emoji (never "not joking"). */
  jest: boolean;
  /** The client speaks of themself in the match or just before it ("I", "me", "my", "myself"). */
  firstPerson: boolean;
}

/** A message read once for context; then asked about each match (see contextOf). */
export interface MessageContext {
  contextOf(start: number, end: number): MatchContext;
}

/** Reads a message's clauses once: which name a film, a course, an event..., and which speak of the client. */
export function readContext(text: string, words: readonly string[]): MessageContext {
  const clauseAt = new Int32Array(words.length);
  const clauses: Array<{ context: boolean; self: boolean }> = [{ context: false, self: false }];
  words.forEach((w, i) => {
    if (w === BOUNDARY) clauses.push({ context: false, self: false });
    const clause = clauses[clauses.length - 1]!;
    clauseAt[i] = clauses.length - 1;
    if (CONTEXT.has(w)) clause.context = true;
    if (SELF.has(w)) clause.self = true;
  });
  const inMessage = clauses.some((c) => c.context);
  const jest = JEST.test(text);
  return {
    contextOf(start, end) {
      // A statement about the client themself is never about something else, whatever else the
      // clause names ("I want to kill myself after watching that film").
      let firstPerson = false;
      for (let i = start - 1; i >= 0 && i >= start - SPEAKER_WINDOW && words[i] !== BOUNDARY; i--) if (SELF.has(words[i]!)) firstPerson = true;
      for (let i = start; i < end; i++) if (SELF.has(words[i]!)) firstPerson = true;
      // A match lies in one clause (phrases never cross a boundary); a concept rule may span a
      // sentence: it is about something else only if every clause it touches is.
      const touched = clauses.slice(clauseAt[start] ?? 0, (clauseAt[Math.max(start, end - 1)] ?? 0) + 1);
      const aboutSomethingElse = !firstPerson && touched.every((c) => c.context || (inMessage && !c.self));
      return { aboutSomethingElse, jest, firstPerson };
    },
  };
}
