import { DateTime } from 'luxon';
import type { Server } from 'restify';
import type { ClientRecord } from '../../../storage/records.js';
import { byNeed, caseloadRow, HISTORY_MONTHS, LOOKBACK_WEEKS, needsLedgerBaseline, type CaseloadRow, type Need } from '../caseloadNeeds.js';
import { canSeeClient } from '../staffGuard.js';
import { sendPage } from '../staffResponses.js';
import type { SignedIn } from '../staffSessions.js';
import { ago, localDate } from '../timeText.js';
import { html, type SafeHtml, staffLayout } from './layout.js';
import { sparkline } from './sparkline.js';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/**
 * The caseload (GET /staff/caseload): a link worker's own clients, or for duty and admin everyone
 * (with a filter by link worker), most in need first. Each client's last three months of history
 * are read, never the whole of it; the baseline comes from the scheduler's ledger when it is older.
 */
export function registerCaseloadPage(server: Server, deps: StaffPagesDeps): void {
  const { page, programme } = deps;
  const baselineWaveId = programme.risk.triggers.uclaRise.baselineWaveId;

  server.get(
    '/staff/caseload',
    page(undefined, async (req, res, signedIn) => {
      const now = deps.clock.now();
      const seesAll = signedIn.staff.role !== 'link-worker';
      const wanted = seesAll && typeof req.query?.worker === 'string' ? programme.linkWorkers.find((w) => w.id === req.query.worker)?.id : undefined;
      // A link worker's own clients, or one worker's, by index; the whole programme only when asked for.
      const worker = seesAll ? wanted : signedIn.staff.linkWorkerId;
      const clients = (worker ? await deps.clients.find({ linkWorkerId: worker }) : seesAll ? await deps.clients.list() : []).filter((c) =>
        canSeeClient(signedIn.staff, c),
      );
      const ids = new Set(clients.map((c) => c.id));
      // Alerts being dealt with, by index: about these clients, or (the whole programme) every one.
      const unresolved = await deps.alerts.find({ state: 'unresolved', clientIds: worker || !seesAll ? [...ids] : undefined });
      const openAlerts = unresolved.filter((a) => a.clientId !== null && ids.has(a.clientId));
      const months = Array.from({ length: HISTORY_MONTHS }, (_, i) => now.toUTC().startOf('month').minus({ months: i }).toFormat('yyyy-LL'));
      const rows = await Promise.all(
        clients.map(async (client) => {
          const recent = await deps.history.history(client.id, months);
          const baseline = needsLedgerBaseline(recent, baselineWaveId) ? (await deps.ledger.read(client.id)).riskHistory?.baseline : undefined;
          return caseloadRow(
            { client, recent, baseline, openAlerts: openAlerts.filter((a) => a.clientId === client.id) },
            { now, lengthWeeks: programme.lengthWeeks, baselineWaveId },
          );
        }),
      );
      rows.sort(byNeed);
      const erased = req.query?.done === 'erased';
      sendPage(res, 200, caseloadPage({ signedIn, now, rows, seesAll, worker: wanted, erased }));
    }),
  );

  function caseloadPage(o: { signedIn: SignedIn; now: DateTime; rows: CaseloadRow[]; seesAll: boolean; worker: string | undefined; erased: boolean }): string {
    const workerName = (id: string) => programme.linkWorkers.find((w) => w.id === id)?.name ?? id;
    const own = o.signedIn.staff.linkWorkerId;
    const scope = o.seesAll
      ? o.worker
        ? `${workerName(o.worker)}'s clients`
        : 'Every client of the programme'
      : own
        ? `Your clients (${workerName(own)})`
        : 'Your clients';
    return staffLayout({
      title: 'Caseload',
      programmeName: programme.name,
      signedIn: o.signedIn,
      current: '/staff/caseload',
      body: html`<div class="caseload-page"><h1>Caseload</h1>
${o.erased && html`<div class="notice" role="status"><p>Everything held about that client has been erased. The erasure is recorded with your name and the time.</p></div>`}
<p>${scope}: ${o.rows.length} ${o.rows.length === 1 ? 'client' : 'clients'}, ${o.rows.filter((r) => r.needs.length > 0).length} needing attention.</p>
${
  o.seesAll &&
  html`<form method="get" action="/staff/caseload" class="caseload-filter">
  <label for="caseload-worker">Link worker</label>
  <select id="caseload-worker" name="worker">
    <option value="">All link workers</option>
    ${programme.linkWorkers.map((w) => html`<option value="${w.id}"${w.id === o.worker ? html` selected` : ''}>${w.name}</option>`)}
  </select>
  <button type="submit">Show clients</button>
</form>`
}
${
  o.rows.length === 0
    ? html`<p>No clients${o.seesAll ? '' : ' in your caseload'} yet.</p>`
    : html`<div class="table-scroll"><table class="caseload-table">
  <caption>Clients, most in need first: open alerts, gone quiet, loneliness worse, programme ending soon</caption>
  <thead><tr>
    <th scope="col">Client</th>
    ${o.seesAll && html`<th scope="col">Link worker</th>`}
    <th scope="col">Why now</th>
    <th scope="col">Last contact</th>
    <th scope="col">Check-ins answered <span class="hint">(last ${LOOKBACK_WEEKS} weeks)</span></th>
    <th scope="col">Loneliness <span class="hint">(UCLA-3, 3–9, higher is lonelier)</span></th>
    <th scope="col">Groups attended <span class="hint">(last ${LOOKBACK_WEEKS} weeks)</span></th>
  </tr></thead>
  <tbody>${o.rows.map((r) => row(r, o.now, o.seesAll ? workerName(r.client.linkWorkerId) : undefined))}</tbody>
</table></div>`
}</div>`,
    });
  }

  function row(r: CaseloadRow, now: DateTime, worker: string | undefined): SafeHtml {
    const zone = programme.timezone;
    return html`<tr>
  <th scope="row"><a href="/staff/clients/${r.client.id}">${r.client.name}</a>${holds(r.client, now)}</th>
  ${worker !== undefined && html`<td>${worker}</td>`}
  <td>${r.needs.length === 0 ? html`<span class="hint">Nothing pressing</span>` : html`<ul class="needs">${r.needs.map(needItem)}</ul>`}</td>
  <td>${r.lastContact ? html`${ago(DateTime.fromISO(r.lastContact), now)}<br><span class="hint"><time datetime="${r.lastContact}">${localDate(r.lastContact, zone)}</time></span>` : html`None in ${HISTORY_MONTHS} months`}</td>
  <td>${r.responseRate.sent === 0 ? html`<span class="hint">None sent</span>` : `${r.responseRate.answered} of ${r.responseRate.sent}`}</td>
  <td>${sparkline(
    r.ucla.map((u) => u.score),
    { min: 3, max: 9 },
    `UCLA-3 loneliness totals, oldest to newest`,
  )}</td>
  <td>${r.groupsAttended}</td>
</tr>`;
  }
}

function needItem(need: Need): SafeHtml {
  const mark = need.kind === 'alert' ? (need.tier === 'urgent' ? '!!' : '!') : need.kind === 'quiet' ? '…' : need.kind === 'worse' ? '↑' : '⏲';
  return html`<li class="need need-${need.kind}${need.kind === 'alert' ? ` need-${need.tier}` : ''}"><span aria-hidden="true">${mark} </span>${need.text}</li>`;
}

/** What holds messages back, said beside the name: why a quiet client may be quiet. */
function holds(client: ClientRecord, now: DateTime): SafeHtml {
  const notes = [
    client.optedOutAt ? 'Opted out (STOP)' : undefined,
    client.pausedUntil && client.pausedUntil > now.toISO()! ? 'Paused' : undefined,
    client.consentedAt ? undefined : 'Not yet agreed to check-ins',
  ].filter((n): n is string => n !== undefined);
  return notes.length === 0 ? html`` : html`<br><span class="hint">${notes.join('; ')}</span>`;
}
