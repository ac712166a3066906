import { expect } from 'chai';
import { smsSegments, toSmsText, type SmsSize } from '../../cards/smsText.js';

const a = (n: number) => 'a'.repeat(n);
const zh = (n: number) => 'ж'.repeat(n);
// Listed here from GSM 03.38 itself, not from the implementation.
const GSM_BASIC_ALPHABET = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

describe('toSmsText', () => {
  const cases: Array<[string, string, string]> = [
    ['curly single quotes', 'It\u2019s \u2018fine\u2019, \u201ano\u201b', "It's 'fine', 'no'"],
    ['curly double quotes and guillemets', '\u201cYes\u201d, \u201elow\u201f \u00abthis\u00bb', '"Yes", "low" "this"'],
    ['primes, backtick and acute accent', '5\u2032 10\u2033 `x\u00b4', "5' 10\" 'x'"],
    ['en and em dashes, bars and minus signs', 'now \u2013 then \u2014 later \u2012 \u2015 \u2212 5 non\u2011stop', 'now - then - later - - - 5 non-stop'],
    ['an ellipsis', 'Wait\u2026', 'Wait...'],
    ['odd spaces', 'a\u00a0b\u202fc\u2009d\u3000e\tf\u2002g', 'a b c d e f g'],
    ['bullets', '\u2022 one\n\u2023 two\n\u25e6 three', '- one\n- two\n- three'],
    ['zero-width and invisible characters', 'zero\u200bwidth\ufeff soft\u00adhyphen wo\u2060rd', 'zerowidth softhyphen word'],
    ['a joiner between Latin letters', 'a\u200db\u200cc\u200d', 'abc'],
    ['Windows and Unicode line breaks, keeping the breaks', 'one\r\ntwo\rthree\u2028four\u2029five\n\nsix', 'one\ntwo\nthree\nfour\nfive\n\nsix'],
    ['a decomposed accent that GSM-7 has composed', 'Cafe\u0301 and A\u0308', 'Café and Ä'],
  ];
  for (const [what, input, expected] of cases) {
    it(`replaces ${what}`, () => {
      expect(toSmsText(input)).to.equal(expected);
    });
  }

  const kept: Array<[string, string]> = [
    ['GSM-7 text, extension characters included', '£5 at the café, 10 € {x} [y] ~ | ^ \\ ¿Qué? Øre, Straße'],
    ['an emoji, and an emoji ZWJ sequence', 'Well done \ud83d\ude42 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67'],
    ['Welsh letters outside GSM-7', "Sut wyt ti? Dw i'n iawn, diolch. ŵ ŷ"],
    ['Polish letters outside GSM-7', 'Jak często czujesz się samotny?'],
    ['a non-Latin script, with its joiners', 'Как дела? \u0645\u06cc\u200c\u062e\u0648\u0627\u0645'],
    ['a lower-case c cedilla (GSM-7 has only the capital)', 'ça va'],
  ];
  for (const [what, text] of kept) {
    it(`keeps ${what} as it is`, () => {
      expect(toSmsText(text)).to.equal(text);
    });
  }

  it('makes typographic English plain GSM-7, and is idempotent', () => {
    const typed = 'It\u2019s \u201cnot\u201d a problem \u2013 really\u2026\u00a0\u2022 Thanks';
    const once = toSmsText(typed);
    expect(smsSegments(once).encoding).to.equal('GSM-7');
    expect(toSmsText(once)).to.equal(once);
  });
});

