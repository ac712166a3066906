import { BOUNDARY, squeeze } from './screeningWords.js';

// Words that say a risk word is about a story, an event or a course, not the client's own life.
const CONTEXT = new Set(
  [
    'film', 'films', 'movie', 'movies', 'book', 'books', 'novel', 'series', 'documentary', 'programme', 'program', 'episode', 'soap',
    'news', 'article', 'newspaper', 'podcast', 'play', 'song', 'lyrics', 'story', 'stories', 'character', 'awareness', 'fundraiser',
    'fundraising', 'sponsored', 'charity', 'course', 'training', 'talk', 'workshop', 'campaign', 'prevention', 'lecture', 'class',
    'research', 'exam', 'essay', 'leaflet', 'poster', 'radio', 'telly', 'tv', 'netflix', 'youtube', 'tiktok', 'samaritans',
    'memorial', 'vigil', 'documentaries', 'drama', 'coronation', 'eastenders', 'emmerdale', 'hollyoaks', 'corrie', 'reading',
  ].map(squeeze),
);
const SELF = new Set(['i', 'me', 'my', 'myself', 'mine', 'im', 'mysen', 'masel'].map(squeeze));
const JEST = /\b(lol|lmao|haha+|hehe+|jk|only joking|just joking|joking|kidding|jokes)\b|\u{1F602}|\u{1F923}|\u{1F605}|\u{1F606}|\u{1F61C}|\u{1F61D}/iu;

/** What the words around a match say about whose risk it is. */
export interface MatchContext {
  /** The match's clause names a film, a course, an event, the news...; or the message does and the clause is not about the client. */
  aboutSomethingElse: boolean;
  /** Said in jest: "lol", "only joking", a laughing emoji. */
  jest: boolean;
}

/** The clause [from, to) of the words that holds [start, end). */
function clauseOf(words: readonly string[], start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && words[from - 1] !== BOUNDARY) from--;
  let to = end;
  while (to < words.length && words[to] !== BOUNDARY) to++;
  return [from, to];
}

/** Whether the words [start, end) of a message are about something other than the client now. */
export function matchContext(text: string, words: readonly string[], start: number, end: number): MatchContext {
  const [from, to] = clauseOf(words, start, end);
  const clause = words.slice(from, to);
  const inClause = clause.some((w) => CONTEXT.has(w));
  const inMessage = inClause || words.some((w) => CONTEXT.has(w));
  const selfInClause = clause.some((w) => SELF.has(w));
  return { aboutSomethingElse: inClause || (inMessage && !selfInClause), jest: JEST.test(text) };
}
