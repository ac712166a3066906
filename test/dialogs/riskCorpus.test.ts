import { expect } from 'chai';
import { defaultRiskLexicon } from '../../dialogs/safety/defaultRiskLexicon.js';
import { TIER_RANK as RANK } from '../../dialogs/safety/riskLexicon.js';
import { riskCorpus, unusedAccepted, type RiskGroup } from './riskCorpus.js';
import { FALSE_ALARM_LIMIT, MUST_CATCH, MUST_NOT_ALARM, runRiskCorpus } from './riskCorpusRun.js';

const report = runRiskCorpus(riskCorpus, defaultRiskLexicon);
const TIER_RANK: Record<string, number> = { ...RANK, none: 0 };

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
        const label = r.label;
        const meets = (got: typeof r.got) => (label === null ? got === null || got === 'routine' : TIER_RANK[got ?? 'none']! >= TIER_RANK[label]!);
        // A tier below the label is a miss; above it, a call a person makes sooner than needed (its
        // cost is counted by eval:risk). Nothing to act on may be a flag at most, never an alert.
        // A known miss (accepted) must still be exactly that miss: once fixed, its entry goes.
        const title =
          label === null ? `raises no urgent or same-day alert for ${JSON.stringify(r.text)}` : `gives ${JSON.stringify(r.text)} ${label} or sooner`;
        if (r.accepted) {
          it(`${title}, except on purpose: ${r.accepted.why} (gives ${r.accepted.tier ?? 'no alert'})`, () => {
            expect(meets(r.got), `fixed: remove its accepted entry (got ${r.got})`).to.equal(false);
            expect(r.got).to.equal(r.accepted!.tier);
          });
        } else {
          it(title, () => {
            expect(meets(r.got), `got ${r.got}, categories ${r.categories.join(', ')}`).to.equal(true);
          });
        }
      }
    });
  }
});
