import { DateTime } from 'luxon';
import type { AlertRecord, CheckInRecord, ClientRecord, ItemResponseRecord, NoteRecord, ScoreRecord } from '../../../storage/records.js';
import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import type { Programme } from '../../config/programmeSchema.js';
import { contactRoleLabel, SCORE_REASONS, tierLabel } from '../alertInbox.js';
import type { SignedIn } from '../staffSessions.js';
import { ago, localTime } from '../timeText.js';
import { escalationCell, stateBadge, tierBadge } from './alertInboxPage.js';
import { csrfField, html, type SafeHtml, staffLayout } from './layout.js';

/** One check-in with what was answered and scored in it. */
export interface AnsweredCheckIn {
  checkIn: CheckInRecord;
  responses: ItemResponseRecord[];
  scores: ScoreRecord[];
}

/** What raised the alert (and anything that would have raised it again while it was open). */
export type TriggerView =
  | { kind: 'message'; at: string; channel: string; note: NoteRecord | undefined }
  | { kind: 'score'; at: string; reason: string; checkIn: AnsweredCheckIn | undefined };

export interface AlertPageOptions {
  programme: Pick<Programme, 'name' | 'timezone' | 'crisisContacts' | 'linkWorkers'>;
  instruments: ReadonlyMap<string, Instrument>;
  signedIn: SignedIn;
  now: DateTime;
  alert: AlertRecord;
  client: ClientRecord | undefined;
  triggers: TriggerView[];
  recentCheckIns: AnsweredCheckIn[];
  recentNotes: NoteRecord[];
  /** Just done (after the redirect): said once at the top. */
  done?: 'acknowledged' | 'resolved' | undefined;
  /** The resolve form was sent without a note: the message, and what was typed. */
  problem?: { message: string; note: string } | undefined;
}

