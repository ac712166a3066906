import { html, type SafeHtml } from './layout.js';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 3;

/**
 * A small inline SVG line of scores on a fixed scale (so two clients' lines compare), with the
 * numbers in its accessible name: a screen reader hears the values, not "image".
 */
export function sparkline(values: readonly number[], scale: { min: number; max: number }, label: string): SafeHtml {
  if (values.length === 0) return html`<span class="hint">No scores yet</span>`;
  const name = `${label}: ${values.join(', ')}`;
  const x = (i: number) => (values.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((Math.min(Math.max(v, scale.min), scale.max) - scale.min) * (HEIGHT - 2 * PAD)) / (scale.max - scale.min || 1);
  const points = values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ');
  const last = values.length - 1;
  return html`<svg class="sparkline" role="img" aria-label="${name}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" focusable="false"><title>${name}</title><polyline points="${points}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/><circle cx="${round(x(last))}" cy="${round(y(values[last]!))}" r="2.5" fill="currentColor"/></svg>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
