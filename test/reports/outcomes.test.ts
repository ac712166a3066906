import { expect } from 'chai';
import { readWaveSummary, waveSummary, type InstrumentOutcome, type OutcomeSummary } from '../../bot/care/reports/outcomes.js';
import type { ClientHistory } from '../../storage/records.js';
import { checkIn, client, cohort, demoProgramme, emptyHistory, give, response, session, waves, type Given } from './outcomeFixtures.js';

const programme = demoProgramme();
const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const none = { value: null, suppressed: false };

function summarise(rows: ReadonlyArray<Record<string, Given>>): OutcomeSummary {
  const { clients, histories } = cohort(rows);
  return waveSummary(programme, clients, histories);
}

function instrument(summary: OutcomeSummary, waveId: string, instrumentId: string): InstrumentOutcome {
  return summary.waves.find((w) => w.waveId === waveId)!.instruments.find((i) => i.instrumentId === instrumentId)!;
}

function measure(summary: OutcomeSummary, waveId: string, instrumentId: string, measureId: string) {
  return instrument(summary, waveId, instrumentId).measures.find((m) => m.measure === measureId)!;
}

describe('waveSummary', () => {
  it('lists every wave of the programme in its order, with its instruments, even before anyone is asked', () => {
    const summary = summarise([]);
    expect(summary.waves.map((w) => w.waveId)).to.deep.equal(programme.waves.map((w) => w.id));
    expect(summary.waves.map((w) => w.instruments.map((i) => i.instrumentId))).to.deep.equal(programme.waves.map((w) => w.instruments));
    expect(summary.baselineWaveId).to.equal('baseline');
    const ucla = measure(summary, 'baseline', 'ucla3', 'score');
    expect([ucla.n, ucla.median]).to.deep.equal([shown(0), none]);
  });

  it('gives the median and quartiles of an odd number of complete scores', () => {
    // Sorted 3 5 6 7 9: median the 3rd; quartiles at ranks 1 + 4 x 0.25 = 2 and 1 + 4 x 0.75 = 4.
    const summary = summarise([9, 3, 7, 5, 6].map((ucla3) => ({ baseline: { ucla3 } })));
    const m = measure(summary, 'baseline', 'ucla3', 'score');
    expect([m.n, m.median, m.q1, m.q3]).to.deep.equal([shown(5), shown(6), shown(5), shown(7)]);
    expect(m.change).to.equal(null);
  });

  it('gives the mean of the two middle scores for an even number, and interpolated quartiles', () => {
    // Sorted 3 4 6 8 9 9: median (6 + 8) / 2; q1 at rank 1 + 5 x 0.25 = 2.25: 4 + 0.25 x (6 - 4); q3 at rank 4.75: 8 + 0.75 x (9 - 8).
    const summary = summarise([9, 4, 8, 3, 9, 6].map((ucla3) => ({ baseline: { ucla3 } })));
    const m = measure(summary, 'baseline', 'ucla3', 'score');
    expect([m.median, m.q1, m.q3]).to.deep.equal([shown(7), shown(4.5), shown(8.75)]);
  });

  it('leaves incomplete scores out of the median but counts their clients as having answered', () => {
    const rows: Array<Record<string, Given>> = [3, 4, 5, 6, 7].map((ucla3) => ({ baseline: { ucla3 } }));
    rows.push(
      { baseline: { ucla3: 9, ucla3Incomplete: true } },
      { baseline: { ucla3: 9, ucla3Incomplete: true } },
      { baseline: { ucla3: 9, ucla3Incomplete: true } },
      { baseline: { ucla3: 9, ucla3Incomplete: true } },
      { baseline: { ucla3: 9, ucla3Incomplete: true } },
    );
    const summary = summarise(rows);
    const ucla = instrument(summary, 'baseline', 'ucla3');
    expect(ucla.answered).to.deep.equal(shown(10));
    expect(ucla.measures[0]!.n).to.deep.equal(shown(5));
    expect(ucla.measures[0]!.median).to.deep.equal(shown(5));
  });

  it('leaves out a score allowed by the missing-data rule but not complete', () => {
    const { clients, histories } = cohort([3, 4, 5, 6, 7, 9, 9].map((ucla3) => ({ baseline: { ucla3 } })));
    // The two 9s as an instrument that scores from some items would keep them: a score, not complete.
    for (const h of histories.slice(5)) h.scores[0]!.complete = false;
    const m = measure(waveSummary(programme, clients, histories), 'baseline', 'ucla3', 'score');
    // 5 complete of 7 answered: publishing 5 would tell that 2 were incomplete.
    expect([m.n, m.median]).to.deep.equal([hidden, shown(5)]);
  });

  it('gives the median change from baseline among clients with a score in both waves only', () => {
    const rows: Array<Record<string, Given>> = [
      { baseline: { ucla3: 8 }, 'week-8': { ucla3: 6 } }, // -2
      { baseline: { ucla3: 7 }, 'week-8': { ucla3: 7 } }, // 0
      { baseline: { ucla3: 9 }, 'week-8': { ucla3: 5 } }, // -4
      { baseline: { ucla3: 5 }, 'week-8': { ucla3: 6 } }, // +1
      { baseline: { ucla3: 6 }, 'week-8': { ucla3: 5 } }, // -1
      { baseline: { ucla3: 9 }, 'week-8': { ucla3: 3 } }, // -6
    ];
    // Five more at week 8 only and five at baseline only: neither changes the paired median.
    for (let i = 0; i < 5; i += 1) rows.push({ 'week-8': { ucla3: 3 } }, { baseline: { ucla3: 3 } });
    const change = measure(summarise(rows), 'week-8', 'ucla3', 'score').change!;
    // Changes sorted -6 -4 -2 -1 0 1: median (-2 + -1) / 2.
    expect(change).to.deep.equal({ n: shown(6), median: shown(-1.5) });
  });

  it('gives the share answering "often/always" to the ONS loneliness question, and the median number of groups', () => {
    const often = Array<'often_always'>(7).fill('often_always');
    const lonely = [...often, 'never', 'never', 'occasionally', 'hardly_ever', 'some_of_the_time'] as const;
    const groups = [5, 0, 1, 6, 2, 2, 3, 3, 4, 1, 5, 2];
    const summary = summarise(lonely.map((l, i) => ({ baseline: { lonely: l, groups: groups[i]! } })));
    expect(instrument(summary, 'baseline', 'ons-loneliness').oftenAlways).to.deep.equal({ count: shown(7), share: shown(7 / 12) });
    // Sorted 0 1 1 2 2 2 3 3 4 5 5 6: (2 + 3) / 2.
    expect(measure(summary, 'baseline', 'groups', 'count').median).to.deep.equal(shown(2.5));
  });

  it('suppresses a wave answered by 4 clients and publishes one answered by 5', () => {
    const four = summarise([3, 4, 5, 6].map((ucla3) => ({ baseline: { ucla3 } })));
    expect(four.waves[0]!.asked).to.deep.equal(hidden);
    const m4 = measure(four, 'baseline', 'ucla3', 'score');
    expect([instrument(four, 'baseline', 'ucla3').answered, m4.n, m4.median, m4.q1, m4.q3]).to.deep.equal([hidden, hidden, hidden, hidden, hidden]);

    const five = summarise([3, 4, 5, 6, 7].map((ucla3) => ({ baseline: { ucla3 } })));
    expect(five.waves[0]!.asked).to.deep.equal(shown(5));
    expect(measure(five, 'baseline', 'ucla3', 'score').median).to.deep.equal(shown(5));
  });

  it('suppresses a paired change from 4 clients even when both waves have 5 or more', () => {
    const rows: Array<Record<string, Given>> = [5, 6, 7, 8].map((ucla3) => ({ baseline: { ucla3 }, 'week-8': { ucla3: ucla3 - 1 } }));
    for (let i = 0; i < 5; i += 1) rows.push({ 'week-8': { ucla3: 4 } }, { baseline: { ucla3: 4 } });
    const summary = summarise(rows);
    expect(measure(summary, 'week-8', 'ucla3', 'score').n).to.deep.equal(shown(9));
    expect(measure(summary, 'week-8', 'ucla3', 'score').change).to.deep.equal({ n: hidden, median: hidden });
  });

  it('hides the number paired when the baseline count less it is 1–4, still giving the median change', () => {
    const rows: Array<Record<string, Given>> = [5, 6, 7, 8, 9].map((ucla3) => ({ baseline: { ucla3 }, 'week-8': { ucla3: ucla3 - 2 } }));
    rows.push({ baseline: { ucla3: 4 } }, { baseline: { ucla3: 4 } });
    // 7 at baseline, 5 of them paired: 7 - 5 would tell that 2 were not seen at week 8.
    expect(measure(summarise(rows), 'week-8', 'ucla3', 'score').change).to.deep.equal({ n: hidden, median: shown(-2) });
  });

  it('suppresses a count that subtracted from a published one leaves 1–4 clients (asked 7, answered 5: 2 did not answer)', () => {
    const rows: Array<Record<string, Given>> = [3, 4, 5, 6, 7].map((ucla3) => ({ baseline: { ucla3 } }));
    rows.push({ baseline: {} }, { baseline: {} });
    const summary = summarise(rows);
    expect(summary.waves[0]!.asked).to.deep.equal(shown(7));
    const ucla = instrument(summary, 'baseline', 'ucla3');
    expect(ucla.answered).to.deep.equal(hidden);
    expect(ucla.measures[0]!.n).to.deep.equal(hidden);
    // The median of 5 scores gives no count away.
    expect(ucla.measures[0]!.median).to.deep.equal(shown(5));
    // Nobody answered the number of groups: 7 - 0 is no small number.
    expect(instrument(summary, 'baseline', 'groups').answered).to.deep.equal(shown(0));
  });

  it('publishes a count 5 or more below a published one (asked 10, answered 5)', () => {
    const rows: Array<Record<string, Given>> = [3, 4, 5, 6, 7].map((ucla3) => ({ baseline: { ucla3 } }));
    for (let i = 0; i < 5; i += 1) rows.push({ baseline: {} });
    expect(instrument(summarise(rows), 'baseline', 'ucla3').answered).to.deep.equal(shown(5));
  });

  it('suppresses the "often/always" count and share when they, or those not "often/always", are 1–4', () => {
    const share = (often: number) =>
      instrument(
        summarise(Array.from({ length: 10 }, (_, i) => ({ baseline: { lonely: i < often ? 'often_always' : 'never' } as Given }))),
        'baseline',
        'ons-loneliness',
      ).oftenAlways;
    expect(share(3)).to.deep.equal({ count: hidden, share: hidden });
    expect(share(8)).to.deep.equal({ count: hidden, share: hidden });
    expect(share(5)).to.deep.equal({ count: shown(5), share: shown(0.5) });
    expect(share(0)).to.deep.equal({ count: shown(0), share: shown(0) });
  });

  it('hides the "often/always" share when the number answering is hidden, as count / share would give it', () => {
    // 12 asked, 10 answered (2 did not: the 10 is hidden); 5 "often/always" may be published, not 5 / 10.
    const rows: Array<Record<string, Given>> = Array.from({ length: 10 }, (_, i) => ({ baseline: { lonely: i < 5 ? 'often_always' : 'never' } }));
    rows.push({ baseline: {} }, { baseline: {} });
    const ons = instrument(summarise(rows), 'baseline', 'ons-loneliness');
    expect([ons.answered, ons.oftenAlways]).to.deep.equal([hidden, { count: shown(5), share: hidden }]);
  });

  it('hides a count of 0 "often/always" when fewer than five answered, as it says something of each of them', () => {
    // 6 asked, 3 answered the ONS question, none "often/always": "0 of a hidden few" would still single them out.
    const rows: Array<Record<string, Given>> = Array.from({ length: 3 }, () => ({ baseline: { lonely: 'never' } }));
    rows.push({ baseline: { groups: 1 } }, { baseline: { groups: 2 } }, { baseline: { groups: 3 } });
    const ons = instrument(summarise(rows), 'baseline', 'ons-loneliness');
    expect(ons.oftenAlways).to.deep.equal({ count: hidden, share: hidden });
  });

  it('counts answers given late, after the check-in closed', () => {
    const rows: Array<Record<string, Given>> = [1, 2, 3, 4, 5].map((groups) => ({ baseline: { groups, late: groups > 3 } }));
    const m = measure(summarise(rows), 'baseline', 'groups', 'count');
    expect([m.n, m.median]).to.deep.equal([shown(5), shown(3)]);
  });

  it('reads the wave from the check-in: routine check-ins, follow-ups and waves the programme does not have are left out', () => {
    const histories = [1, 2, 3, 4, 5].map((n) => {
      let h = waves(`c${n}`, { baseline: { groups: n } });
      h = give(h, checkIn(`c${n}`, 'routine', 'check-in'), { groups: 20 });
      h = give(h, checkIn(`c${n}`, 'follow-up', 'follow-up'), { groups: 20 });
      return give(h, checkIn(`c${n}`, 'wave', 'week-52'), { groups: 20 });
    });
    const summary = waveSummary(
      programme,
      histories.map((h) => client(h.clientId)),
      histories,
    );
    expect(measure(summary, 'baseline', 'groups', 'count').median).to.deep.equal(shown(3));
    expect(summary.waves.map((w) => w.asked)).to.deep.equal([shown(5), shown(0), shown(0), shown(0)]);
  });

  it('counts a client who was asked and answered nothing as asked only', () => {
    const histories = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => {
      const h = emptyHistory(`c${n}`);
      // Half missed the wave without answering.
      return n <= 5 ? give(h, checkIn(`c${n}`, 'wave', 'baseline'), { groups: n }) : give(h, { ...checkIn(`c${n}`, 'wave', 'baseline'), status: 'missed' }, {});
    });
    const summary = waveSummary(
      programme,
      histories.map((h) => client(h.clientId)),
      histories,
    );
    expect(summary.waves[0]!.asked).to.deep.equal(shown(10));
    expect(instrument(summary, 'baseline', 'groups').answered).to.deep.equal(shown(5));
  });

  it('leaves out clients of another programme, and histories of clients not listed', () => {
    const { clients, histories } = cohort([1, 2, 3, 4, 5].map((groups) => ({ baseline: { groups } })));
    const elsewhere = client('x1', 'other');
    const extra = [waves('x1', { baseline: { groups: 30 } }), waves('unlisted', { baseline: { groups: 30 } })];
    const summary = waveSummary(programme, [...clients, elsewhere], [...histories, ...extra]);
    expect(summary.waves[0]!.asked).to.deep.equal(shown(5));
    expect(measure(summary, 'baseline', 'groups', 'count').median).to.deep.equal(shown(3));
  });

  it('takes the latest answer to an item when a wave asked it twice', () => {
    const histories = [1, 2, 3, 4, 5].map((n) => {
      const c = checkIn(`c${n}`, 'wave', 'baseline');
      const h = give(emptyHistory(`c${n}`), c, { groups: 9 });
      return { ...h, responses: [...h.responses, response(c, 'groups', 'count', n, null, { answeredAt: '2026-01-06T10:00:00.000Z' })] };
    });
    const summary = waveSummary(
      programme,
      histories.map((h) => client(h.clientId)),
      histories,
    );
    expect(measure(summary, 'baseline', 'groups', 'count').median).to.deep.equal(shown(3));
  });

  it('counts group sessions over the programme and hides small cells and any cell that would give them away', () => {
    const histories: ClientHistory[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
      ...emptyHistory(`c${n}`),
      // Six went (two sessions each, the first three giving transport the first time); two did not go, giving cost.
      attendance:
        n <= 6
          ? [session('walk', '2026-02-02', 'went', n <= 3 ? ['transport'] : []), session('walk', '2026-02-09', 'went')]
          : [session('walk', '2026-02-02', 'didnt', ['cost', 'cost'])],
    }));
    const summary = waveSummary(
      programme,
      histories.map((h) => client(h.clientId)),
      histories,
    );
    const a = summary.attendance;
    expect(a.clients).to.deep.equal(shown(8));
    // 12 + 2 sessions; didn't (2 clients) is hidden, and so is went (12), else 14 - 12 - 0 would give it.
    expect([a.sessions, a.went, a.didnt, a.unknown]).to.deep.equal([shown(14), hidden, hidden, shown(0)]);
    const barrier = (id: string) => a.barriers.find((b) => b.barrierId === id)!;
    expect(barrier('transport')).to.deep.equal({ barrierId: 'transport', sessions: hidden, clients: hidden });
    // Cost was given for 2 sessions (once each), by 2 clients.
    expect(barrier('cost')).to.deep.equal({ barrierId: 'cost', sessions: hidden, clients: hidden });
    expect(barrier('caring')).to.deep.equal({ barrierId: 'caring', sessions: shown(0), clients: shown(0) });
  });

  it('publishes a barrier given by 5 clients, unless the sessions without it come from 1–4 clients', () => {
    const history = (n: number, sessions: ReturnType<typeof session>[]): ClientHistory => ({ ...emptyHistory(`c${n}`), attendance: sessions });
    const histories = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      history(
        n,
        n <= 5
          ? [session('walk', '2026-02-02', 'didnt', ['transport']), session('walk', '2026-02-09', 'didnt', ['transport', 'cost'])]
          : [session('walk', '2026-02-02', 'didnt', ['cost'])],
      ),
    );
    const a = waveSummary(
      programme,
      histories.map((h) => client(h.clientId)),
      histories,
    ).attendance;
    // Transport: 10 sessions from 5 clients; the 2 sessions without it come from 2 clients, so 12 - 10 would give them away.
    expect(a.barriers.find((b) => b.barrierId === 'transport')).to.deep.equal({ barrierId: 'transport', sessions: hidden, clients: hidden });
    // Cost: 7 sessions from 7 clients; the 5 without it come from 5 clients.
    expect(a.barriers.find((b) => b.barrierId === 'cost')).to.deep.equal({ barrierId: 'cost', sessions: shown(7), clients: shown(7) });
    expect([a.sessions, a.didnt]).to.deep.equal([shown(12), shown(12)]);
  });
});

