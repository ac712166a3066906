import { expect } from 'chai';
import { waveSummary } from '../../bot/care/reports/outcomes.js';
import { attendanceSummaryCsv, waveSummaryCsv } from '../../bot/care/reports/waveSummaryCsv.js';
import type { ClientHistory } from '../../storage/records.js';
import { client, cohort, demoProgramme, emptyHistory, session, type Given } from './outcomeFixtures.js';

const programme = demoProgramme();

describe('waveSummaryCsv', () => {
  it('writes one row per wave, instrument and measure, "<5" where suppressed and blank where there is nothing', () => {
    // Six at baseline (UCLA-3 3..8, ONS loneliness: five "never", one "often/always"); four of them at week 8, each 1 lower.
    const rows: Array<Record<string, Given>> = [3, 4, 5, 6, 7, 8].map((ucla3, i) => ({
      baseline: { ucla3, lonely: i === 0 ? 'often_always' : 'never' },
      ...(i < 4 ? { 'week-8': { ucla3: ucla3 - 1 } } : {}),
    }));
    const { clients, histories } = cohort(rows);
    const lines = waveSummaryCsv(waveSummary(programme, clients, histories)).split('\r\n');
    expect(lines[0]).to.equal(
      'wave_id,instrument_id,instrument_versions,measure,asked,answered,n,median,q1,q3,change_n,median_change,often_always_n,often_always_share',
    );
    const row = (waveId: string, instrumentId: string, measure = '') =>
      lines.find((l) => l.startsWith(`${waveId},${instrumentId},`) && l.split(',')[3] === measure);
    // Scores 3..8: median (5 + 6) / 2; q1 at rank 2.25: 4.25; q3 at rank 4.75: 6.75.
    expect(row('baseline', 'ucla3', 'score')).to.equal('baseline,ucla3,1,score,6,6,6,5.5,4.25,6.75,,,,');
    // Codes 1 5 5 5 5 5: median and quartiles 5. 1 of 6 "often/always": the count is small, and 5 "never" would give it away with the share.
    expect(row('baseline', 'ons-loneliness', 'lonely')).to.equal('baseline,ons-loneliness,1,lonely,6,6,6,5,5,5,,,<5,<5');
    expect(row('week-8', 'ucla3', 'score')).to.equal('week-8,ucla3,1,score,<5,<5,<5,<5,<5,<5,<5,<5,,');
    // ONS4 has no total: a row per item.
    expect(lines.filter((l) => l.startsWith('baseline,ons4,')).map((l) => l.split(',')[3])).to.deep.equal([
      'life_satisfaction',
      'worthwhile',
      'happiness',
      'anxiety',
    ]);
    expect(row('month-18', 'groups', 'count')).to.equal('month-18,groups,,count,0,0,0,,,,0,,,');
  });
});

describe('attendanceSummaryCsv', () => {
  it('writes sessions by attendance and by barrier, "<5" where suppressed', () => {
    const histories: ClientHistory[] = [1, 2, 3, 4, 5, 6].map((n) => ({
      ...emptyHistory(`c${n}`),
      attendance: [session('walk', '2026-02-02', 'went', ['transport'])],
    }));
    const text = attendanceSummaryCsv(
      waveSummary(
        programme,
        histories.map((h) => client(h.clientId)),
        histories,
      ),
    );
    const lines = text.split('\r\n');
    expect(lines.slice(0, 6)).to.deep.equal(['row,sessions,clients', 'all,6,6', 'went,6,', 'didnt,0,', 'unknown,0,', 'barrier:transport,6,6']);
    expect(lines).to.include('barrier:cost,0,0');
  });
});
