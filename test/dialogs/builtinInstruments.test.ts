import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import type { ChoiceItem, Instrument } from '../../dialogs/instruments/instrumentSchema.js';

const builtin = (id: string) => builtinInstruments.get(id)!;
const options = (item: Instrument['items'][number]) => (item as ChoiceItem).options.map((o) => [o.id, o.code, o.key]);
const agreement = [
  ['strongly_disagree', 1, 1],
  ['disagree', 2, 2],
  ['neither', 3, 3],
  ['agree', 4, 4],
  ['strongly_agree', 5, 5],
];

describe('builtinInstruments', () => {
  it('ships the loneliness, wellbeing, distress, health and week-8 instruments, each at version 1', () => {
    expect([...builtinInstruments.keys()]).to.deep.equal([
      'ucla3',
      'ons-loneliness',
      'ons4',
      'k6',
      'gss-health',
      'groups',
      'link-worker-relationship',
      'group-belonging',
    ]);
    for (const instrument of builtinInstruments.values()) {
      expect(instrument.version, instrument.id).to.equal('1');
      expect(instrument.licence, instrument.id).to.match(/\w/);
      expect(instrument.recallPeriod, instrument.id).to.not.equal(undefined);
    }
  });

  // [instrument, item ids, scoring, recall period]
  const catalogue: Array<[string, string[], string, string | null]> = [
    ['ucla3', ['lack_companionship', 'left_out', 'isolated'], 'sum', null],
    ['ons-loneliness', ['lonely'], 'none', null],
    ['ons4', ['life_satisfaction', 'worthwhile', 'happiness', 'anxiety'], 'none', null],
    ['k6', ['nervous', 'hopeless', 'restless', 'depressed', 'effort', 'worthless'], 'sum', 'past 30 days'],
    ['gss-health', ['general'], 'none', null],
    ['groups', ['count'], 'none', null],
    ['link-worker-relationship', ['understands'], 'none', null],
    ['group-belonging', ['belong'], 'none', null],
  ];
  for (const [id, itemIds, method, recall] of catalogue) {
    it(`${id}: items ${itemIds.join(', ')}, scoring ${method}, recall ${recall ?? 'none'}`, () => {
      const instrument = builtin(id);
      expect(instrument.items.map((i) => i.id)).to.deep.equal(itemIds);
      expect(instrument.scoring.method).to.equal(method);
      expect(instrument.recallPeriod).to.equal(recall);
    });
  }

  it('asks ONS4 on 0–10 scales, happiness and anxiety about yesterday, anxiety labelled as anxiety', () => {
    const items = builtin('ons4').items;
    expect(items.map((i) => i.kind === 'scale' && [i.min, i.max, i.minLabel, i.maxLabel, i.recallPeriod])).to.deep.equal([
      [0, 10, 'not at all', 'completely', undefined],
      [0, 10, 'not at all', 'completely', undefined],
      [0, 10, 'not at all', 'completely', 'yesterday'],
      [0, 10, 'not at all anxious', 'completely anxious', 'yesterday'],
    ]);
    expect(items.map((i) => i.text)).to.deep.equal([
      'Overall, how satisfied are you with your life nowadays?',
      'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      'Overall, how happy did you feel yesterday?',
      'Overall, how anxious did you feel yesterday?',
    ]);
  });

  it('asks K6 about the past 30 days, None 0 to All of the time 4 on keys 1–5, and marks the items that need risk handling', () => {
    const k6 = builtin('k6');
    for (const item of k6.items) {
      expect(item.text, item.id).to.match(/^During the past 30 days, about how often did you feel .+\?$/);
      expect(options(item), item.id).to.deep.equal([
        ['none', 0, 1],
        ['a_little', 1, 2],
        ['some', 2, 3],
        ['most', 3, 4],
        ['all', 4, 5],
      ]);
    }
    expect(k6.items.map((i) => [i.id, i.kind === 'choice' ? (i.riskAt ?? []) : null])).to.deep.equal([
      ['nervous', []],
      ['hopeless', ['most', 'all']],
      ['restless', []],
      ['depressed', ['most', 'all']],
      ['effort', []],
      ['worthless', ['most', 'all']],
    ]);
    expect(k6.scoring).to.deep.include({
      method: 'sum',
      minAnswered: 'all',
      bands: [],
      thresholds: [{ flag: 'probable serious psychological distress', atLeast: 13 }],
    });
  });

  it('asks self-rated health Very good 1 to Very bad 5, groups 0–30, and the week-8 statements on agreement 1–5', () => {
    expect(builtin('gss-health').items[0]!.text).to.equal('How is your health in general?');
    expect(options(builtin('gss-health').items[0]!)).to.deep.equal([
      ['very_good', 1, 1],
      ['good', 2, 2],
      ['fair', 3, 3],
      ['bad', 4, 4],
      ['very_bad', 5, 5],
    ]);
    expect(builtin('groups').items[0]).to.deep.include({ kind: 'scale', min: 0, max: 30 });
    expect(builtin('link-worker-relationship').items[0]!.text).to.equal('I feel my link worker understands what matters to me');
    expect(builtin('group-belonging').items[0]!.text).to.equal('I feel I belong in at least one of my groups');
    expect(options(builtin('link-worker-relationship').items[0]!)).to.deep.equal(agreement);
    expect(options(builtin('group-belonging').items[0]!)).to.deep.equal(agreement);
  });

  it('keeps the UCLA-3 and ONS loneliness options as stored in existing answers', () => {
    for (const item of builtin('ucla3').items)
      expect(options(item)).to.deep.equal([
        ['hardly_ever_or_never', 1, 1],
        ['some_of_the_time', 2, 2],
        ['often', 3, 3],
      ]);
    expect(options(builtin('ons-loneliness').items[0]!)).to.deep.equal([
      ['often_always', 1, 1],
      ['some_of_the_time', 2, 2],
      ['occasionally', 3, 3],
      ['hardly_ever', 4, 4],
      ['never', 5, 5],
    ]);
  });
});
