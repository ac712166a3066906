import { expect } from 'chai';
import { agrees, items, understood, type Expected } from './answerTable.js';

const { ucla, ons, k6 } = items;

describe('interpretReply', () => {
  describe('how often, in more words, on each scale its own way (UCLA 1–3, ONS 1 often … 5 never, K6 codes 0 none … 4 all)', () => {
    // [reply, UCLA-3, ONS loneliness, K6]: one option, or re-asked where the phrase falls between two.
    const rows: Array<[string, Expected, Expected, Expected]> = [
      ['scarcely', 1, 4, 1],
      ['scarcely ever', 1, 4, 1],
      ['a tiny bit', 1, 4, 1],
      ['a wee bit', 1, 4, 1],
      ['very little', 1, 4, 1],
      ['sporadically', 2, 3, 2],
      ['intermittently', 2, 3, 2],
      ['periodically', 2, 3, 2],
      ['a few times', 2, 3, 2],
      ['on the odd occasion', 2, 3, 2],
      ['quite a bit', '?ambiguous', '?ambiguous', '?ambiguous'],
      ['a fair bit', '?', '?', '?'],
      ['a fair amount', '?', '?', '?'],
      ['fairly often', 3, 1, 3],
      ['pretty often', 3, 1, 3],
      ['rather often', 3, 1, 3],
      ['quite frequently', 3, 1, 3],
      ['a good deal', 3, 1, 3],
      ['a great deal of the time', 3, 1, 3],
      ['most nights', 3, 1, 3],
      ['most evenings', 3, 1, 3],
      ['the majority of the time', 3, 1, 3],
      ['tons', 3, 1, 3],
      ['heaps', 3, 1, 3],
      ['lots and lots', 3, 1, 3],
      ['every night', 3, 1, '?ambiguous'],
      ['every evening', 3, 1, '?'],
      ['every single night', 3, 1, '?'],
      ['day and night', 3, 1, 4],
      ['all day long', 3, 1, 4],
      ['every waking hour', 3, 1, 4],
      ['round the clock', 3, 1, 4],
      ['24-7', 3, 1, 4],
      ['never once', 1, 5, 0],
      ['at no point', 1, 5, 0],
      ['a handful of times', 1, 4, 1],
      ['on occasions', 2, 3, 2],
      ['most of the day', 3, 1, 3],
      ['forever', 3, 1, 4],
      ['24 hours a day', 3, 1, 4],
      ['not regularly', 2, 3, 2],
      ['half the time', '?', '?', '?'],
      ['every other day', '?', '?', '?'],
      ['once a week', '?', '?', '?'],
    ];
    for (const [reply, onUcla, onOns, onK6] of rows) {
      it(`reads ${JSON.stringify(reply)} as UCLA ${onUcla}, ONS ${onOns}, K6 ${onK6}`, () => {
        const got = [understood(ucla, reply), understood(ons, reply), understood(k6, reply)];
        expect(agrees(got[0]!, onUcla) && agrees(got[1]!, onOns) && agrees(got[2]!, onK6), `got ${got.join(', ')}`).to.equal(true);
      });
    }
  });
});