/** One alert: what raised it, what the client said lately, how to reach them, the actions and the audit trail. */
export function alertPage(o: AlertPageOptions): string {
  const { alert, client } = o;
  const zone = o.programme.timezone;
  const who = client?.name ?? `someone not enrolled (${alert.fromPhone ?? 'number unknown'})`;
  return staffLayout({
    title: `${o.problem ? 'Error: ' : ''}${tierLabel(alert.tier)} alert ${alert.code}`,
    programmeName: o.programme.name,
    signedIn: o.signedIn,
    current: '/staff/alerts',
    body: html`<div class="alerts-page"><p><a href="/staff/alerts">Back to all alerts</a></p>
<h1>${tierLabel(alert.tier)} alert about ${who}</h1>
${
  o.problem &&
  html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul><li><a href="#resolution-note">${o.problem.message}</a></li></ul>
</div>`
}
${o.done && html`<div class="notice" role="status"><p>${o.done === 'acknowledged' ? 'You acknowledged this alert: it will not be escalated further.' : 'You resolved this alert.'}</p></div>`}
<dl class="alert-facts">
  <dt>Tier</dt><dd>${tierBadge(alert.tier)}</dd>
  <dt>State</dt><dd>${stateBadge(alert.state)}</dd>
  <dt>About</dt><dd>${alert.categories.join(', ') || 'Not given'}</dd>
  <dt>Raised</dt><dd><time datetime="${alert.createdAt}">${localTime(alert.createdAt, zone)}</time> (${ago(DateTime.fromISO(alert.createdAt), o.now)})</dd>
  <dt>With</dt><dd>${escalationCell(alert, zone)}</dd>
  <dt>Code</dt><dd>${alert.code} <span class="hint">(staff can also reply ACK ${alert.code} by text)</span></dd>
</dl>

<h2>What raised it</h2>
${o.triggers.map((t, i) => triggerView(t, i, o))}

${actions(o)}

<h2>Contact details</h2>
${contactDetails(o)}

<h2>Recent answers</h2>
${o.recentCheckIns.length === 0 ? html`<p>No check-in answers in the last two months.</p>` : o.recentCheckIns.map((c) => checkInTable(c, o.instruments, zone))}

<h2>Recent messages</h2>
${
  o.recentNotes.length === 0
    ? html`<p>No messages in the last two months.</p>`
    : html`<ul class="messages">${o.recentNotes.map((n) => html`<li><time datetime="${n.createdAt}">${localTime(n.createdAt, zone)}</time> (${channelLabel(n.channel)}): <q>${n.text}</q></li>`)}</ul>`
}

<h2>Audit trail</h2>
${auditTrail(alert, zone)}</div>`,
  });
}

function triggerView(t: TriggerView, index: number, o: AlertPageOptions): SafeHtml {
  const zone = o.programme.timezone;
  const when = html`<time datetime="${t.at}">${localTime(t.at, zone)}</time>`;
  const heading = index === 0 ? html`` : html`<h3>Again while open, ${when}</h3>`;
  if (t.kind === 'message') {
    if (!o.client)
      return html`${heading}<p>A text from a number that is not enrolled, ${when}. Its words are not kept: call them back on ${o.alert.fromPhone ?? 'the number they used'}.</p>`;
    return t.note
      ? html`${heading}<p>Their message (${channelLabel(t.channel)}), ${when}:</p><blockquote class="trigger-message"><p>${t.note.text}</p></blockquote>`
      : html`${heading}<p>A message (${channelLabel(t.channel)}), ${when}. Its words were not found in their history.</p>`;
  }
  return html`${heading}<p>Scores: ${SCORE_REASONS[t.reason] ?? t.reason}.</p>
${t.checkIn ? checkInTable(t.checkIn, o.instruments, zone) : html`<p>The check-in's answers were not found in their recent history.</p>`}`;
}

function actions(o: AlertPageOptions): SafeHtml {
  const { alert } = o;
  if (alert.state === 'resolved') return html``;
  const csrf = csrfField(o.signedIn);
  const problem = o.problem;
  return html`<h2>Actions</h2>
${
  alert.state === 'open' &&
  html`<form method="post" action="/staff/alerts/${alert.id}/ack" class="alert-action">
  ${csrf}
  <p>Acknowledge when you have it: escalation stops and the audit trail shows it was you.</p>
  <button type="submit">Acknowledge alert ${alert.code}</button>
</form>`
}
<form method="post" action="/staff/alerts/${alert.id}/resolve" class="alert-action" novalidate>
  ${csrf}
  <div class="${problem ? 'field field-error' : 'field'}">
    <label for="resolution-note">What was done (required to resolve)</label>
    <p class="hint" id="resolution-note-hint">For supervision: who you spoke to, what was agreed, any referral. Up to 2000 characters.</p>
    ${problem && html`<p class="error-message" id="resolution-note-error"><span class="visually-hidden">Error: </span>${problem.message}</p>`}
    <textarea id="resolution-note" name="note" rows="4" maxlength="2000" required aria-describedby="${problem ? 'resolution-note-hint resolution-note-error' : 'resolution-note-hint'}"${problem ? html` aria-invalid="true"` : ''}>${problem?.note ?? ''}</textarea>
  </div>
  <div class="actions"><button type="submit">Resolve alert ${alert.code}</button></div>
</form>`;
}

function contactDetails(o: AlertPageOptions): SafeHtml {
  const { client, alert } = o;
  const worker = client ? o.programme.linkWorkers.find((w) => w.id === client.linkWorkerId) : undefined;
  const holds = client
    ? [
        client.optedOutAt ? 'opted out of messages (STOP)' : undefined,
        client.pausedUntil && client.pausedUntil > o.now.toISO()! ? `paused until ${localTime(client.pausedUntil, o.programme.timezone)}` : undefined,
        client.consentedAt ? undefined : 'not yet agreed to check-ins',
      ].filter((h): h is string => h !== undefined)
    : [];
  return html`<dl class="contact-details">
  ${
    client
      ? html`<dt>Client</dt><dd><a href="/staff/clients/${client.id}">${client.name}</a></dd>
  <dt>Phone</dt><dd><a href="tel:${client.phone}">${client.phone}</a></dd>
  <dt>Channel</dt><dd>${channelLabel(client.channel)}${holds.length > 0 ? html` (${holds.join('; ')})` : ''}</dd>
  <dt>Link worker</dt><dd>${worker ? html`${worker.name}, <a href="tel:${worker.phone}">${worker.phone}</a>` : client.linkWorkerId}</dd>`
      : html`<dt>Phone</dt><dd>${alert.fromPhone ? html`<a href="tel:${alert.fromPhone}">${alert.fromPhone}</a>` : 'Not known'} (not enrolled)</dd>`
  }
</dl>
<h3>Crisis contacts (${o.programme.name})</h3>
${
  o.programme.crisisContacts.length === 0
    ? html`<p>None configured: 999 in an emergency.</p>`
    : html`<ul class="crisis-contacts">${o.programme.crisisContacts.map((c) => html`<li>${c.name}: ${c.phone ?? c.text ?? ''}${c.when ? html` (${c.when})` : ''}</li>`)}</ul>`
}`;
}

function checkInTable(c: AnsweredCheckIn, instruments: ReadonlyMap<string, Instrument>, zone: string): SafeHtml {
  const kind = c.checkIn.kind === 'wave' ? 'measurement wave' : c.checkIn.kind === 'on-request' ? 'asked for' : (c.checkIn.kind ?? 'check-in');
  const scores = c.scores.filter((s) => s.score !== null);
  return html`<table class="answers">
  <caption>Check-in of ${localTime(c.checkIn.startedAt, zone)} (${kind}, ${c.checkIn.status})</caption>
  <thead><tr><th scope="col">Question</th><th scope="col">Answer</th></tr></thead>
  <tbody>
    ${c.responses.length === 0 ? html`<tr><td colspan="2">No answers</td></tr>` : c.responses.map((r) => answerRow(r, instruments))}
  </tbody>
  ${scores.length > 0 && html`<tfoot>${scores.map((s) => html`<tr><th scope="row">${instruments.get(s.instrumentId)?.title ?? s.instrumentId} score</th><td>${s.score}${s.band ? ` (${s.band})` : ''}${s.flags?.length ? `: ${s.flags.join(', ')}` : ''}</td></tr>`)}</tfoot>`}
</table>`;
}

function answerRow(r: ItemResponseRecord, instruments: ReadonlyMap<string, Instrument>): SafeHtml {
  const item = instruments.get(r.instrumentId)?.items.find((i) => i.id === r.itemId);
  const option = item?.kind === 'choice' ? item.options.find((op) => op.id === r.optionId) : undefined;
  const answer =
    r.status !== 'answered'
      ? r.status === 'skipped'
        ? 'Skipped'
        : 'Not understood'
      : option
        ? `${option.label} (${r.value})`
        : String(r.value ?? r.raw ?? '');
  return html`<tr>
  <th scope="row">${item?.text ?? r.itemId} <span class="hint">${r.instrumentId} · ${r.itemId}</span></th>
  <td>${answer}${r.raw && r.raw !== String(r.value) ? html` <span class="hint">they wrote <q>${r.raw}</q></span>` : ''}${r.late ? ' (late)' : ''}</td>
</tr>`;
}

/** Everything that happened to the alert, in time order: for supervision, who and when. */
function auditTrail(alert: AlertRecord, zone: string): SafeHtml {
  const nameOf = (id: string) => {
    const contact = alert.chain.find((c) => c.id === id);
    return contact ? `${contact.name} (${contactRoleLabel(contact.role)})` : id;
  };
  const entries: Array<{ at: string; text: SafeHtml }> = [
    {
      at: alert.createdAt,
      text: html`Raised: ${tierLabel(alert.tier)}, ${alert.categories.join(', ') || 'no category'}${alert.trigger.kind === 'score' ? ' (scores)' : ' (a message)'}`,
    },
    ...(alert.notifyAt ? [{ at: alert.createdAt, text: html`Waiting for working hours: nobody told before ${localTime(alert.notifyAt, zone)}` }] : []),
    ...alert.notifications.map((n) => ({
      at: n.at,
      text:
        n.channel === 'webhook'
          ? html`Sent to the programme webhook: ${n.status}${n.attempts > 1 ? ` (attempt ${n.attempts})` : ''}`
          : html`Texted ${n.to.name} (${contactRoleLabel(n.to.role)})${n.fyi ? ' for information' : ''}: ${n.status}`,
    })),
    ...alert.escalations.map((e) => ({
      at: e.at,
      // A routine alert is not passed on for want of an acknowledgement: it becomes a flag in the list of whoever has it.
      text:
        alert.tier === 'routine' && e.reason === 'not-acknowledged'
          ? html`Flagged in the list of ${e.to.name} (${contactRoleLabel(e.to.role)}): not acknowledged in time`
          : html`Escalated to ${e.to.name} (${contactRoleLabel(e.to.role)}): ${e.reason === 'undeliverable' ? 'the text could not be delivered' : 'not acknowledged in time'}`,
    })),
    ...(alert.furtherTriggers ?? []).map((t) => ({
      at: t.at,
      text: html`Raised again while open (${t.kind === 'score' ? 'scores' : 'a message'}): added to this alert`,
    })),
    ...(alert.acknowledgedAt && alert.acknowledgedBy
      ? [
          {
            at: alert.acknowledgedAt,
            text: html`Acknowledged by ${nameOf(alert.acknowledgedBy.id)}${alert.acknowledgedBy.via === 'sms' ? ', by text' : alert.acknowledgedBy.via === 'staff-pages' ? ', on the staff pages' : ', through the admin API'}`,
          },
        ]
      : []),
    ...(alert.resolvedAt
      ? [{ at: alert.resolvedAt, text: html`Resolved by ${alert.resolvedBy ?? 'someone'}. Note: <q class="resolution-note">${alert.resolutionNote ?? ''}</q>` }]
      : []),
  ];
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return html`<ol class="audit-trail">${entries.map((e) => html`<li><time datetime="${e.at}">${localTime(e.at, zone)}</time>: ${e.text}</li>`)}</ol>`;
}

function channelLabel(channel: string): string {
  return channel === 'sms' ? 'text message' : channel === 'webchat' || channel === 'directline' ? 'web chat' : channel;
}
