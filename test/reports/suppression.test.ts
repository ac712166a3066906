import { expect } from 'chai';
import { reportNested, reportPartition, reportStatistic } from '../../bot/care/reports/suppression.js';
import { median, quantile } from '../../bot/care/reports/statistics.js';

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

/** Cells of a table where each client is in one cell only: the clients behind some cells are their sum. */
const disjoint = (cells: Array<{ count: number; clients: number }>) => (indexes: readonly number[]) => indexes.reduce((sum, i) => sum + cells[i]!.clients, 0);

describe('reportStatistic', () => {
  it('hides a statistic from 1–4 clients, shows one from 5, and reports nothing from none', () => {
    expect(reportStatistic(6, 4)).to.deep.equal(hidden);
    expect(reportStatistic(6, 5)).to.deep.equal(shown(6));
    expect(reportStatistic(null, 0)).to.deep.equal({ value: null, suppressed: false });
  });
});

describe('reportNested', () => {
  it('hides a count of 1–4, and one 1–4 below a published count it is part of', () => {
    expect(reportNested(4, [])).to.deep.equal(hidden);
    expect(reportNested(0, [])).to.deep.equal(shown(0));
    expect(reportNested(20, [shown(24)])).to.deep.equal(hidden);
    expect(reportNested(20, [shown(25)])).to.deep.equal(shown(20));
    expect(reportNested(20, [shown(20)])).to.deep.equal(shown(20));
    // A suppressed count above cannot be subtracted from; the published one further up can.
    expect(reportNested(20, [shown(30), hidden])).to.deep.equal(shown(20));
    expect(reportNested(20, [shown(23), hidden])).to.deep.equal(hidden);
  });
});

describe('reportPartition', () => {
  it('hides a second cell when one is small, so the total cannot give the first away', () => {
    const cells = [
      { count: 30, clients: 10 },
      { count: 9, clients: 6 },
      { count: 3, clients: 2 },
    ];
    // The smallest other cell (6 clients) goes with the small one: 8 clients between them.
    expect(reportPartition({ count: 42, clients: 18 }, cells, disjoint(cells))).to.deep.equal({ total: shown(42), cells: [shown(30), hidden, hidden] });
  });

  it('hides another cell when two small ones together still come from fewer than 5 clients', () => {
    const cells = [
      { count: 30, clients: 10 },
      { count: 2, clients: 2 },
      { count: 2, clients: 2 },
    ];
    expect(reportPartition({ count: 34, clients: 14 }, cells, disjoint(cells))).to.deep.equal({ total: shown(34), cells: [hidden, hidden, hidden] });
  });

  it('never hides an empty cell in place of a real one, and hides the total when nothing else is left', () => {
    const cells = [
      { count: 0, clients: 0 },
      { count: 3, clients: 3 },
    ];
    // Hiding the empty cell would hide nothing: 3 = 3 - 0. Hiding the total does.
    expect(reportPartition({ count: 3, clients: 3 }, cells, disjoint(cells)).total).to.deep.equal(hidden);
    const overlapping = [
      { count: 0, clients: 0 },
      { count: 12, clients: 6 },
      { count: 2, clients: 2 },
    ];
    // Cell 2's 2 clients are among cell 1's 6: hidden together they come from 6 clients, enough.
    const union = (indexes: readonly number[]) => (indexes.includes(1) ? 6 : indexes.includes(2) ? 2 : 0);
    expect(reportPartition({ count: 14, clients: 6 }, overlapping, union)).to.deep.equal({ total: shown(14), cells: [shown(0), hidden, hidden] });
  });

  it('hides every non-empty cell when the total comes from 1–4 clients', () => {
    const cells = [
      { count: 7, clients: 3 },
      { count: 0, clients: 0 },
    ];
    expect(reportPartition({ count: 7, clients: 3 }, cells, disjoint(cells))).to.deep.equal({ total: hidden, cells: [hidden, shown(0)] });
  });
});

describe('median and quantile', () => {
  const cases: Array<[number[], number, number | null]> = [
    [[], 0.5, null],
    [[4], 0.5, 4],
    [[1, 2, 10], 0.5, 2],
    [[1, 2, 3, 10], 0.5, 2.5],
    [[1, 2, 3, 10], 0.25, 1.75], // rank 1 + 3 x 0.25 = 1.75
    [[1, 2, 3, 10], 0.75, 4.75], // rank 3.25: 3 + 0.25 x 7
    [[1, 2, 3, 10], 1, 10],
  ];
  for (const [values, p, expected] of cases) {
    it(`gives ${String(expected)} as the ${p} quantile of [${values.join(', ')}]`, () => {
      expect(p === 0.5 ? median(values) : quantile(values, p)).to.equal(expected);
    });
  }
});
