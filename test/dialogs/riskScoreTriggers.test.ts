import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { defaultScoreTriggerConfig, scoreTriggerConfigSchema, type ScoreTriggerConfig } from '../../dialogs/safety/scoreTriggerConfig.js';
import { scoreTriggers, type CheckInOutcome } from '../../dialogs/safety/scoreTriggers.js';

let next = 0;
const checkIn = (over: Partial<CheckInOutcome> = {}): CheckInOutcome => ({
  checkInId: `c${++next}`,
  kind: 'routine',
  status: 'completed',
  scores: [],
  responses: [],
  ...over,
});
const K6_CODES: Record<string, number> = { none: 0, a_little: 1, some: 2, most: 3, all: 4 };
const k6 = (total: number | null, items: Record<string, string> = {}) =>
  checkIn({
    kind: 'wave',
    scores: [{ instrumentId: 'k6', score: total }],
    responses: Object.entries(items).map(([itemId, optionId]) => ({ instrumentId: 'k6', itemId, optionId, value: K6_CODES[optionId]! })),
  });
const ONS_CODES: Record<string, number> = { often_always: 1, some_of_the_time: 2, occasionally: 3, hardly_ever: 4, never: 5 };
const ons = (optionId: string) => checkIn({ responses: [{ instrumentId: 'ons-loneliness', itemId: 'lonely', optionId, value: ONS_CODES[optionId]! }] });
const ucla = (score: number | null, waveId?: string) => checkIn({ kind: waveId ? 'wave' : 'routine', waveId, scores: [{ instrumentId: 'ucla3', score }] });
const missed = (kind: CheckInOutcome['kind'] = 'routine') => checkIn({ kind, status: 'missed' });
/** Reasons and tiers raised by the last check-in. */
const raised = (history: CheckInOutcome[], config?: ScoreTriggerConfig) => scoreTriggers(history, config).map((t) => `${t.reason} ${t.tier} ${t.category}`);
const configWith = (data: unknown) => scoreTriggerConfigSchema.parse(data);

