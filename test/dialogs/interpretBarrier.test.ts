import { expect } from 'chai';
import { smsSegments } from '../../cards/smsText.js';
import { BARRIERS, barrierMenuText, interpretBarrier, type BarrierId } from '../../dialogs/understanding/interpretBarrier.js';

describe('interpretBarrier', () => {
  const cases: Array<[string, BarrierId[] | 'unclear']> = [
    // Menu numbers, alone and several.
    ['1', ['transport']],
    ['2', ['cost']],
    ['3', ['health-mobility']],
    ['4', ['nervous-anxious']],
    ['5', ['not-welcome']],
    ['6', ['not-running-or-full']],
    ['7', ['hearing-noise']],
    ['8', ['caring']],
    ['9', ['feeling-low']],
    ['10', ['other']],
    ['one', ['transport']],
    ['Three', ['health-mobility']],
    [' 9. ', ['feeling-low']],
    ['No 4', ['nervous-anxious']],
    ['2 and 5', ['cost', 'not-welcome']],
    ['1, 3', ['transport', 'health-mobility']],
    ['5 & 1', ['transport', 'not-welcome']],
    ['1 2 and 9', ['transport', 'cost', 'feeling-low']],
    ['two and three', ['cost', 'health-mobility']],
    ['4 4', ['nervous-anxious']],
    ['3 - my hip', ['health-mobility']],
    ['2: the bus fare', ['cost']],
    ['10. my dog was poorly', ['other']],
    ['12 - too far', 'unclear'],
    ['11', 'unclear'],
    ['0', 'unclear'],
    ['2 and 12', 'unclear'],
    // Own words.
    ["couldn't get a lift", ['transport']],
    ["Bus didn't come", ['transport']],
    ['taxi too dear', ['transport', 'cost']],
    ['my daughter couldnt drive me', ['transport']],
    ['It is too far for me', ['transport']],
    ['got lost on the way', ['transport']],
    ['couldnt afford it this week', ['cost']],
    ["it's £3 and I'm skint", ['cost']],
    ['money is tight', ['cost']],
    ['too nervous', ['nervous-anxious']],
    ["didn't know anyone", ['nervous-anxious']],
    ['I couldnt face it', ['nervous-anxious']],
    ['too anxious to go on my own', ['nervous-anxious']],
    ['my hip', ['health-mobility']],
    ['knees playing up again', ['health-mobility']],
    ['I was poorly', ['health-mobility']],
    ['had a fall on Monday', ['health-mobility']],
    ['full of cold', ['health-mobility']],
    ['looking after my husband', ['caring']],
    ['my husband was poorly', ['caring']],
    ['had the grandkids', ['caring']],
    ['mum was taken into hospital', ['caring']],
    ["couldn't hear a thing", ['hearing-noise']],
    ['far too noisy in there', ['hearing-noise']],
    ['my hearing aid was broken', ['hearing-noise']],
    ['too low to go', ['feeling-low']],
    ['feeling down', ['feeling-low']],
    ["couldn't be bothered", ['feeling-low']],
    ['not in the mood', ['feeling-low']],
    ['it was cancelled', ['not-running-or-full']],
    ['full up', ['not-running-or-full']],
    ['nobody there, door was locked', ['not-running-or-full']],
    ['they have a waiting list', ['not-running-or-full']],
    ["didn't feel welcome", ['not-welcome']],
    ['I just didnt fit in', ['not-welcome']],
    ['not my cup of tea', ['not-welcome']],
    ['nobody spoke to me last time', ['not-welcome']],
    ['bus was late and my knee hurt', ['transport', 'health-mobility']],
    ["I'm afraid I was poorly", ['health-mobility']],
    ['heard it was cancelled', ['not-running-or-full']],
    ['the bus broke down', ['transport']],
    ['the walking group was cancelled', ['not-running-or-full']],
    ['my wife had a fall', ['caring']],
    ['too expensive', ['cost']],
    ["I'm broke till Friday", ['cost']],
    ['1 or 2', ['transport', 'cost']],
    ['TOO NERVOUS!!', ['nervous-anxious']],
    ['couldnt get there 😔', ['transport']],
    ['Something else', ['other']],
    // Other: a real sentence about why.
    ['I forgot', ['other']],
    ['it was raining', ['other']],
    ['I had a dentist appointment', ['other']],
    ['family came to visit us', ['other']],
    ['went to a funeral', ['other']],
    ['had to work', ['other']],
    ['fell asleep', ['other']],
    ['weather', ['other']],
    // Unclear: nothing about why.
    ['no', 'unclear'],
    ['dunno', 'unclear'],
    ["I don't know", 'unclear'],
    ['nah sorry', 'unclear'],
    ['', 'unclear'],
    ['   ', 'unclear'],
    ['🙂', 'unclear'],
    ['ok', 'unclear'],
    ['no reason', 'unclear'],
    ['not sure really', 'unclear'],
    ["I'm afraid not", 'unclear'],
    ['when is the next one?', 'unclear'],
    ['what time does it start', 'unclear'],
    ['purple', 'unclear'],
    ['no I didnt go', 'unclear'],
    ['idk', 'unclear'],
    ['not really no', 'unclear'],
    ['yes', 'unclear'],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} as ${Array.isArray(expected) ? expected.join(' + ') : expected}`, () => {
      const reply = interpretBarrier(text);
      expect(reply).to.deep.equal(expected === 'unclear' ? { kind: 'unclear' } : { kind: 'barrier', barriers: expected });
    });
  }
});

describe('barrierMenuText', () => {
  it('numbers every barrier from 1, in menu order', () => {
    // The menu of docs/groups.md, numbered as a reply gives it.
    expect(barrierMenuText().split('\n')).to.deep.equal([
      'Reply with one or more numbers:',
      '1 Transport',
      '2 Cost',
      '3 Health or mobility',
      '4 Nervous or anxious',
      "5 Didn't feel welcome or fit in",
      '6 Group not running or full',
      '7 Hearing or noise',
      '8 Caring for someone',
      '9 Feeling low',
      '10 Something else (tell us)',
    ]);
    expect(BARRIERS.map((b) => b.id)).to.deep.equal([
      'transport',
      'cost',
      'health-mobility',
      'nervous-anxious',
      'not-welcome',
      'not-running-or-full',
      'hearing-noise',
      'caring',
      'feeling-low',
      'other',
    ]);
  });

  it('fits two GSM-7 SMS segments after a one-line lead of up to 70 characters', () => {
    const lead = "Sorry you couldn't make it, that's fine. What got in the way?";
    for (const text of [`${lead}\n${barrierMenuText()}`, `${'x'.repeat(70)}\n${barrierMenuText()}`]) {
      const size = smsSegments(text);
      expect(size.encoding).to.equal('GSM-7');
      expect(size.segments).to.be.at.most(2);
    }
  });

  it('reads every menu number back as its own barrier', () => {
    for (const [i, b] of BARRIERS.entries()) expect(interpretBarrier(String(i + 1))).to.deep.equal({ kind: 'barrier', barriers: [b.id] });
  });
});
