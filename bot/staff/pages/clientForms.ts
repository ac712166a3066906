import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ClientRecord } from '../../../storage/records.js';
import { knownLinkWorker } from '../api/clientSettingsSchema.js';
import { programmeLanguages, type Programme } from '../../config/programmeSchema.js';
import { WEEKDAYS } from '../../config/scheduleSchema.js';
import type { DirectoryGroup } from '../../care/groups/groupDirectory.js';
import type { SignedIn } from '../staffSessions.js';
import { csrfField, html, raw, type SafeHtml } from './layout.js';

/** A problem with what was typed, pointing at the field (its element id) to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Which form a re-rendered page's problems and typed values belong to. */
export type FormName = 'settings' | 'reassign' | 'group';

/** What was typed into a form, by field name, shown again beside the problems. */
export type FormValues = Record<string, string>;

export interface FormState {
  form: FormName;
  values: FormValues;
  problems: FieldProblem[];
}

/** A urlencoded body's text fields (a repeated field keeps its last value). */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of names) {
    const value = source[name];
    const last = Array.isArray(value) ? value.at(-1) : value;
    values[name] = typeof last === 'string' ? last.trim() : '';
  }
  return values;
}

// ---- Settings ---------------------------------------------------------------------------------

export const SETTINGS_FIELDS = ['preferredDay', 'windowStart', 'windowEnd', 'channel', 'language', 'pausedUntil', 'endPause'] as const;

/** The settings form as it stands for a client. */
export function settingsValuesOf(client: ClientRecord): FormValues {
  return {
    preferredDay: client.preferredDay ?? '',
    windowStart: client.preferredTimeWindow?.start ?? '',
    windowEnd: client.preferredTimeWindow?.end ?? '',
    channel: client.channel,
    language: client.language ?? '',
    pausedUntil: client.pausedUntil ? DateTime.fromISO(client.pausedUntil, { zone: client.timezone }).toISODate()! : '',
    endPause: '',
  };
}

/**
 * The admin API's PATCH body for what the form changed (only fields that differ from the client's
 * settings, so an untouched field is never re-set), or undefined when nothing changed.
 */
export function settingsChangeFrom(form: FormValues, client: ClientRecord, changedBy: string): Record<string, unknown> | undefined {
  const now = settingsValuesOf(client);
  const body: Record<string, unknown> = {};
  if (form.preferredDay !== now.preferredDay) body.preferredDay = form.preferredDay || null;
  if (form.windowStart !== now.windowStart || form.windowEnd !== now.windowEnd) {
    body.preferredTimeWindow = form.windowStart || form.windowEnd ? { start: form.windowStart, end: form.windowEnd } : null;
  }
  if (form.channel !== now.channel) body.channel = form.channel;
  if (form.language !== now.language) body.language = form.language || null;
  if (form.endPause) {
    if (client.pausedUntil) body.pausedUntil = null;
  } else if (form.pausedUntil && form.pausedUntil !== now.pausedUntil) {
    body.pausedUntil = form.pausedUntil;
  }
  return Object.keys(body).length === 0 ? undefined : { changedBy, ...body };
}

const SETTINGS_FIELD_IDS: Record<string, string> = {
  preferredDay: 'settings-day',
  'preferredTimeWindow.start': 'settings-window-start',
  'preferredTimeWindow.end': 'settings-window-end',
  preferredTimeWindow: 'settings-window-start',
  channel: 'settings-channel',
  language: 'settings-language',
  pausedUntil: 'settings-paused-until',
};

/** The schema's problems (written for the API), pointed at the form's fields and worded for it. */
export function settingsProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const field = SETTINGS_FIELD_IDS[path.join('.')] ?? SETTINGS_FIELD_IDS[path[0] ?? ''] ?? 'settings-day';
    const label = path[0] === 'preferredTimeWindow' ? `Time window${path[1] ? ` ${path[1]}` : ''}` : (FIELD_LABELS[path[0] ?? ''] ?? 'Settings');
    const message = issue.message
      .replace('send null to end a pause now', 'tick "End the pause now" to end it')
      .replace(/^expected HH:mm, got $/, 'expected a time as HH:mm');
    return { field, message: `${label}: ${message}` };
  });
}

const FIELD_LABELS: Record<string, string> = {
  preferredDay: 'Check-in day',
  channel: 'Channel',
  language: 'Language',
  pausedUntil: 'Pause until',
  linkWorkerId: 'New link worker',
};

// ---- Reassign ---------------------------------------------------------------------------------

export const REASSIGN_FIELDS = ['linkWorkerId', 'note'] as const;

/** A new link worker (not the current one) and a handover note for them. */
export function reassignSchema(programme: Programme, currentId: string) {
  return z.object({
    linkWorkerId: z
      .string()
      .min(1, 'choose the new link worker')
      .pipe(knownLinkWorker(programme))
      .refine((id) => id !== currentId, 'choose a link worker other than the current one'),
    note: z.string().trim().min(1, 'write a handover note for the new link worker').max(2000, 'at most 2,000 characters'),
  });
}

