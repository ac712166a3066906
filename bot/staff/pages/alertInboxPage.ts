import { DateTime } from 'luxon';
import type { AlertRecord, ClientRecord } from '../../../storage/records.js';
import { contactRoleLabel, escalationState, flaggedAlerts, tierLabel, type InboxView } from '../alertInbox.js';
import type { SignedIn } from '../staffSessions.js';
import { ago, localTime } from '../timeText.js';
import { html, type SafeHtml, staffLayout } from './layout.js';

export interface AlertInboxOptions {
  programmeName: string;
  zone: string;
  signedIn: SignedIn;
  now: DateTime;
  view: InboxView;
  /** In inbox order (see inboxOrder), already only those this member of staff may see. */
  alerts: ReadonlyArray<{ alert: AlertRecord; client: ClientRecord | undefined }>;
  /** Set when only this many of the most recently resolved alerts are listed (older ones are kept, not shown). */
  resolvedCut?: number | undefined;
}

const VIEWS: ReadonlyArray<{ value: InboxView; label: string }> = [
  { value: 'active', label: 'Open and acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All alerts' },
];

/** The alerts inbox: one table, most pressing first, each row saying who has it now. */
export function alertInboxPage(options: AlertInboxOptions): string {
  const { alerts, view } = options;
  const open = alerts.filter((a) => a.alert.state === 'open').length;
  const acknowledged = alerts.filter((a) => a.alert.state === 'acknowledged').length;
  const caption = view === 'active' ? 'Alerts being dealt with, most urgent first' : view === 'resolved' ? 'Resolved alerts, most recent first' : 'All alerts';
  return staffLayout({
    title: 'Alerts',
    programmeName: options.programmeName,
    signedIn: options.signedIn,
    current: '/staff/alerts',
    body: html`<div class="alerts-page"><h1>Alerts</h1>
${view !== 'resolved' && html`<p class="alerts-summary">${open} not yet acknowledged, ${acknowledged} acknowledged and not resolved.</p>`}
${view !== 'resolved' && flagsToday(options)}
<form method="get" action="/staff/alerts" class="alerts-filter">
  <label for="alerts-show">Show</label>
  <select id="alerts-show" name="show">
    ${VIEWS.map((v) => html`<option value="${v.value}"${v.value === view ? html` selected` : ''}>${v.label}</option>`)}
  </select>
  <button type="submit">Show alerts</button>
</form>
${
  alerts.length === 0
    ? html`<p>${view === 'resolved' ? 'No resolved alerts.' : view === 'all' ? 'No alerts.' : 'No open alerts: nothing is waiting for you here.'}</p>`
    : html`<div class="table-scroll"><table class="alerts-table">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Client</th><th scope="col">Tier</th><th scope="col">About</th><th scope="col">Raised</th><th scope="col">With</th><th scope="col">State</th></tr></thead>
  <tbody>
    ${alerts.map(({ alert, client }) => row(alert, client, options))}
  </tbody>
</table></div>`
}
${options.resolvedCut !== undefined && html`<p class="hint">Resolved alerts: only the ${options.resolvedCut} most recently resolved are listed here. Every alert is kept.</p>`}</div>`,
  });
}

function row(alert: AlertRecord, client: ClientRecord | undefined, options: AlertInboxOptions): SafeHtml {
  const who = client ? client.name : `Not enrolled (${alert.fromPhone ?? 'number unknown'})`;
  return html`<tr>
  <th scope="row">${client ? html`<a href="/staff/clients/${client.id}">${client.name}</a>` : who}</th>
  <td>${tierBadge(alert.tier)}</td>
  <td>${alert.categories.join(', ') || 'Not given'}<br><a href="/staff/alerts/${alert.id}">Open alert ${alert.code}<span class="visually-hidden"> about ${who}</span></a></td>
  <td>${ago(DateTime.fromISO(alert.createdAt), options.now)}<br><span class="hint"><time datetime="${alert.createdAt}">${localTime(alert.createdAt, options.zone)}</time></span></td>
  <td>${escalationCell(alert, options.zone)}</td>
  <td>${stateBadge(alert.state)}</td>
</tr>`;
}

/** Routine alerts nobody acknowledged by the next working day: the flags in this person's list today. */
function flagsToday(options: AlertInboxOptions): SafeHtml | '' {
  const flags = flaggedAlerts(options.alerts);
  if (flags.length === 0) return '';
  const today = options.now.setZone(options.zone).toFormat('cccc d LLLL');
  return html`<section class="alert-flags" aria-labelledby="flags-title">
  <h2 id="flags-title">Flags for today, ${today}</h2>
  <p>Routine alerts nobody has acknowledged since an earlier working day. Acknowledge each once you have it in hand.</p>
  <ul>${flags.map(({ alert, client }) => html`<li><a href="/staff/alerts/${alert.id}">${client?.name ?? 'Not enrolled'}: ${alert.categories.join(', ') || 'routine alert'} (alert ${alert.code})</a>, raised ${localTime(alert.createdAt, options.zone)}</li>`)}</ul>
</section>`;
}

/** The tier in words with a marker, never by colour alone. */
export function tierBadge(tier: AlertRecord['tier']): SafeHtml {
  const mark = tier === 'urgent' ? '!!' : tier === 'same-day' ? '!' : '·';
  return html`<span class="tier tier-${tier}"><span aria-hidden="true">${mark} </span>${tierLabel(tier)}</span>`;
}

export function stateBadge(state: AlertRecord['state']): SafeHtml {
  const label = state === 'open' ? 'Open: not acknowledged' : state === 'acknowledged' ? 'Acknowledged' : 'Resolved';
  const mark = state === 'open' ? '○' : state === 'acknowledged' ? '◐' : '✓';
  return html`<span class="alert-state alert-state-${state}"><span aria-hidden="true">${mark} </span>${label}</span>`;
}

/** Who has the alert now, how far along its chain, and when it last moved on. */
export function escalationCell(alert: AlertRecord, zone: string): SafeHtml {
  if (alert.state === 'resolved') return html`Resolved ${alert.resolvedAt ? localTime(alert.resolvedAt, zone) : ''}`;
  const state = escalationState(alert);
  const current = state.current ? html`${state.current.name} (${contactRoleLabel(state.current.role)})` : html`Nobody in its chain`;
  return html`${current}, step ${state.step} of ${state.of}
${state.lastEscalation && html`<br><span class="hint">Escalated ${localTime(state.lastEscalation.at, zone)}${state.lastEscalation.reason === 'undeliverable' ? ': text not delivered' : ': not acknowledged in time'}</span>`}
${state.escalateAt && html`<br><span class="hint">Moves on ${localTime(state.escalateAt, zone)} if not acknowledged</span>`}
${state.flagAt && html`<br><span class="hint">Flagged in their list ${localTime(state.flagAt, zone)} if not acknowledged</span>`}
${state.flaggedSince && html`<br><strong class="flag">Flagged ${localTime(state.flaggedSince, zone)}: not acknowledged in time</strong>`}
${state.waitsUntil && html`<br><span class="hint">Nobody told before ${localTime(state.waitsUntil, zone)} (working hours)</span>`}`;
}
