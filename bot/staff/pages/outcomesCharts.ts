import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import { BARRIERS } from '../../../dialogs/understanding/interpretBarrier.js';
import type { MeasureOutcome, OutcomeSummary } from '../../care/reports/outcomes.js';
import { chart } from './chartData.js';
import { html, type SafeHtml } from './layout.js';
import { measureLabel, percent, plotted, shown, waveLabel } from './outcomesFormat.js';

/** One line of a by-wave chart: a measure of an instrument, or its share "often/always". */
export interface WaveSeries {
  instrumentId: string;
  measure: string;
  label: string;
  /** `share`: the ONS loneliness share often/always, in percent. */
  of?: 'median' | 'share';
}

/**
 * A bar chart of a statistic by wave and its table (wave by series: the value and from how many
 * clients); a series none of the waves asked is left out, and so is a chart with nothing left.
 */
export function byWaveFigure(
  summary: OutcomeSummary,
  id: string,
  title: string,
  series: readonly WaveSeries[],
  options: { yLabel: string; yMin?: number; yMax?: number },
): SafeHtml {
  const asked = series.filter((s) => summary.waves.some((w) => w.instruments.some((i) => i.instrumentId === s.instrumentId)));
  if (asked.length === 0) return html``;
  const cells = asked.map((s) =>
    summary.waves.map((wave) =>
      cellOf(
        wave.instruments.find((i) => i.instrumentId === s.instrumentId),
        s,
      ),
    ),
  );
  const categories = summary.waves.map((w) => waveLabel(w.waveId));
  const data = {
    kind: 'bar' as const,
    yLabel: options.yLabel,
    yMin: options.yMin,
    yMax: options.yMax,
    categories,
    series: asked.map((s, k) => ({ label: s.label, points: categories.map((x, w) => ({ x, y: cells[k]![w]!.y })) })),
  };
  return html`<section class="outcomes-figure" aria-labelledby="${id}-title">
<h3 id="${id}-title">${title}</h3>
${chart(id, `Bar chart: ${title}, by wave. The same numbers are in the table below.`, data)}
${tableWrap(
  `${id}-table`,
  html`<table>
<caption id="${id}-table">${title}: the numbers</caption>
<thead><tr><th scope="col">Wave</th>${asked.map((s) => html`<th scope="col">${s.label}</th><th scope="col">Clients (n)</th>`)}</tr></thead>
<tbody>${categories.map((label, w) => html`<tr><th scope="row">${label}</th>${asked.map((_, k) => html`<td>${cells[k]![w]!.text}</td><td>${cells[k]![w]!.n}</td>`)}</tr>`)}</tbody>
</table>`,
)}
</section>`;
}

function cellOf(instrument: OutcomeSummary['waves'][number]['instruments'][number] | undefined, s: WaveSeries): { y: number | null; text: string; n: string } {
  if (!instrument) return { y: null, text: 'not asked', n: '–' };
  const measure: MeasureOutcome | undefined = instrument.measures.find((m) => m.measure === s.measure);
  if (s.of === 'share') {
    const share = instrument.oftenAlways?.share;
    if (!share || !measure) return { y: null, text: '–', n: '–' };
    return { y: share.value === null || share.suppressed ? null : Math.round(share.value * 100), text: shown(share, percent), n: shown(measure.n, String) };
  }
  if (!measure) return { y: null, text: '–', n: '–' };
  return { y: plotted(measure.median), text: shown(measure.median), n: shown(measure.n, String) };
}