export function reassignProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) =>
    issue.path[0] === 'note'
      ? { field: 'reassign-note', message: `Handover note: ${issue.message}` }
      : { field: 'reassign-worker', message: `New link worker: ${issue.message}` },
  );
}

// ---- Group link ---------------------------------------------------------------------------------

export const GROUP_FIELDS = ['groupId', 'status', 'nudge', 'nudgeTime'] as const;

const GROUP_FIELD_IDS: Record<string, string> = { groupId: 'group-group', status: 'group-status', nudge: 'group-nudge', nudgeTime: 'group-time' };
const GROUP_LABELS: Record<string, string> = { groupId: 'Group', status: 'Status', nudge: 'Reminders', nudgeTime: 'Reminder time' };

export function groupProblems(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): FieldProblem[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? 'groupId');
    return { field: GROUP_FIELD_IDS[key] ?? 'group-group', message: `${GROUP_LABELS[key] ?? 'Group'}: ${issue.message}` };
  });
}

// ---- Rendering ----------------------------------------------------------------------------------

/** The list of problems at the top of a form, each a link to its field. */
export function errorSummary(problems: readonly FieldProblem[], id: string): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="error-summary" id="${id}" role="alert" tabindex="-1" aria-labelledby="${id}-title">
  <h3 id="${id}-title">There is a problem</h3>
  <ul>${problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}</ul>
</div>`;
}

/** The problems of one field, under its label, and the attributes that tie them to the control. */
function fieldError(problems: readonly FieldProblem[], id: string): { message: SafeHtml; attrs: SafeHtml } {
  const mine = problems.filter((p) => p.field === id);
  if (mine.length === 0) return { message: html``, attrs: html`` };
  return {
    message: html`<p class="field-error" id="${id}-error">${mine.map((p) => html`<span>${p.message}</span> `)}</p>`,
    attrs: html` aria-invalid="true" aria-describedby="${id}-error"`,
  };
}

function options(choices: ReadonlyArray<{ value: string; label: string }>, selected: string): SafeHtml[] {
  return choices.map((c) => html`<option value="${c.value}"${c.value === selected ? raw(' selected') : ''}>${c.label}</option>`);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function settingsForm(signedIn: SignedIn, programme: Programme, client: ClientRecord, values: FormValues, problems: readonly FieldProblem[]): SafeHtml {
  const languages = programmeLanguages(programme);
  const day = fieldError(problems, 'settings-day');
  const start = fieldError(problems, 'settings-window-start');
  const end = fieldError(problems, 'settings-window-end');
  const channel = fieldError(problems, 'settings-channel');
  const language = fieldError(problems, 'settings-language');
  const pause = fieldError(problems, 'settings-paused-until');
  return html`<form method="post" action="/staff/clients/${client.id}/settings" class="client-form" novalidate>
${csrfField(signedIn)}
${errorSummary(problems, 'settings-problems')}
<label for="settings-day">Check-in day</label>${day.message}
<select id="settings-day" name="preferredDay"${day.attrs}>
  ${options([{ value: '', label: `The programme's day (${capitalised(programme.checkIn.day)})` }, ...WEEKDAYS.map((d) => ({ value: d, label: capitalised(d) }))], values.preferredDay ?? '')}
