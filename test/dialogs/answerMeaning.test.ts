import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import wordListPath from 'word-list';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import type { ChoiceItem, InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { frequencyTargets } from '../../dialogs/understanding/frequencyVocabulary.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { itemVocabulary } from '../../dialogs/understanding/itemVocabulary.js';
import { repairWord, slipsApart } from '../../dialogs/understanding/repairWord.js';
import { replySentences } from '../../dialogs/understanding/replySentences.js';
import { agrees, as, builtinItem, table, understood, type Expected } from './answerTable.js';

const ucla = builtinItem('ucla3', 'left_out');
const ons = builtinItem('ons-loneliness');
const k6 = builtinItem('k6', 'hopeless');
const ons4 = builtinItem('ons4', 'happiness');
const health = builtinItem('gss-health');
const groups = builtinItem('groups');

describe('interpretReply', () => {
  describe('how often, in words beyond the labels, on each scale its own way (UCLA 1–3, ONS 1 often … 5 never, K6 codes 0 none … 4 all)', () => {
    // [reply, UCLA-3, ONS loneliness, K6]: the same phrase lands on each scale's own option, or
    // between two of them (re-asked).
    const rows: Array<[string, Expected, Expected, Expected]> = [
      ['once in a blue moon', 1, 4, 1],
      ['rarely if ever', 1, '?ambiguous', '?ambiguous'],
      ['hardly if ever', 1, '?', '?'],
      ['not a lot', 1, 4, 1],
      ['not very much', 1, 4, 1],
      ['barely ever', 1, 4, 1],
      ['very rarely', 1, 4, 1],
      ['seldom', 1, 4, 1],
      ['the odd time', 2, 3, 2],
      ['every so often', 2, 3, 2],
      ['every once in a while', 2, 3, 2],
      ['from time to time', 2, 3, 2],
      ['on and off', 2, '?ambiguous', 2],
      ['off and on', 2, '?ambiguous', 2],
      ['it comes and goes', 2, '?', 2],
      ['at times', 2, 2, 2],
      ['some days', 2, 2, 2],
      ['sometimes', 2, 2, 2],
      ['most days', 3, 1, 3],
      ['more often than not', 3, 1, 3],
      ['usually', 3, 1, 3],
      ['frequently', 3, 1, 3],
      ['a lot of the time', 3, 1, 3],
      ['pretty much always', 3, 1, '?negated'],
      ['almost always', 3, 1, '?negated'],
      ['nearly every day', 3, 1, '?'],
      ['every single day', 3, 1, 4],
      ['every day', 3, 1, 4],
      ['all day every day', 3, 1, 4],
      ['constantly', 3, 1, 4],
      ['24/7', 3, 1, 4],
      ['never ever', 1, 5, 0],
      ['not once', 1, 5, 0],
      ['at no time', 1, 5, 0],
      ['not at all', 1, 5, 0],
      ['almost never', 1, 4, '?negated'],
    ];
    for (const [reply, onUcla, onOns, onK6] of rows) {
      it(`reads ${JSON.stringify(reply)} as UCLA ${onUcla}, ONS ${onOns}, K6 ${onK6}`, () => {
        const got = [understood(ucla, reply), understood(ons, reply), understood(k6, reply)];
        expect(agrees(got[0]!, onUcla) && agrees(got[1]!, onOns) && agrees(got[2]!, onK6), `got ${got.join(', ')}`).to.equal(true);
      });
    }
  });

  describe('"no" to a how-often question', () => {
    for (const reply of ['no', 'Nope', 'nah', 'No.', 'nope, never', 'no not at all']) {
      it(`takes ${JSON.stringify(reply)} as never or none on UCLA, ONS and K6`, () => {
        expect([understood(ucla, reply), understood(ons, reply), understood(k6, reply)]).to.deep.equal([1, 5, 0]);
      });
    }
    for (const [on, name] of [
      [ons4, 'ONS4'],
      [health, 'self-rated health'],
    ] as const) {
      it(`re-asks "no" and "nope" on ${name}, which have no never option`, () => {
        expect([understood(on, 'no'), understood(on, 'nope')].every((e) => typeof e === 'string')).to.equal(true);
      });
    }
    // A plain no to "How many groups…?" is none.
    table(
      groups,
      [
        ['no', 0],
        ['nope', 0],
      ],
      as,
    );
    table(
      ucla,
      [
        ['no, often', '?negated'],
        ['often no', '?negated'],
        ['not really', 1],
        ['no one ever calls me', '?free_text'],
      ],
      as,
    );
  });

  describe('corrections: the last answer stated counts', () => {
    table(
      ucla,
      [
        ['2, no actually 3', 3],
        ['often... well, sometimes', 2],
        ['3 no sorry 2', 2],
        ['often, no 2', 2],
        ['2, no actually often', 3],
        ['hardly ever, I mean sometimes', 2],
        ['sometimes - wait, often', 3],
        ['Sometimes. Actually often.', 3],
        ['1 or rather 2', 2],
        ['2 make that 3', 3],
        ['often but never', '?contradictory'],
        ['2 or 3', '?ambiguous'],
      ],
      as,
    );
    table(
      ons,
      [
        ['hardly ever... actually never', 5],
        ['4, no 5', 5],
        ['often, no, some of the time', 2],
        ['never, oops, occasionally', 3],
      ],
      as,
    );
    table(
      k6,
      [
        ['4, no actually 5', 4],
        ['most days, no, every day', 4],
        ['some, well most', 3],
      ],
      as,
    );
    table(
      ons4,
      [
        ['6, no 7', 7],
        ['6 no actually make it 7', 7],
        ['7, no sorry 8', 8],
        ['6 or 7', '?ambiguous'],
        ['7 but 8', '?'],
      ],
      as,
    );
    table(
      health,
      [
        ['good, no fair', 3],
        ['fair, well actually bad', 4],
        ['good but my knees are bad', '?contradictory'],
      ],
      as,
    );
    table(
      groups,
      [
        ['3, no 4', 4],
        ['2, sorry 3', 3],
        ['2 or 3', '?ambiguous'],
      ],
      as,
    );
  });

  describe('numbers beside other numbers and words: the one that answers', () => {
    table(
      ons4,
      [
        ["I'm 81 but I'd say 7", 7],
        ['I am 79, about a 6', 6],
        ['aged 75, 8', 8],
        ['I have 2 kids and id say 7', 7],
        ['7 at 10am', 7],
        ['on the 14th I was a 5', 5],
        ['5 on 14/3', 5],
        ['8 - went to the choir at 2pm', 8],
        ['£5 left till Friday. 4', 4],
        ['2 kids visit', '?no_match'],
        ['3 kids and 2 grandkids', '?'],
        ['81 and 7', '?'],
        ['2 100', '?'],
      ],
      as,
    );
    table(
      groups,
      [
        ['went twice on the 14th, so 2 groups', 2],
        ['I go to 2 at the moment', 2],
        ['i am 81 and go to 2', 2],
        ['just 1, on the 3rd', 1],
        ['2. Choir on Monday and walking on the 3rd', 2],
        ['3 groups', 3],
        ['2 groups and 3 clubs', '?ambiguous'],
        ['I go to 3 groups a week', '?no_match'],
        ['3 a week', '?no_match'],
        ['I have 3 sons', '?no_match'],
      ],
      as,
    );
    table(
      ucla,
      [
        ['at 3pm yesterday I felt 2', 2],
        ['2 kids visit often', '?'],
        ['I am 79 and feel left out sometimes', 2],
      ],
      as,
    );
  });

  describe('a typed digit is never overridden by a word', () => {
    table(
      ucla,
      [
        ['2 ... often', '?ambiguous'],
        ['2. I see people often', '?ambiguous'],
        ['2 often', '?ambiguous'],
        ['often, 2', '?ambiguous'],
        ['2 but often lately', '?contradictory'],
        ['3 - Often', 3],
        ['2 some of the time', 2],
        ['2. I go out often', '?'],
      ],
      as,
    );
    table(
      k6,
      [
        ['2 ... most', '?'],
        ['3 - some', 2],
        ['5 all the time', 4],
      ],
      as,
    );
    table(
      health,
      [
        ['2 - good', 2],
        ['2 ... bad', '?'],
        ['4 poor', 4],
      ],
      as,
    );
  });

  describe('misspelt answer and number words, never a real word turned into an answer', () => {
    table(
      ucla,
      [
        ['somtimes', 2],
        ['sometims', 2],
        ['soemtimes', 2],
        ['offen', 3],
        ['ofetn', 3],
        ['alwasy', 3],
        ['nevr', 1],
        ['rarley', 1],
      ],
      as,
    );
    table(
      ons,
      [
        ['nvr', 5],
        ['ocasionaly', 3],
        ['ofen', 1],
        ['fiev', 5],
        ['hardley ever', 4],
      ],
      as,
    );
    table(
      ons4,
      [
        ['sevn', 7],
        ['fiev', 5],
        ['sevne', 7],
        ['eigth', 8],
        ['nien', 9],
        ['thre', 3],
        ['fine', '?'],
        ['tow', '?'],
        ['none', '?'],
      ],
      as,
    );
    table(
      groups,
      [
        ['thre', 3],
        ['fuor', 4],
        ['tow', '?'],
        ['on', '?'],
      ],
      as,
    );
    table(
      ucla,
      [
        ['fever', '?'],
        ['sever', '?'],
        ['seven', '?out_of_range'],
        ['soften', '?'],
      ],
      as,
    );
  });

  describe('an answer followed by more sentences', () => {
    const remarks: Array<[InstrumentItem, string, number, string]> = [
      [ucla, 'Sometimes. My hip has been bad', 2, 'My hip has been bad'],
      [k6, '3 - and I cut myself again last night', 2, 'and I cut myself again last night'],
      [ons, 'Occasionally. My daughter rings on Sundays', 3, 'My daughter rings on Sundays'],
      [ons4, '7. The garden club was lovely!', 7, 'The garden club was lovely!'],
      [health, 'Fair - the knee again', 3, 'the knee again'],
      [groups, '2. Choir on Monday and walking on the 3rd', 2, 'Choir on Monday and walking on the 3rd'],
      [ucla, 'My hip has been bad. Sometimes', 2, 'My hip has been bad.'],
    ];
    for (const [on, reply, value, remark] of remarks) {
      it(`takes ${JSON.stringify(reply)} as ${value} and keeps the rest as written`, () => {
        expect(interpretReply(on, { text: reply })).to.include({ kind: 'answer', value, remark });
      });
    }
    it('says nothing more when the rest is only thanks or filler', () => {
      expect(interpretReply(ucla, { text: 'Sometimes. Thanks!' })).to.not.have.property('remark');
      expect(interpretReply(ucla, { text: 'left out? never' })).to.not.have.property('remark');
    });
    table(
      ucla,
      [
        ['Sometimes. Often.', '?ambiguous'],
        ['I never go out since my hip went', '?free_text'],
        ['I never see anyone', '?'],
      ],
      as,
    );
  });
});

describe('replySentences', () => {
  it('cuts at sentence ends, line breaks and spaced dashes, not inside "6.5", "7/10" or "so-so"', () => {
    expect(replySentences('Sometimes. My hip!\nOk - fine').map((s) => s.text)).to.deep.equal(['Sometimes', 'My hip', 'Ok', 'fine']);
    expect(replySentences('6.5 or 7/10 so-so').map((s) => s.text)).to.deep.equal(['6.5 or 7/10 so-so']);
  });
  it('starts a sentence at ", so" so that a conclusion stands alone', () => {
    expect(replySentences('went twice on the 14th, so 2 groups').map((s) => s.text)).to.deep.equal(['went twice on the 14th', 'so 2 groups']);
  });
  it('gives each sentence exactly as sent, with where it sits', () => {
    const text = '  3 -  and I cut myself  ';
    for (const s of replySentences(text)) expect(text.slice(s.start, s.end)).to.equal(s.text);
  });
});

describe('frequencyTargets', () => {
  it('places "always" on UCLA\'s top option, which joins often and always', () => {
    expect(frequencyTargets(ucla as ChoiceItem)!.phrases.get('always')).to.deep.equal(['often']);
  });
  it('leaves items that are not frequency scales alone', () => {
    expect(frequencyTargets(health as ChoiceItem)).to.equal(null);
  });
  it('gives "no" a never option only on a how-often question', () => {
    expect([ucla, ons, k6].map((i) => frequencyTargets(i as ChoiceItem)!.never)).to.deep.equal(['hardly_ever_or_never', 'never', 'none']);
  });
});

describe('repairWord', () => {
  // Every real English word one slip from an answer word, or a doubled letter from any word a reply
  // may use, or two slips from a long one-word answer, stays itself.
  const items = [...builtinInstruments.values()].flatMap((i) => i.items);
  const answerWords = new Set(items.flatMap((i) => [...itemVocabulary(i).longWords, ...itemVocabulary(i).known]));
  const longAnswers = [...new Set(items.flatMap((i) => [...itemVocabulary(i).answerWords.keys()]))].filter((w) => w.length >= 9);
  for (const w of 'zero one two three four five six seven eight nine ten eleven twelve twenty thirty'.split(' ')) answerWords.add(w);
  // Every word of a 274,000-word list near an answer word, mended on every item: about 15 s alone.
  it('never turns a real word into an answer word, on any built-in item', function () {
    this.timeout(120_000);
    const byLength = new Map<number, string[]>();
    for (const w of answerWords) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
    const near = readFileSync(wordListPath, 'utf8')
      .split('\n')
      .filter((word) => {
        if (word.length < 2 || answerWords.has(word)) return false;
        if (word.length >= 7 && longAnswers.some((a) => Math.abs(a.length - word.length) <= 2 && slipsApart(word, a) === 2)) return true;
        return [word.length - 1, word.length, word.length + 1].some((n) => (byLength.get(n) ?? []).some((a) => slipApart(word, a)));
      });
    expect(near.length).to.be.greaterThan(500);
    const mended = items.flatMap((i) => {
      const v = itemVocabulary(i);
      return near.filter((w) => !v.known.has(w) && repairWord(w, v) !== w).map((w) => `${w} → ${repairWord(w, v)} (${i.id})`);
    });
    expect(mended).to.deep.equal([]);
  });
});

/** One letter added, dropped, changed or swapped with its neighbour. */
function slipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
