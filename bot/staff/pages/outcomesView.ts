import type { DateTime } from 'luxon';
import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import { OFTEN_ALWAYS, type InstrumentOutcome, type OutcomeSummary, type WaveOutcome } from '../../care/reports/outcomes.js';
import { SMALL_NUMBER, type Reported } from '../../care/reports/suppression.js';
import type { SignedIn } from '../staffSessions.js';
import { attendanceFigure, barriersFigure, tableWrap, waveFigures } from './outcomesCharts.js';
import { html, staffLayout, type SafeHtml } from './layout.js';
import { measureLabel, percent, shown, signed, waveLabel, withOptionLabel } from './outcomesFormat.js';

export interface OutcomesViewInput {
  programmeName: string;
  zone: string;
  summary: OutcomeSummary;
  /** The programme's instruments, by id (titles, items, options). */
  library: ReadonlyMap<string, Instrument>;
  signedIn: SignedIn;
  /** When the summary was computed. */
  computedAt: DateTime;
}

/** The downloads, with what each holds; all are for duty and admin staff, and each download is logged. */
export const OUTCOME_DOWNLOADS = [
  {
    path: '/staff/outcomes/waves.csv',
    label: 'Wave summary (CSV)',
    about: 'the numbers in the wave tables, one row per wave, instrument and measure, small numbers suppressed',
  },
  { path: '/staff/outcomes/attendance.csv', label: 'Attendance and barriers (CSV)', about: 'the group sessions and reasons tables, small numbers suppressed' },
  {
    path: '/staff/outcomes/items.csv',
    label: 'Item-level answers (CSV)',
    about:
      'one row per answer with instrument and version, for the programme’s analyst: not suppressed, keyed by pseudonymous client id (no names or phone numbers). Keep it as you would case notes',
  },
] as const;

/** The programme outcomes page: wave tables, charts each with its table, attendance and barriers, downloads. */
export function outcomesView(input: OutcomesViewInput): string {
  const { summary } = input;
  const baseline = summary.baselineWaveId ? waveLabel(summary.baselineWaveId) : undefined;
  return staffLayout({
    title: 'Programme outcomes',
    programmeName: input.programmeName,
    signedIn: input.signedIn,
    current: '/staff/outcomes',
    charts: true,
    body: html`<h1>Programme outcomes</h1>
<p>Every client of the programme, at each measurement wave. Figures as at ${input.computedAt.setZone(input.zone).toFormat('d LLL yyyy, HH:mm')}.</p>
<p class="outcomes-note" id="suppression-note"><strong>${'<5'}</strong> means fewer than ${SMALL_NUMBER} clients, or a number that would show how
many fewer than ${SMALL_NUMBER} clients did something when taken from another on this page. It is hidden so that no one can be recognised. A dash means
there is nothing to report.</p>
<nav aria-labelledby="contents-title" class="outcomes-contents">
<h2 id="contents-title">On this page</h2>
<ul>
${summary.waves.map((w) => html`<li><a href="#wave-${w.waveId}">${waveLabel(w.waveId)}</a></li>`)}
<li><a href="#charts">Charts by wave</a></li>
<li><a href="#groups">Group attendance and what got in the way</a></li>
<li><a href="#downloads">Downloads</a></li>
</ul>
</nav>
${summary.waves.map((wave) => waveSection(wave, input.library, baseline))}
<section aria-labelledby="charts">
<h2 id="charts">Charts by wave</h2>
<p>Medians of the clients who answered in each wave; bars are left out where the number is hidden or nothing was asked.</p>
${waveFigures(summary, input.library)}
</section>
<section aria-labelledby="groups">
<h2 id="groups">Group attendance and what got in the way</h2>
${attendanceFigure(summary)}
${barriersFigure(summary)}
</section>
<section aria-labelledby="downloads">
<h2 id="downloads">Downloads</h2>
<p>Each download is recorded with who took it and when.</p>
<ul class="outcomes-downloads">
${OUTCOME_DOWNLOADS.map((d) => html`<li><a href="${d.path}" download>${d.label}</a>: ${d.about}.</li>`)}
</ul>
</section>`,
  });
}