describe('smsSegments', () => {
  const table: Array<[string, string, SmsSize]> = [
    ['empty text', '', { encoding: 'GSM-7', segments: 0, units: 0 }],
    ['one character', 'a', { encoding: 'GSM-7', segments: 1, units: 1 }],
    ['160 septets', a(160), { encoding: 'GSM-7', segments: 1, units: 160 }],
    ['161 septets', a(161), { encoding: 'GSM-7', segments: 2, units: 161 }],
    ['306 septets', a(306), { encoding: 'GSM-7', segments: 2, units: 306 }],
    ['307 septets', a(307), { encoding: 'GSM-7', segments: 3, units: 307 }],
    ['459 septets', a(459), { encoding: 'GSM-7', segments: 3, units: 459 }],
    ['460 septets', a(460), { encoding: 'GSM-7', segments: 4, units: 460 }],
    ['the whole basic alphabet, one septet each', GSM_BASIC_ALPHABET, { encoding: 'GSM-7', segments: 1, units: 127 }],
    ['the whole extension table, two septets each', GSM_EXTENSION, { encoding: 'GSM-7', segments: 1, units: 20 }],
    ['CR and LF, one septet each', 'a\r\nb', { encoding: 'GSM-7', segments: 1, units: 4 }],
    ['158 + a euro sign: 160 septets', `${a(158)}€`, { encoding: 'GSM-7', segments: 1, units: 160 }],
    ['159 + a euro sign: 161 septets', `${a(159)}€`, { encoding: 'GSM-7', segments: 2, units: 161 }],
    ['306 septets with an escape pair across the 153 boundary', `${a(152)}€${a(152)}`, { encoding: 'GSM-7', segments: 3, units: 306 }],
    ['306 septets with an escape pair just before the boundary', `${a(151)}€${a(153)}`, { encoding: 'GSM-7', segments: 2, units: 306 }],
    ['a backtick (not GSM-7)', '`', { encoding: 'UCS-2', segments: 1, units: 1 }],
    ['a tab (not GSM-7)', 'a\tb', { encoding: 'UCS-2', segments: 1, units: 3 }],
    ['a lower-case c cedilla', 'ç', { encoding: 'UCS-2', segments: 1, units: 1 }],
    ['70 UCS-2 units', zh(70), { encoding: 'UCS-2', segments: 1, units: 70 }],
    ['71 UCS-2 units', zh(71), { encoding: 'UCS-2', segments: 2, units: 71 }],
    ['134 UCS-2 units', zh(134), { encoding: 'UCS-2', segments: 2, units: 134 }],
    ['135 UCS-2 units', zh(135), { encoding: 'UCS-2', segments: 3, units: 135 }],
    ['201 UCS-2 units', zh(201), { encoding: 'UCS-2', segments: 3, units: 201 }],
    ['202 UCS-2 units', zh(202), { encoding: 'UCS-2', segments: 4, units: 202 }],
    ['GSM-7 text with one Polish letter, all in UCS-2', `${a(69)}ł`, { encoding: 'UCS-2', segments: 1, units: 70 }],
    ['71 characters with one Polish letter', `${a(70)}ł`, { encoding: 'UCS-2', segments: 2, units: 71 }],
    ['extension characters in UCS-2, one unit each', `${'€'.repeat(69)}ж`, { encoding: 'UCS-2', segments: 1, units: 70 }],
    ['an emoji: a surrogate pair, two units', '😀', { encoding: 'UCS-2', segments: 1, units: 2 }],
    ['35 emoji: 70 units', '😀'.repeat(35), { encoding: 'UCS-2', segments: 1, units: 70 }],
    ['69 + an emoji: 71 units', `${a(69)}😀`, { encoding: 'UCS-2', segments: 2, units: 71 }],
    ['134 units with a surrogate pair across the 67 boundary', `${zh(66)}😀${zh(66)}`, { encoding: 'UCS-2', segments: 3, units: 134 }],
    ['134 units with a surrogate pair just before the boundary', `${zh(65)}😀${zh(67)}`, { encoding: 'UCS-2', segments: 2, units: 134 }],
  ];
  for (const [what, text, expected] of table) {
    it(`measures ${what}`, () => {
      expect(smsSegments(text)).to.deep.equal(expected);
    });
  }

  it('counts every extension character as two septets', () => {
    for (const char of GSM_EXTENSION) expect(smsSegments(char), JSON.stringify(char)).to.deep.equal({ encoding: 'GSM-7', segments: 1, units: 2 });
  });
});
