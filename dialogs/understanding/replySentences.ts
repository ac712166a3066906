/** One sentence of a reply, as the client wrote it, and where it sits in the reply. */
export interface ReplySentence {
  text: string;
  start: number;
  end: number;
}

// Where one sentence ends and another begins: . ! ? … ; or a line break, and a dash with a space
// on either side ("3 - and then"; but not "2 - 3", one range), but not the point of "6.5", the slash of "7/10" or "so-so".
// After a comma, "so ..." or "I'd say ..." starts a conclusion: "went twice on the 14th, so 2 groups".
const BOUNDARY =
  /(?<!\d)[.!?\u2026]+|[.!?\u2026]+(?!\d)|[;\n\r]+|\s[-\u2013\u2014]+(?=\s(?!\s*\d))|(?<!\d)\s[-\u2013\u2014]+(?=\s)|[\u2013\u2014]|,\s*(?=(?:so|i'?d say|i would say|overall|all in all|in total|all told)\b)/giu;

// Within a sentence, a clause ends at a comma or colon ("sometimes, it's been a tough month", "2:
// choir and bowls"), or before a word that starts another ("lonely most of the time because…").
// "Especially" or "particularly" binds what follows to the answer before it: "Often, especially
// since my wife died in the spring" is one clause, and (long) something said rather than an answer.
const CLAUSE =
  /(?:(?<!\d)[,:]|[,:](?!\d))(?!\s*(?:especially|particularly)\b)|(?<!\b(?:especially|particularly|mainly|mostly|only|even|just))\s(?=(?:when|whenever|since|because|cos|coz|cause|cuz|though|although|unless|except|but|now that)\b)|\s(?=(?:so|which makes|that makes|making)\s+(?:\S+\s+){0,2}(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)/giu;

/** A reply cut into sentences; the text of each is exactly as sent. */
export function replySentences(text: string): ReplySentence[] {
  return cut(text, BOUNDARY);
}

/** A reply cut into clauses: its sentences, each cut again where a clause ends. */
export function replyClauses(text: string): ReplySentence[] {
  return cut(text, new RegExp(`${BOUNDARY.source}|${CLAUSE.source}`, 'giu'));
}

function cut(text: string, boundary: RegExp): ReplySentence[] {
  const sentences: ReplySentence[] = [];
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    push(sentences, text, start, match.index);
    start = match.index + match[0].length;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function push(sentences: ReplySentence[], text: string, start: number, end: number): void {
  const piece = text.slice(start, end);
  const lead = piece.length - piece.trimStart().length;
  const trimmed = piece.trim();
  if (trimmed !== '') sentences.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
}
