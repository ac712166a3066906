/** One sentence of a reply, as the client wrote it, and where it sits in the reply. */
export interface ReplySentence {
  text: string;
  start: number;
  end: number;
}

// Where one sentence ends and another begins: . ! ? … ; or a line break, and a dash with a space
// on either side ("3 - and then"), but not the point of "6.5", the slash of "7/10" or "so-so".
// After a comma, "so ..." or "I'd say ..." starts a conclusion: "went twice on the 14th, so 2 groups".
const BOUNDARY = /(?<!\d)[.!?\u2026]+|[.!?\u2026]+(?!\d)|[;\n\r]+|\s[-\u2013\u2014]+(?=\s)|[\u2013\u2014]|,\s*(?=(?:so|i'?d say|i would say|overall|all in all|in total|all told)\b)/giu;

/** A reply cut into sentences; the text of each is exactly as sent. */
export function replySentences(text: string): ReplySentence[] {
  const sentences: ReplySentence[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
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