describe('scoreTriggers', () => {
  it('raises nothing for no check-ins, or a check-in with nothing of concern', () => {
    expect(scoreTriggers([], defaultScoreTriggerConfig)).to.deep.equal([]);
    expect(raised([checkIn()])).to.deep.equal([]);
  });

  it('names the latest check-in as the cause', () => {
    const latest = k6(13);
    expect(scoreTriggers([checkIn(), latest])).to.deep.equal([{ tier: 'same-day', category: 'distress', reason: 'k6-total', checkInId: latest.checkInId }]);
  });

  describe('K6 total', () => {
    const cases: Array<[number | null, string[]]> = [
      [null, []],
      [0, []],
      [12, []],
      [13, ['k6-total same-day distress']],
      [14, ['k6-total same-day distress']],
      [24, ['k6-total same-day distress']],
    ];
    for (const [total, expected] of cases)
      it(`raises ${expected.length ? 'same-day distress' : 'nothing'} for a total of ${total}`, () => expect(raised([k6(total)])).to.deep.equal(expected));

    it('takes its threshold and tier from the programme, or can be turned off', () => {
      expect(raised([k6(10)], configWith({ k6Total: { atLeast: 10, tier: 'urgent' } }))).to.deep.equal(['k6-total urgent distress']);
      expect(raised([k6(20)], configWith({ k6Total: { enabled: false } }))).to.deep.equal([]);
    });
  });

  describe('K6 hopeless, so depressed, worthless', () => {
    const cases: Array<[string, string, string[]]> = [
      ['hopeless', 'none', []],
      ['hopeless', 'some', []],
      ['hopeless', 'most', ['k6-item same-day hopelessness']],
      ['hopeless', 'all', ['k6-item same-day hopelessness']],
      ['depressed', 'some', []],
      ['depressed', 'most', ['k6-item same-day depression']],
      ['depressed', 'all', ['k6-item same-day depression']],
      ['worthless', 'a_little', []],
      ['worthless', 'most', ['k6-item same-day worthlessness']],
      ['worthless', 'all', ['k6-item same-day worthlessness']],
      ['nervous', 'all', []],
      ['restless', 'all', []],
      ['effort', 'all', []],
    ];
    for (const [item, option, expected] of cases) {
      it(`raises ${expected.length ? 'same-day' : 'nothing'} for ${item} at "${option}"`, () =>
        expect(raised([k6(null, { [item]: option })])).to.deep.equal(expected));
    }

    it('raises one alert per item, beside the total', () => {
      expect(raised([k6(18, { hopeless: 'all', depressed: 'most', worthless: 'some' })])).to.deep.equal([
        'k6-total same-day distress',
        'k6-item same-day hopelessness',
        'k6-item same-day depression',
      ]);
    });

    it('watches by default exactly the items and options the K6 marks for risk handling', () => {
      const k6Items = builtinInstruments.get('k6')!.items.filter((item) => 'riskAt' in item && item.riskAt);
      expect(Object.keys(defaultScoreTriggerConfig.k6Items.items)).to.have.members(k6Items.map((item) => item.id));
      for (const item of k6Items) expect(defaultScoreTriggerConfig.k6Items.options).to.have.members((item as { riskAt: string[] }).riskAt);
    });
  });

  describe('ONS loneliness often/always in two check-ins running', () => {
    const cases: Array<[string, CheckInOutcome[], boolean]> = [
      ['once', [ons('often_always')], false],
      ['twice running', [ons('often_always'), ons('often_always')], true],
      ['after a milder answer', [ons('some_of_the_time'), ons('often_always')], false],
      ['a third time running (already raised)', [ons('often_always'), ons('often_always'), ons('often_always')], false],
      ['twice running again after a break', [ons('often_always'), ons('often_always'), ons('hardly_ever'), ons('often_always'), ons('often_always')], true],
      // Answers running: a week without an answer (missed, or the item skipped) neither counts nor breaks the run.
      ['twice, with a missed check-in between', [ons('often_always'), missed(), ons('often_always')], true],
      ['twice, with a check-in between that did not ask it', [ons('often_always'), checkIn(), ons('often_always')], true],
      ['twice, but the latest check-in did not ask it', [ons('often_always'), ons('often_always'), checkIn()], false],
    ];
    for (const [when, history, expected] of cases) {
      it(`${expected ? 'raises routine loneliness' : 'raises nothing'} when answered ${when}`, () => {
        expect(raised(history)).to.deep.equal(expected ? ['ons-often-repeated routine loneliness'] : []);
      });
    }

    it('takes how many in a row from the programme', () => {
      const config = configWith({ onsLoneliness: { inARow: 3 } });
      expect(raised([ons('often_always'), ons('often_always')], config)).to.deep.equal([]);
      expect(raised([ons('often_always'), ons('often_always'), ons('often_always')], config)).to.deep.equal(['ons-often-repeated routine loneliness']);
    });
  });

  describe('UCLA-3 rise of 3 or more from baseline', () => {
    const cases: Array<[string, CheckInOutcome[], boolean]> = [
      ['2 above the baseline wave', [ucla(4, 'baseline'), ucla(6)], false],
      ['3 above the baseline wave', [ucla(4, 'baseline'), ucla(7)], true],
      ['5 above the baseline wave', [ucla(3, 'baseline'), ucla(8, 'week-8')], true],
      ['still 3 above, as it was last time (already raised)', [ucla(4, 'baseline'), ucla(7), ucla(8)], false],
      ['3 above again after falling back', [ucla(4, 'baseline'), ucla(7), ucla(5), ucla(8)], true],
      ['3 above the first total, with no baseline wave recorded', [ucla(3), ucla(5), ucla(6)], true],
      ['3 above the baseline wave though not above an earlier total', [ucla(6), ucla(3, 'baseline'), ucla(6)], true],
      ['3 above, when the baseline wave gave no total (first total stands in)', [ucla(null, 'baseline'), ucla(4), ucla(7)], true],
      ['at its first total (no baseline to compare)', [ucla(9, 'baseline')], false],
      ['with no total in the latest check-in', [ucla(3, 'baseline'), ucla(8), checkIn()], false],
      ['with an incomplete (null) latest total', [ucla(3, 'baseline'), ucla(null)], false],
    ];
    for (const [when, history, expected] of cases) {
      it(`${expected ? 'raises routine loneliness' : 'raises nothing'} ${when}`, () => {
        expect(raised(history)).to.deep.equal(expected ? ['ucla-rise routine loneliness'] : []);
      });
    }

    it('takes the rise and the baseline wave from the programme', () => {
      expect(raised([ucla(4, 'baseline'), ucla(6)], configWith({ uclaRise: { by: 2 } }))).to.deep.equal(['ucla-rise routine loneliness']);
      expect(raised([ucla(3, 'baseline'), ucla(4, 'intake'), ucla(7)], configWith({ uclaRise: { baselineWaveId: 'intake' } }))).to.deep.equal([
        'ucla-rise routine loneliness',
      ]);
    });
  });

  describe('two routine check-ins missed running (gone quiet)', () => {
    const cases: Array<[string, CheckInOutcome[], boolean]> = [
      ['one missed', [checkIn(), missed()], false],
      ['two missed running', [checkIn(), missed(), missed()], true],
      ['a third missed (already raised)', [missed(), missed(), missed()], false],
      ['two missed with one answered between', [missed(), checkIn(), missed()], false],
      ['two missed with a missed wave between', [missed(), missed('wave'), missed()], true],
      ['two missed, the older with no kind recorded', [missed(undefined), missed()], true],
      ['two missed, the latest a wave', [missed(), missed('wave')], false],
      [
        'two missed, one stopped part-way with an answer',
        [missed(), checkIn({ status: 'missed', responses: [{ instrumentId: 'ucla3', itemId: 'left_out', optionId: 'often', value: 3 }] })],
        false,
      ],
      ['two missed, with a check-in asked for between', [missed(), checkIn({ kind: 'on-request' }), missed()], false],
    ];
    for (const [when, history, expected] of cases) {
      it(`${expected ? 'raises routine gone-quiet' : 'raises nothing'} with ${when}`, () => {
        expect(raised(history)).to.deep.equal(expected ? ['gone-quiet routine gone-quiet'] : []);
      });
    }
  });

  it('raises only what the latest check-in caused, never what an earlier one did', () => {
    const old = [k6(20, { hopeless: 'all' }), ons('often_always'), ons('often_always'), ucla(3, 'baseline'), ucla(8), missed(), missed()];
    expect(raised([...old, checkIn()])).to.deep.equal([]);
  });
});

describe('scoreTriggerConfigSchema', () => {
  it('defaults to the thresholds and tiers of issue 6', () => {
    expect(scoreTriggerConfigSchema.parse(undefined)).to.deep.equal(defaultScoreTriggerConfig);
    expect(defaultScoreTriggerConfig).to.deep.include({
      k6Total: { enabled: true, atLeast: 13, tier: 'same-day', category: 'distress' },
      onsLoneliness: { enabled: true, options: ['often_always'], inARow: 2, tier: 'routine', category: 'loneliness' },
      uclaRise: { enabled: true, by: 3, baselineWaveId: 'baseline', tier: 'routine', category: 'loneliness' },
      goneQuiet: { enabled: true, missedInARow: 2, tier: 'routine', category: 'gone-quiet' },
    });
  });

  it('refuses unknown keys, tiers and out-of-range thresholds, by path', () => {
    const result = scoreTriggerConfigSchema.safeParse({ k6Total: { atLest: 10 }, uclaRise: { tier: 'soon' }, goneQuiet: { missedInARow: 0 } });
    expect(result.error?.issues.map((i) => i.path.join('.'))).to.have.members(['k6Total', 'uclaRise.tier', 'goneQuiet.missedInARow']);
  });
});