</select>
<fieldset>
  <legend>Preferred time window (leave both empty for the programme's time)</legend>
  <p class="hint" id="settings-window-hint">Check-ins start at the start of the window. It must be outside quiet hours (${programme.quietHours.start}–${programme.quietHours.end}).</p>
  <label for="settings-window-start">From (HH:mm)</label>${start.message}
  <input type="time" id="settings-window-start" name="windowStart" value="${values.windowStart ?? ''}" aria-describedby="settings-window-hint"${start.attrs}>
  <label for="settings-window-end">Until (HH:mm)</label>${end.message}
  <input type="time" id="settings-window-end" name="windowEnd" value="${values.windowEnd ?? ''}"${end.attrs}>
</fieldset>
<label for="settings-channel">Channel</label>${channel.message}
<select id="settings-channel" name="channel"${channel.attrs}>
  ${options(
    [
      { value: 'sms', label: 'Text message (SMS)' },
      { value: 'webchat', label: 'Web chat' },
    ],
    values.channel ?? client.channel,
  )}
</select>
${
  languages.length > 1
    ? html`<label for="settings-language">Language</label>${language.message}
<select id="settings-language" name="language"${language.attrs}>
  ${options([{ value: '', label: `The programme's own (${programme.language})` }, ...languages.slice(1).map((l) => ({ value: l, label: l }))], values.language ?? '')}
</select>`
    : html`<input type="hidden" name="language" value="${values.language ?? ''}">`
}
<fieldset>
  <legend>Pause</legend>
  <label for="settings-paused-until">Pause messages until (the day they may start again)</label>${pause.message}
  <p class="hint" id="settings-pause-hint">Leave empty to keep things as they are.</p>
  <input type="date" id="settings-paused-until" name="pausedUntil" value="${values.pausedUntil ?? ''}" aria-describedby="settings-pause-hint"${pause.attrs}>
  ${
    client.pausedUntil &&
    html`<div class="checkbox"><input type="checkbox" id="settings-end-pause" name="endPause" value="yes"${values.endPause ? raw(' checked') : ''}>
  <label for="settings-end-pause">End the pause now</label></div>`
  }
</fieldset>
<div class="actions"><button type="submit">Save settings</button></div>
</form>`;
}

export function reassignForm(signedIn: SignedIn, programme: Programme, client: ClientRecord, values: FormValues, problems: readonly FieldProblem[]): SafeHtml {
  const worker = fieldError(problems, 'reassign-worker');
  const note = fieldError(problems, 'reassign-note');
  const others = programme.linkWorkers.filter((w) => w.id !== client.linkWorkerId);
  return html`<form method="post" action="/staff/clients/${client.id}/reassign" class="client-form" novalidate>
${csrfField(signedIn)}
${errorSummary(problems, 'reassign-problems')}
<p class="hint">The client is sent the new link worker's name (after quiet hours, if it is night for them).</p>
<label for="reassign-worker">New link worker</label>${worker.message}
<select id="reassign-worker" name="linkWorkerId"${worker.attrs}>
  ${options([{ value: '', label: 'Choose…' }, ...others.map((w) => ({ value: w.id, label: w.name }))], values.linkWorkerId ?? '')}
</select>
<label for="reassign-note">Handover note for the new link worker</label>${note.message}
<textarea id="reassign-note" name="note" rows="5"${note.attrs}>${values.note ?? ''}</textarea>
<div class="actions"><button type="submit">Reassign</button></div>
</form>`;
}

export function groupForm(
  signedIn: SignedIn,
  client: ClientRecord,
  groups: readonly DirectoryGroup[],
  values: FormValues,
  problems: readonly FieldProblem[],
): SafeHtml {
  const group = fieldError(problems, 'group-group');
  const status = fieldError(problems, 'group-status');
  const nudge = fieldError(problems, 'group-nudge');
  const time = fieldError(problems, 'group-time');
  return html`<form method="post" action="/staff/clients/${client.id}/groups" class="client-form" novalidate>
${csrfField(signedIn)}
${errorSummary(problems, 'group-problems')}
<label for="group-group">Group</label>${group.message}
<select id="group-group" name="groupId"${group.attrs}>
  ${options([{ value: '', label: 'Choose…' }, ...groups.map((g) => ({ value: g.id, label: g.status === 'running' ? g.name : `${g.name} (${g.status})` }))], values.groupId ?? '')}
</select>
<label for="group-status">Status</label>${status.message}
<select id="group-status" name="status"${status.attrs}>
  ${options(
    [
      { value: 'interested', label: 'Interested' },
      { value: 'going', label: 'Going' },
      { value: 'stopped', label: 'Stopped' },
    ],
    values.status ?? 'interested',
  )}
</select>
<label for="group-nudge">Reminders</label>${nudge.message}
<select id="group-nudge" name="nudge"${nudge.attrs}>
  ${options(
    [
      { value: 'off', label: 'None' },
      { value: 'day-before', label: 'The day before' },
      { value: 'morning-of', label: 'The morning of' },
    ],
    values.nudge ?? 'day-before',
  )}
</select>
<label for="group-time">Reminder time (HH:mm, optional)</label>${time.message}
<p class="hint" id="group-time-hint">Empty: 18:00 the day before, 09:00 the morning of.</p>
<input type="time" id="group-time" name="nudgeTime" value="${values.nudgeTime ?? ''}" aria-describedby="group-time-hint"${time.attrs}>
<div class="actions"><button type="submit">Save group link</button></div>
</form>`;
}

/** Withdraw every web chat link sent to the client so far (a lost or shared phone): confirmed by a tick. */
export function withdrawLinksForm(signedIn: SignedIn, client: ClientRecord): SafeHtml {
  return html`<form method="post" action="/staff/clients/${encodeURIComponent(client.id)}/chat-links/withdraw" class="withdraw-links">
${csrfField(signedIn)}
<p>If a link went to the wrong person, or a phone was lost or shared, stop every web chat link sent to ${client.name} so far. Chats open from those links end at once. Text messages are not affected.</p>
<p><input type="checkbox" id="withdraw-confirm" name="confirm" value="yes" required> <label for="withdraw-confirm">I understand that ${client.name} will need a new link to use web chat</label></p>
<p><button type="submit">Withdraw all web chat links</button></p>
</form>`;
}
