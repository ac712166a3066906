import { DateTime } from 'luxon';
import type { AttendanceRecord, ClientEvent, ClientSettingChange, ItemResponseRecord, TaskRecord } from '../../../storage/records.js';
import { summariseAttendance } from '../api/attendanceRoutes.js';
import { programmeInstruments, type Programme } from '../../config/programmeSchema.js';
import { memoZone } from '../../time/memoZone.js';
import { BARRIERS } from '../../../dialogs/understanding/interpretBarrier.js';
import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import type { DirectoryGroup } from '../../care/groups/groupDirectory.js';
import type { SignedIn } from '../staffSessions.js';
import { linkWorkerName, type ClientView, type TimelineEntry } from '../clientView.js';
import { ONS4_ITEMS, ONS_LONELINESS_LABELS, waveLabel, type OutcomeRow } from '../clientViewCharts.js';
import { chart, type ChartData } from './chartData.js';
import { csrfField, html, type SafeHtml } from './layout.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A moment in the client's own zone, for people: "Mon 2 Mar 2026, 10:00". */
export function when(iso: string, zone: string): string {
  // Built by hand: luxon's toFormat costs ~0.2 ms a call, and an 18-month page has hundreds of dates.
  const d = DateTime.fromISO(iso, { zone: memoZone(zone) });
  return `${DAYS[d.weekday - 1]} ${d.day} ${MONTHS[d.month - 1]} ${d.year}, ${two(d.hour)}:${two(d.minute)}`;
}

function day(isoDate: string): string {
  const [year, month, date] = isoDate.split('-').map(Number);
  return `${date} ${MONTHS[month! - 1]} ${year}`;
}