describe('readWaveSummary', () => {
  it('reads each client history in turn, one at a time, and summarises them', async () => {
    const { clients, histories } = cohort([9, 3, 7, 5, 6, 4].map((ucla3) => ({ baseline: { ucla3 }, 'week-8': { ucla3: ucla3 - 1 } })));
    let reading = 0;
    let most = 0;
    const repository = {
      async history(clientId: string) {
        reading += 1;
        most = Math.max(most, reading);
        await new Promise((resolve) => setImmediate(resolve));
        reading -= 1;
        return histories.find((h) => h.clientId === clientId)!;
      },
    };
    const read = await readWaveSummary(programme, clients, repository);
    expect(most).to.equal(1);
    // Baseline sorted 3 4 5 6 7 9: median (5 + 6) / 2; q1 at rank 2.25: 4 + 0.25; q3 at rank 4.75: 6 + 0.75.
    const baseline = measure(read, 'baseline', 'ucla3', 'score');
    expect([baseline.n, baseline.median, baseline.q1, baseline.q3]).to.deep.equal([shown(6), shown(5.5), shown(4.25), shown(6.75)]);
    // Week 8 sorted 2 3 4 5 6 8: median (4 + 5) / 2; q1 3 + 0.25; q3 5 + 0.75.
    const week8 = measure(read, 'week-8', 'ucla3', 'score');
    expect([week8.n, week8.median, week8.q1, week8.q3]).to.deep.equal([shown(6), shown(4.5), shown(3.25), shown(5.75)]);
    expect(week8.change).to.deep.equal({ n: shown(6), median: shown(-1) });
  });
});
