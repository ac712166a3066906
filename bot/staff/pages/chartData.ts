import { html, raw, type SafeHtml } from './layout.js';

/** What charts.js draws (see bot/staff/static/charts.js). */
export interface ChartData {
  kind: 'line' | 'bar';
  yLabel?: string | undefined;
  yMin?: number | undefined;
  yMax?: number | undefined;
  /** Higher is better drawn at the top when the scale runs the other way (UCLA-3: lower is less lonely). */
  reverse?: boolean | undefined;
  /** Line: x is an ISO date; bar: x is one of `categories`. y null leaves a gap. */
  series: Array<{ label: string; points: Array<{ x: string; y: number | null }> }>;
  categories?: string[] | undefined;
  /** Vertical lines (measurement waves) on a line chart. */
  markers?: Array<{ x: string; label: string }> | undefined;
}

/**
 * A chart: the canvas charts.js draws on (labelled for screen readers) and its data as a JSON data
 * block (not script: allowed by the page's CSP). `<` is escaped so no text in the data can end the block.
 * Put the same numbers in a table beside it.
 */
export function chart(id: string, label: string, data: ChartData): SafeHtml {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return html`<div class="chart"><canvas data-chart="${id}" role="img" aria-label="${label}"></canvas></div>
<script type="application/json" id="${id}">${raw(json)}</script>`;
}