export function summarySection(view: ClientView, programme: Programme): SafeHtml {
  const { client, dates } = view;
  const zone = client.timezone;
  const contact = client.optedOutAt
    ? html`<strong>Opted out</strong> since ${when(client.optedOutAt, zone)} (they can reply START to opt back in)`
    : client.consentedAt
      ? html`Agreed to check-ins on ${when(client.consentedAt, zone)}`
      : html`Has not agreed to check-ins yet (they reply YES to the welcome)`;
  return html`<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="client-summary">
  <dt>Link worker</dt><dd>${view.linkWorkerName}</dd>
  <dt>Phone</dt><dd>${client.phone}</dd>
  <dt>Channel</dt><dd>${client.channel === 'sms' ? 'Text message (SMS)' : 'Web chat'}${client.language ? ` · language ${client.language}` : ''}</dd>
  <dt>Consent</dt><dd>${contact}</dd>
  <dt>Pause</dt><dd>${client.pausedUntil ? html`<strong>Paused</strong> until ${when(client.pausedUntil, zone)}` : 'Not paused'}</dd>
  ${client.riskOpenSince && html`<dt>Risk</dt><dd><strong>An alert is open</strong> since ${when(client.riskOpenSince, zone)}: group reminders wait. <a href="/staff/alerts">See alerts</a></dd>`}
  ${(client.deliveryFailuresInARow ?? 0) > 0 && html`<dt>Delivery</dt><dd>${client.deliveryFailuresInARow} text messages in a row did not arrive</dd>`}
  <dt>Check-ins</dt><dd>${client.preferredDay ? `On ${client.preferredDay}s` : `On the programme's day (${programme.checkIn.day}s)`}${client.preferredTimeWindow ? `, ${client.preferredTimeWindow.start}–${client.preferredTimeWindow.end}` : ''} (${zone})</dd>
  <dt>Programme</dt><dd>${day(dates.start)} to ${day(dates.end)} (${programme.lengthWeeks} weeks)</dd>
  <dt>Measurement waves</dt><dd><ul class="inline-list">${dates.waves.map((w) => html`<li>${w.label}: ${day(w.date)}</li>`)}</ul></dd>
</dl>
</section>`;
}

// ---- Charts ----------------------------------------------------------------------------------

const n = (value: number | null) => (value === null ? '–' : String(value));

function outcomeTable(
  caption: string,
  view: ClientView,
  rows: readonly OutcomeRow[],
  columns: ReadonlyArray<{ label: string; value: (row: OutcomeRow) => string }>,
): SafeHtml {
  if (rows.length === 0) return html`<p>No answers yet.</p>`;
  return html`<details><summary>${caption} as a table</summary>
<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Check-in</th><th scope="col">Wave</th>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>${[...rows].reverse().map((row) => html`<tr data-check-in="${row.checkInId}"><td>${when(row.at, view.client.timezone)}</td><td>${row.waveId ? waveLabel(row.waveId) : ''}</td>${columns.map((c) => html`<td>${c.value(row)}</td>`)}</tr>`)}</tbody>
</table></details>`;
}

function chartBlock(id: string, title: string, description: string, data: ChartData, table: SafeHtml): SafeHtml {
  const answered = data.series.some((s) => s.points.length > 0);
  return html`<section class="chart-block" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${title}</h3>
<p class="hint">${description}</p>
${answered && chart(id, `${title} over time (numbers in the table below)`, data)}
${table}
</section>`;
}

export function chartsSection(view: ClientView): SafeHtml {
  const { rows, charts } = view;
  const has = (pick: (row: OutcomeRow) => boolean) => rows.filter(pick);
  const lonelyText = (row: OutcomeRow) => (row.onsLoneliness === null ? '–' : `${row.onsLoneliness} (${ONS_LONELINESS_LABELS[row.onsLoneliness] ?? '?'})`);
  return html`<section aria-labelledby="charts-heading">
<h2 id="charts-heading">Scores over time</h2>
<p>Dashed vertical lines mark the measurement waves. Each chart's numbers are in the table under it.</p>
${chartBlock(
  'chart-ucla3',
  'UCLA-3 loneliness',
  'Total 3–9; higher is lonelier (6–9 is commonly read as lonely).',
  charts.ucla3,
  outcomeTable(
    'UCLA-3 loneliness',
    view,
    has((r) => r.ucla3 !== null),
    [{ label: 'UCLA-3 total', value: (r) => n(r.ucla3) }],
  ),
)}
${chartBlock(
  'chart-ons-loneliness',
  'ONS loneliness',
  'How often do you feel lonely? 1 often/always, 2 some of the time, 3 occasionally, 4 hardly ever, 5 never.',
  charts.onsLoneliness,
  outcomeTable(
    'ONS loneliness',
    view,
    has((r) => r.onsLoneliness !== null),
    [{ label: 'How often lonely', value: lonelyText }],
  ),
)}
${chartBlock(
  'chart-ons4',
  'ONS4 personal wellbeing',
  'Each 0–10. Life satisfaction, worthwhile and happiness: higher is better. Anxiety: higher is worse.',
  charts.ons4,
  outcomeTable(
    'ONS4 personal wellbeing',
    view,
    has((r) => Object.values(r.ons4).some((v) => v !== null)),
    ONS4_ITEMS.map((item) => ({ label: item.label, value: (r: OutcomeRow) => n(r.ons4[item.id]) })),
  ),
)}
${chartBlock(
  'chart-k6',
  'Kessler K6',
  'Total 0–24; 13 or more is probable serious psychological distress.',
  charts.k6,
  outcomeTable(
    'Kessler K6',
    view,
    has((r) => r.k6 !== null),
    [{ label: 'K6 total', value: (r) => n(r.k6) }],
  ),
)}
</section>`;
}

// ---- Timeline --------------------------------------------------------------------------------

const instrumentsByProgramme = new WeakMap<Programme, ReadonlyMap<string, Instrument>>();

function instruments(programme: Programme): ReadonlyMap<string, Instrument> {
  let found = instrumentsByProgramme.get(programme);
  if (!found) instrumentsByProgramme.set(programme, (found = programmeInstruments(programme)));
  return found;
}

/** One answer as the link worker reads it: the item's question, the option chosen and what was typed. */
function answerLine(programme: Programme, response: ItemResponseRecord): SafeHtml {
  const instrument = instruments(programme).get(response.instrumentId);
  const item = instrument?.items.find((i) => i.id === response.itemId);
  const question = item?.text ?? `${response.instrumentId} ${response.itemId}`;
  let answer: string;
  if (response.status !== 'answered' || response.value === null) answer = response.status === 'skipped' ? 'skipped' : 'not understood';
  else if (item?.kind === 'choice') answer = `${item.options.find((o) => o.id === response.optionId)?.label ?? response.optionId ?? ''} (${response.value})`;
  else answer = String(response.value);
  return html`<li><span class="question">${question}</span> <strong>${answer}</strong>${response.raw !== null && html` <span class="said">replied “${response.raw}”</span>`}${response.late && ' (late)'}</li>`;
}

function scoreLine(
  programme: Programme,
  score: { instrumentId: string; score: number | null; band?: string | null | undefined; flags?: string[] | undefined; complete: boolean },
): SafeHtml | undefined {
  if (score.score === null) return undefined;
  const title = instruments(programme).get(score.instrumentId)?.title ?? score.instrumentId;
  return html`<li>${title}: <strong>${score.score}</strong>${score.band && ` (${score.band})`}${score.flags?.length ? html` <strong class="flag">${score.flags.join(', ')}</strong>` : ''}</li>`;
}

const KIND_LABELS: Record<string, string> = {
  routine: 'Weekly check-in',
  wave: 'Measurement wave',
  'follow-up': 'Follow-up check-in',
  'on-request': 'Check-in (asked for)',
};

function checkInEntry(programme: Programme, zone: string, entry: Extract<TimelineEntry, { kind: 'check-in' }>): SafeHtml {
  const { checkIn, parts } = entry;
  const wave = checkIn.kind === 'wave' ? checkIn.occurrenceKey?.split('|')[2] : undefined;
  const kind = `${KIND_LABELS[checkIn.kind ?? 'on-request'] ?? 'Check-in'}${wave ? `: ${waveLabel(wave)}` : ''}`;
  const scores = parts.scores.flatMap((s) => scoreLine(programme, s) ?? []);
  return html`<li class="timeline-check-in" id="check-in-${checkIn.id}">
<p class="timeline-when">${when(checkIn.startedAt, zone)}</p>
<p><strong>${kind}</strong>, ${checkIn.status}${checkIn.endedAt && checkIn.status !== 'open' ? ` (${when(checkIn.endedAt, zone)})` : ''}</p>
${scores.length > 0 && html`<ul class="scores">${scores}</ul>`}
${parts.responses.length > 0 && html`<details><summary>${parts.responses.length} answers</summary><ul class="answers">${parts.responses.map((r) => answerLine(programme, r))}</ul></details>`}
</li>`;
}

function settingValue(value: ClientSettingChange['to']): string {
  if (value === null) return 'not set';
  return typeof value === 'string' ? value : `${value.start}–${value.end}`;
}

function eventText(programme: Programme, zone: string, event: ClientEvent): SafeHtml {
  switch (event.type) {
    case 'consented':
      return html`<strong>Agreed to check-ins</strong> (${event.channel})`;
    case 'agreed-to-sharing':
      return html`<strong>Agreed that their answers go to their link worker</strong> (${event.channel})`;
    case 'opted-out':
      return html`<strong>Opted out</strong> of messages (${event.source}, ${event.channel})`;
    case 'opted-in':
      return html`<strong>Opted back in</strong> (${event.source}, ${event.channel})`;
    case 'paused':
      return html`<strong>Paused</strong> until ${when(event.until, zone)} (${event.source === 'staff' ? 'by staff' : 'by the client'})`;
    case 'resumed':
      return html`<strong>Pause ended</strong> (${event.source === 'staff' ? 'by staff' : 'by the client'})`;
    case 'delivery-problem':
      return html`<strong>A text did not arrive</strong>: ${event.problem}${event.code !== null ? ` (code ${event.code})` : ''}`;
    case 'settings-changed':
      return html`<strong>Settings changed by ${event.by}</strong><ul>${event.changes.map((c) => html`<li>${c.field}: ${settingValue(c.from)} → ${settingValue(c.to)}</li>`)}</ul>`;
    case 'chat-links-withdrawn':
      return html`<strong>Web chat links withdrawn by ${event.by}</strong>`;
    case 'handover':
      return html`<strong>Handed over by ${event.by}</strong> from ${linkWorkerName(programme, event.from)} to ${linkWorkerName(programme, event.to)}${event.clientTold ? '; the client is told' : '; the client could not be told'}
<blockquote class="note">${event.note}</blockquote>`;
  }
}

export function timelineSection(view: ClientView, programme: Programme): SafeHtml {
  const zone = view.client.timezone;
  return html`<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
${
  view.timeline.length === 0
    ? html`<p>Nothing yet.</p>`
    : html`<ol class="timeline" reversed>${view.timeline.map((entry) =>
        entry.kind === 'check-in'
          ? checkInEntry(programme, zone, entry)
          : html`<li class="timeline-event"><p class="timeline-when">${when(entry.at, zone)}</p><div>${eventText(programme, zone, entry.event)}</div></li>`,
      )}</ol>`
}
</section>`;
}

// ---- Messages, groups, tasks -----------------------------------------------------------------

export function messagesSection(view: ClientView): SafeHtml {
  const notes = [...view.history.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return html`<section aria-labelledby="messages-heading">
<h2 id="messages-heading">Messages to the link worker</h2>
${
  notes.length === 0
    ? html`<p>No messages yet.</p>`
    : html`<ul class="messages">${notes.map((note) => html`<li><p class="timeline-when">${when(note.createdAt, view.client.timezone)} · ${note.channel}${note.checkInId ? html` · <a href="#check-in-${note.checkInId}">in a check-in</a>` : ''}</p><blockquote>${note.text}</blockquote></li>`)}</ul>`
}
</section>`;
}

const barrierLabel = (id: string) => BARRIERS.find((b) => b.id === id)?.label ?? id;
const FIT = { yes: 'Felt welcome', 'a-bit': 'Felt a bit welcome', no: 'Did not feel welcome' } as const;
const ATTENDANCE = { went: 'Went', didnt: "Didn't go", unknown: 'Not known yet' } as const;

function attendanceRow(groupName: (id: string) => string, zone: string, record: AttendanceRecord): SafeHtml {
  return html`<tr>
<td>${when(record.sessionStart, zone)}</td>
<td>${groupName(record.groupId)}</td>
<td>${ATTENDANCE[record.attendance]}${record.intention === 'not-going' ? ' (said not going)' : record.intention === 'going' ? ' (said going)' : ''}</td>
<td>${record.barriers.map(barrierLabel).join(', ')}${record.barrierText && html`<br><span class="said">“${record.barrierText}”</span>`}</td>
<td>${record.howItWent && html`<span class="said">“${record.howItWent}”</span>`}${record.fit && html`<br>${FIT[record.fit]}`}${record.wantsCompany && html`<br>Would like someone to go with them`}</td>
</tr>`;
}

export function groupsSection(view: ClientView, directory: (id: string) => DirectoryGroup | undefined, form: SafeHtml): SafeHtml {
  const zone = view.client.timezone;
  const groupName = (id: string) => directory(id)?.name ?? id;
  const links = view.client.groups ?? [];
  const attendance = [...view.history.attendance].sort((a, b) => b.sessionStart.localeCompare(a.sessionStart));
  const summary = summariseAttendance(view.history.attendance, view.history.tasks);
  const barriers = Object.entries(summary.barriers).sort((a, b) => b[1] - a[1]);
  return html`<section aria-labelledby="groups-heading">
<h2 id="groups-heading">Groups</h2>
${
  links.length === 0
    ? html`<p>Not linked to any group yet.</p>`
    : html`<table><caption>Group links</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Status</th><th scope="col">Reminders</th><th scope="col">Since</th></tr></thead>
<tbody>${links.map(
        (link) => html`<tr><td>${groupName(link.groupId)}${directory(link.groupId)?.status === 'closed' && ' (closed)'}</td>
<td>${link.status}${link.stoppedBecause && ` (${link.stoppedBecause === 'not-welcome-twice' ? 'did not feel welcome twice' : 'does not want to go back'})`}</td>
<td>${link.nudge === 'off' ? 'none' : `${link.nudge === 'day-before' ? 'the day before' : 'the morning of'}${link.nudgeTime ? ` at ${link.nudgeTime}` : ''}`}</td>
<td>${when(link.since, zone)}</td></tr>`,
      )}</tbody></table>`
}
<h3>Attendance</h3>
<p>Went ${summary.went}, didn't go ${summary.didnt}, not known ${summary.unknown}. Felt welcome: yes ${summary.fit.yes}, a bit ${summary.fit['a-bit']}, no ${summary.fit.no}.${barriers.length > 0 && ` What got in the way: ${barriers.map(([id, count]) => `${barrierLabel(id)} ${count}`).join(', ')}.`}</p>
${
  attendance.length > 0 &&
  html`<table><caption>Sessions, newest first</caption>
<thead><tr><th scope="col">Session</th><th scope="col">Group</th><th scope="col">Went?</th><th scope="col">What got in the way</th><th scope="col">How it went</th></tr></thead>
<tbody>${attendance.map((record) => attendanceRow(groupName, zone, record))}</tbody></table>`
}
<h3 id="group-form-heading">Link to a group, or change a link</h3>
${form}
</section>`;
}

export function tasksSection(view: ClientView, signedIn: SignedIn, directory: (id: string) => DirectoryGroup | undefined): SafeHtml {
  const zone = view.client.timezone;
  const tasks = [...view.history.tasks].sort((a, b) => (a.state === b.state ? b.createdAt.localeCompare(a.createdAt) : a.state === 'open' ? -1 : 1));
  const KIND: Record<TaskRecord['kind'], string> = {
    accompany: 'Someone to go with them',
    'nudges-stopped': 'Reminders stopped',
    barrier: 'Follow up a barrier',
  };
  return html`<section aria-labelledby="tasks-heading">
<h2 id="tasks-heading">Tasks</h2>
${
  tasks.length === 0
    ? html`<p>No tasks.</p>`
    : html`<ul class="tasks">${tasks.map(
        (task) => html`<li class="task-${task.state}" id="task-${task.id}">
<p><strong>${KIND[task.kind]}</strong> · ${directory(task.groupId)?.name ?? task.groupId} · ${when(task.createdAt, zone)}</p>
<p id="task-${task.id}-detail">${task.detail}</p>
${
  task.state === 'open'
    ? html`<form method="post" action="/staff/clients/${view.client.id}/tasks/${task.id}/done">${csrfField(signedIn)}<button type="submit" aria-describedby="task-${task.id}-detail">Mark done</button></form>`
    : html`<p>Done${task.doneBy && ` by ${task.doneBy}`}${task.doneAt && `, ${when(task.doneAt, zone)}`}</p>`
}
</li>`,
      )}</ul>`
}
</section>`;
}
