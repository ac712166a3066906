/** Lower-case, plain-ASCII-ish words: smart quotes folded, emoji and punctuation dropped. */
export function normalizeReply(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      // "7/10", "7 out of 10", "seven out of ten" → 7; "1/2" stays two numbers.
      // Whole words only: "I go out often" is not "I go out of ten".
      .replace(/(\d|\b[a-z]+)\s*(?:\/|\bout\s+of\b|\boutta\b|\bouta\b)\s*(?:10|ten)\b/g, '$1')
      // "6 from 10", "6 of 10", "6 over 10", "6 on 10", "6 points of 10", as said in many languages, are "6 out of 10".
      .replace(/(\d|\b(?:zero|nought|one|two|three|four|five|six|seven|eight|nine|ten))(?:\s+points?)?\s+(?:from|of|over|on)\s+(?:10|ten)\b/g, '$1')
      .replace(/'/g, '')
      // Keep a sign or decimal point that belongs to a number, so "-1" and "6.5" are never read as 1 or 6 and 5.
      .replace(/[^\p{L}\p{N}\s.-]/gu, ' ')
      .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
      .replace(/-(?!\d)|(?<=[^\s])-/g, ' ')
      .replace(/(\p{L})\1{2,}/gu, '$1$1') // "sooooo" → "soo"
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function words(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}
