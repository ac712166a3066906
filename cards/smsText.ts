// The GSM 03.38 default alphabet in table order, less 0x1B (the escape to the extension table).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each is sent as ESC + a character, so costs two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\r\n?|[\u2028\u2029]/g, '\n'],
  [/[\u2018\u2019\u201a\u201b\u2032\u02bc\uff07\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02]/g, '"'],
  [/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-'],
  [/\u2026/g, '...'],
  [/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' '],
  [/[\u2022\u2023\u2043\u2219\u25e6]/g, '-'],
  [/[\u200b\u2060\ufeff\u00ad]/g, ''],
];

/**
 * Text as it should go out by SMS: typographic punctuation, odd spaces and invisible characters
 * replaced by their GSM-7 equivalents, so that a message is not sent in UCS-2 (less than half
 * the room per segment) for the sake of a curly apostrophe. Characters with no GSM-7 equivalent
 * (emoji, Welsh ŵ, Polish ł, other scripts) are kept: the message then goes as UCS-2, correctly.
 * Line breaks are kept, as LF.
 */
export function toSmsText(text: string): string {
  let out = text.normalize('NFC');
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  // Joiners shape emoji sequences and some scripts, so they stay between two such characters;
  // beside GSM-7 text they only cost room (and force UCS-2).
  return out.replace(/[\u200c\u200d]/g, (joiner, at: number, whole: string) => (outsideGsm(whole[at - 1]) && outsideGsm(whole[at + 1]) ? joiner : ''));
}

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** How many SMS the text is sent as (0 for empty text, which cannot be sent). */
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

/**
 * How a text is sent by SMS: GSM-7 if every character is in the GSM 03.38 default alphabet or
 * its extension table, UCS-2 otherwise; and in how many segments, without splitting an escape
 * pair or a surrogate pair across two of them.
 */
export function smsSegments(text: string): SmsSize {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const costs = gsm ? chars.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)) : chars.map((c) => c.length);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const [single, part] = gsm ? [GSM_SINGLE, GSM_PART] : [UCS2_SINGLE, UCS2_PART];
  const segments = units === 0 ? 0 : units <= single ? 1 : pack(costs, part);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', segments, units };
}

/** Segments needed when no character may straddle two. */
function pack(costs: number[], room: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > room) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/** A character GSM-7 lacks (a surrogate half counts as one), e.g. in an emoji or another script. */
function outsideGsm(char: string | undefined): boolean {
  return char !== undefined && !GSM_BASIC.has(char) && !GSM_EXTENSION.has(char);
}
