import { expect } from 'chai';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { riskCorpus, unusedAccepted, type RiskGroup } from './riskCorpus.js';
import { FALSE_ALARM_LIMIT, MUST_CATCH, MUST_NOT_ALARM, runRiskCorpus } from './riskCorpusRun.js';

const report = runRiskCorpus(riskCorpus, defaultRiskLexicon);

describe('screenMessage over the risk corpus', () => {
  it('holds at least 320 labelled messages in every group', () => {
    expect(riskCorpus.length).to.be.at.least(320);
    const groups: RiskGroup[] = ['explicit', 'misspelt', 'text-speak', 'indirect', 'negated', 'reported', 'idiom', 'abuse', 'crisis', 'ordinary'];
    for (const group of groups) expect(riskCorpus.filter((e) => e.group === group).length, group).to.be.at.least(15);
    expect(new Set(riskCorpus.map((e) => e.text)).size, 'no message twice').to.equal(riskCorpus.length);
    expect(unusedAccepted, 'accepted differences for messages not in the corpus').to.deep.equal([]);
  });

  it(`raises urgent for every explicit and misspelt statement (${MUST_CATCH.join(', ')})`, () => {
    const missed = report.results.filter((r) => MUST_CATCH.includes(r.group) && r.label === 'urgent' && r.got !== 'urgent');
    expect(missed.map((r) => r.text)).to.deep.equal([]);
    expect(report.mustCatch.total).to.be.at.least(60);
  });

  it(`raises urgent on under ${FALSE_ALARM_LIMIT * 100}% of ordinary replies and idioms (${MUST_NOT_ALARM.join(', ')})`, () => {
    expect(report.falseAlarms.rate).to.be.below(FALSE_ALARM_LIMIT);
  });

  for (const group of new Set(report.results.map((r) => r.group))) {
    describe(group, () => {
      for (const r of report.results.filter((e) => e.group === group)) {
        const expected = r.accepted ? r.accepted.tier : r.label;
        const why = r.accepted ? ` (on purpose: ${r.accepted.why})` : '';
        it(`gives ${JSON.stringify(r.text)} ${expected ?? 'no alert'}${why}`, () => {
          expect(r.got, `categories ${r.categories.join(', ')}`).to.equal(expected);
        });
      }
    });
  }
});
