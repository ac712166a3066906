/** Lower-case, plain-ASCII-ish words: smart quotes folded, emoji and punctuation dropped. */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/(\d)\s*(?:\/|out of)\s*10\b/g, '$1') // "7/10", "7 out of 10" → 7; "1/2" stays two numbers
    .replace(/'/g, '')
    // Keep a sign or decimal point that belongs to a number, so "-1" and "6.5" are never read as 1 or 6 and 5.
    .replace(/[^\p{L}\p{N}\s.-]/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/-(?!\d)|(?<=[^\s])-/g, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1$1') // "sooooo" → "soo"
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that carry no answer of their own ("um", "tbh", "I guess"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  (
    'um umm uh uhm er erm hmm hm ah oh well so i im id ive guess think suppose say would tbh honestly ' +
    'lol haha probably maybe just like its it is was about around roughly approx approximately quite pretty ' +
    'really to be the answer option number reply x xx xxx thanks thank you ty ok okay yes yeah yep feel ' +
    'that thats my mine hi hello please pls plz and er dear'
  ).split(' '),
);

export function words(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}