function waveSection(wave: WaveOutcome, library: ReadonlyMap<string, Instrument>, baseline: string | undefined): SafeHtml {
  const id = `wave-${wave.waveId}`;
  const label = waveLabel(wave.waveId);
  const lonely = wave.instruments.find((i) => i.instrumentId === OFTEN_ALWAYS.instrumentId)?.oftenAlways;
  const groups = wave.instruments.find((i) => i.instrumentId === 'groups')?.measures.find((m) => m.measure === 'count');
  const hasChange = wave.instruments.some((i) => i.measures.some((m) => m.change !== null));
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${label}</h2>
<dl class="outcomes-headline">
<div><dt>Clients asked</dt><dd>${shown(wave.asked, String)}</dd></div>
${lonely && html`<div><dt>Often or always lonely</dt><dd>${shown(lonely.share, percent)}</dd></div>`}
${groups && html`<div><dt>Median number of groups</dt><dd>${shown(groups.median)}</dd></div>`}
</dl>
${
  wave.asked.value === 0
    ? html`<p>No client has been asked for this wave yet.</p>`
    : tableWrap(
        `${id}-caption`,
        html`<table class="outcomes-wave">
<caption id="${id}-caption">${label}: answers by instrument</caption>
<thead><tr>
<th scope="col">Instrument</th><th scope="col">Measure</th><th scope="col">Clients answering</th><th scope="col">With a value (n)</th>
<th scope="col">Median (IQR)</th>${hasChange && html`<th scope="col">Median change from ${baseline ?? 'baseline'} (paired n)</th>`}<th scope="col">Often/always lonely</th>
</tr></thead>
<tbody>
${wave.instruments.map((instrument) => instrumentRows(instrument, library.get(instrument.instrumentId), hasChange))}
</tbody>
</table>`,
      )
}
</section>`;
}

function instrumentRows(outcome: InstrumentOutcome, instrument: Instrument | undefined, hasChange: boolean): SafeHtml {
  const name = html`${instrument?.title ?? outcome.instrumentId}${outcome.versions.length > 0 && html` <span class="hint">(version ${outcome.versions.join(', ')})</span>`}`;
  const often = outcome.oftenAlways ? withCount(shown(outcome.oftenAlways.share, percent), outcome.oftenAlways.count, ' clients') : '';
  if (outcome.measures.length === 0) {
    return html`<tr><th scope="row">${name}</th><td>–</td><td>${shown(outcome.answered, String)}</td><td>–</td><td>–</td>${hasChange && html`<td>–</td>`}<td>${often}</td></tr>`;
  }
  return html`${outcome.measures.map((m) => {
    const median = shown(m.median, (v) => withOptionLabel(instrument, m.measure, v));
    const iqr = m.q1.value !== null && m.q3.value !== null ? ` (${shown(m.q1)}–${shown(m.q3)})` : '';
    const change = m.change ? withCount(shown(m.change.median, signed), m.change.n) : '–';
    return html`<tr><th scope="row">${name}</th><td>${measureLabel(instrument, m.measure)}</td><td>${shown(outcome.answered, String)}</td><td>${shown(m.n, String)}</td>
<td>${median}${iqr}</td>${hasChange && html`<td>${change}</td>`}<td>${m.measure === OFTEN_ALWAYS.itemId ? often : ''}</td></tr>`;
  })}`;
}

/** A statistic and, in brackets, from how many clients: just a dash when there is neither. */
function withCount(statistic: string, count: Reported, unit = ''): string {
  if (count.value === 0 && statistic === '–') return '–';
  return `${statistic} (${shown(count, String)}${unit})`;
}