/** Group sessions by what happened (went, didn't, not known): chart and table. */
export function attendanceFigure(summary: OutcomeSummary): SafeHtml {
  const a = summary.attendance;
  const rows = [
    { label: 'Went', sessions: a.went },
    { label: "Didn't go", sessions: a.didnt },
    { label: 'Not known', sessions: a.unknown },
  ];
  const data = {
    kind: 'bar' as const,
    yLabel: 'Sessions',
    yMin: 0,
    categories: rows.map((r) => r.label),
    series: [{ label: 'Group sessions', points: rows.map((r) => ({ x: r.label, y: plotted(r.sessions) })) }],
  };
  return html`<section class="outcomes-figure" aria-labelledby="attendance-title">
<h3 id="attendance-title">Group attendance</h3>
<p>Group sessions clients were nudged about or asked after, over the whole programme (a session belongs to no wave).</p>
${tableWrap(
  'attendance-table',
  html`<table>
<caption id="attendance-table">Group sessions by what happened</caption>
<thead><tr><th scope="col">Sessions</th><th scope="col">Number</th></tr></thead>
<tbody>
<tr><th scope="row">All sessions</th><td>${shown(a.sessions, String)}</td></tr>
${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${shown(r.sessions, String)}</td></tr>`)}
<tr><th scope="row">Clients with at least one session</th><td>${shown(a.clients, String)}</td></tr>
</tbody>
</table>`,
)}
${chart('attendance-chart', 'Bar chart: group sessions by what happened. The same numbers are in the table above.', data)}
</section>`;
}

/** What got in the way of going to a group: sessions and clients per barrier, chart and table. */
export function barriersFigure(summary: OutcomeSummary): SafeHtml {
  const labels = new Map<string, string>(BARRIERS.map((b) => [b.id, b.label]));
  const rows = summary.attendance.barriers.map((b) => ({ ...b, label: labels.get(b.barrierId) ?? b.barrierId }));
  const data = {
    kind: 'bar' as const,
    yLabel: 'Sessions',
    yMin: 0,
    categories: rows.map((r) => r.label),
    series: [{ label: 'Sessions missed for this reason', points: rows.map((r) => ({ x: r.label, y: plotted(r.sessions) })) }],
  };
  return html`<section class="outcomes-figure" aria-labelledby="barriers-title">
<h3 id="barriers-title">What got in the way</h3>
<p>A session can have more than one reason, so these do not add up to the sessions missed.</p>
${tableWrap(
  'barriers-table',
  html`<table>
<caption id="barriers-table">Reasons given for missing or declining a group</caption>
<thead><tr><th scope="col">Reason</th><th scope="col">Sessions</th><th scope="col">Clients</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${shown(r.sessions, String)}</td><td>${shown(r.clients, String)}</td></tr>`)}</tbody>
</table>`,
)}
${chart('barriers-chart', 'Bar chart: sessions missed for each reason. The same numbers are in the table above.', data)}
</section>`;
}

/** A table that scrolls sideways on its own (at 200% zoom), reachable and scrollable by keyboard. */
export function tableWrap(captionId: string, table: SafeHtml): SafeHtml {
  return html`<div class="outcomes-table" role="region" aria-labelledby="${captionId}" tabindex="0">${table}</div>`;
}

/** The by-wave charts the page shows: loneliness (UCLA-3, ONS), wellbeing (ONS4) and groups. */
export function waveFigures(summary: OutcomeSummary, library: ReadonlyMap<string, Instrument>): SafeHtml {
  const ons4 = library.get('ons4');
  return html`${byWaveFigure(summary, 'ucla3-chart', 'Median UCLA-3 loneliness score', [{ instrumentId: 'ucla3', measure: 'score', label: 'Median score (3–9, higher is lonelier)' }], { yLabel: 'UCLA-3 score', yMin: 3, yMax: 9 })}
${byWaveFigure(summary, 'lonely-chart', 'Often or always lonely (ONS)', [{ instrumentId: 'ons-loneliness', measure: 'lonely', label: 'Often/always lonely (%)', of: 'share' }], { yLabel: '% of those answering', yMin: 0, yMax: 100 })}
${byWaveFigure(
  summary,
  'ons4-chart',
  'Median ONS4 personal wellbeing',
  (ons4?.items ?? []).map((item) => ({
    instrumentId: 'ons4',
    measure: item.id,
    label: item.id === 'anxiety' ? 'Anxiety (0–10, lower is better)' : `${measureLabel(ons4, item.id)} (0–10)`,
  })),
  { yLabel: 'Score 0–10', yMin: 0, yMax: 10 },
)}
${byWaveFigure(summary, 'groups-chart', 'Median number of groups', [{ instrumentId: 'groups', measure: 'count', label: 'Median number of groups' }], { yLabel: 'Groups', yMin: 0 })}`;
}
