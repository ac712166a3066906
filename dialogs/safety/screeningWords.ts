/** Stands between clauses (. , ! ? ; : and new lines): phrases never run across it. */
export const BOUNDARY = '|';

/** Every run of a repeated letter as one ("killl", "kill" and "kil" all read "kil"; "sooo" reads "so"). */
export function squeeze(word: string): string {
  // Most words have no doubled letter: skip the regular expression for them (it runs on every word).
  for (let i = 1; i < word.length; i++) if (word[i] === word[i - 1]) return word.replace(/(\p{L})\1+/gu, '$1');
  return word;
}

// Dropped before matching, so "I just really want to f***ing die" reads "i want to die".
const FILLERS = new Set(
  [
    'just',
    'really',
    'literally',
    'honestly',
    'actually',
    'seriously',
    'truly',
    'totally',
    'simply',
    'completely',
    'utterly',
    'absolutely',
    'even',
    'fucking',
    'fuckin',
    'fking',
    'fkin',
    'fkn',
    'fing',
    'effing',
    'frigging',
    'flipping',
    'bloody',
    'tbh',
    'lol',
    'lmao',
    'um',
    'umm',
    'erm',
    'uh',
    'ah',
    'x',
    'xx',
    'xxx',
  ].map(squeeze),
);

/** The spellings of a lexicon, ready to look up: single words, and runs of 2–3 words. */
export interface SpellingTable {
  single: ReadonlyMap<string, readonly string[]>;
  multi: ReadonlyMap<string, readonly string[]>;
  /** First words of the `multi` keys: most words start none. */
  multiStarts: ReadonlySet<string>;
}

/** Words as the screener compares them: squeezed, and a phrase's words one by one. */
export function squeezedWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean).map(squeeze);
}

export function spellingTable(spellings: Readonly<Record<string, string>>): SpellingTable {
  const single = new Map<string, string[]>();
  const multi = new Map<string, string[]>();
  for (const [from, to] of Object.entries(spellings)) {
    const words = from.toLowerCase().split(/\s+/).filter(Boolean);
    // One word is looked up as typed (see unstretched), never squeezed: squeezed, the ordinary
    // word "odd" would read as the text-speak "od" (overdose).
    if (words.length === 1) single.set(words[0]!, squeezedWords(to));
    else multi.set(words.map(squeeze).join(' '), squeezedWords(to));
  }
  return { single, multi, multiStarts: new Set([...multi.keys()].map((key) => key.split(' ')[0]!)) };
}

/**
 * A message as lower-case words with clause boundaries: contractions written with an apostrophe
 * opened ("can't" → can not, "he'll" → he will), "w/o" → without, censoring stars closed up
 * ("f***ing" → fing), everything else that is not a letter or digit dropped.
 */
export function rawWords(text: string): string[] {
  const plain = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/\bw\/(o|out)\b/g, ' without ')
    .replace(/\bw\//g, ' with ')
    .replace(/&/g, ' and ')
    .replace(/(\p{L})\*+(?=\p{L})/gu, '$1')
    .replace(/\b(ca|wo|sha)n'?t\b/g, (_, stem: string) => `${{ ca: 'can', wo: 'will', sha: 'shall' }[stem]} not`)
    .replace(/\bain't\b/g, 'am not')
    .replace(/n't\b/g, ' not')
    .replace(/'ll\b/g, ' will')
    .replace(/'re\b/g, ' are')
    .replace(/'ve\b/g, ' have')
    .replace(/'m\b/g, ' am')
    .replace(/'d\b/g, ' would')
    .replace(/\b(he|she|it|that|there|what|who|where|life|everything|nothing|everyone|nobody|this|today)'s\b/g, '$1 is')
    .replace(/'/g, '')
    .replace(/[.,!?;:\n\r\u2026]+/g, ` ${BOUNDARY} `)
    .replace(/[^\p{L}\p{N}|]+/gu, ' ');
  return plain.split(' ').filter(Boolean);
}

/**
 * A word as it may have been meant before letters were held down: as typed, then with every run
 * of three or more letters cut to two, then to one ("kmsss" → kmss, kms). A doubled letter is
 * spelling, never stretching: "odd" stays "odd".
 */
export function unstretched(word: string): string[] {
  if (!/(\p{L})\1\1/u.test(word)) return [word];
  return [word, word.replace(/(\p{L})\1{2,}/gu, '$1$1'), word.replace(/(\p{L})\1{2,}/gu, '$1')];
}

const LEET: Readonly<Record<string, string>> = { '1': 'i', '3': 'e', '4': 'a', '0': 'o', '5': 's', '7': 't' };

/**
 * The words matched against the lexicon: spellings applied ("kms" → kill myself, "wanna" → want to,
 * "my self" → myself), digits inside words read ("want2die" → want to die, "k1ll" → kill), fillers
 * dropped. Misspellings are mended later, against the lexicon's words (compileLexicon).
 */
export function canonicalWords(raw: readonly string[], table: SpellingTable): string[] {
  const words: string[] = [];
  const lookUp = (word: string) =>
    unstretched(word)
      .map((w) => table.single.get(w))
      .find((m) => m !== undefined);
  const spell = (word: string) => {
    const mapped = lookUp(word);
    if (mapped) words.push(...mapped);
    else words.push(squeeze(word));
  };
  for (const word of raw) {
    if (lookUp(word) || !/\d/.test(word) || !/\p{L}/u.test(word)) {
      spell(word);
      continue;
    }
    const read = word.replace(/2/g, ' to ').replace(/[0134578]/g, (d) => LEET[d] ?? d);
    for (const piece of read.split(' ')) if (piece) spell(piece);
  }
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!table.multiStarts.has(words[i]!)) {
      joined.push(words[i]!);
      continue;
    }
    const three = table.multi.get(words.slice(i, i + 3).join(' '));
    const two = three ? undefined : table.multi.get(words.slice(i, i + 2).join(' '));
    if (three) {
      joined.push(...three);
      i += 2;
    } else if (two) {
      joined.push(...two);
      i += 1;
    } else {
      joined.push(words[i]!);
    }
  }
  return joined.filter((w) => !FILLERS.has(w));
}
