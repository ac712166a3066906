import type { Request, Server } from 'restify';
import type { ClientRecord } from '../../../storage/records.js';
import { setLink } from '../api/groupRoutes.js';
import { groupLinkBodySchema } from '../api/groupRoutesSchema.js';
import { clientSettingsChangeSchema, zoneAfterChange } from '../api/clientSettingsSchema.js';
import { notFound } from '../../platform/http/httpError.js';
import { memoZone } from '../../time/memoZone.js';
import { nextAllowed } from '../../time/quietHours.js';
import { clientView, linkWorkerName } from '../clientView.js';
import { clientCharts, outcomeRows, partsByCheckIn, waveMarkers } from '../clientViewCharts.js';
import { canSeeClient } from '../staffGuard.js';
import { redirect, sendJson, sendPage } from '../staffResponses.js';
import { ownValue } from '../../platform/http/ownValue.js';
import type { SignedIn } from '../staffSessions.js';
import {
  formValues,
  GROUP_FIELDS,
  groupForm,
  groupProblems,
  reassignForm,
  withdrawLinksForm,
  reassignProblems,
  reassignSchema,
  REASSIGN_FIELDS,
  settingsChangeFrom,
  SETTINGS_FIELDS,
  settingsForm,
  settingsProblems,
  settingsValuesOf,
  type FormName,
  type FormState,
} from './clientForms.js';
import { chartsSection, groupsSection, messagesSection, summarySection, tasksSection, timelineSection } from './clientSections.js';
import { clientDataSection } from './clientDataPages.js';
import { html, staffLayout } from './layout.js';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/** What a redirect back to the page says happened (`?done=`). */
const NOTICES: Record<string, (client: ClientRecord, deps: StaffPagesDeps) => string> = {
  settings: () => 'Settings saved. The change is in the timeline.',
  'no-change': () => 'Nothing was changed: the settings were already as given.',
  group: () => 'Group link saved.',
  'group-same': () => 'The group link was already set like that: nothing changed.',
  task: () => 'Task marked done.',
  'task-already': () => 'That task had already been marked done.',
  'links-withdrawn': (client) =>
    `Every web chat link sent to ${client.name} so far has stopped working, and any chat open from one has ended. Send a new link if they still need one.`,
  'links-not-withdrawn': () => 'Nothing was withdrawn: tick the box to confirm, then press the button again.',
  'reassigned-now': (client, deps) =>
    `Reassigned to ${linkWorkerName(deps.programme, client.linkWorkerId)}. ${client.name} has been sent their new link worker's name.`,
  'reassigned-later': (client, deps) =>
    `Reassigned to ${linkWorkerName(deps.programme, client.linkWorkerId)}. It is quiet hours for ${client.name}: they will be sent their new link worker's name when quiet hours end (${deps.programme.quietHours.end} their time).`,
  'reassigned-untold': (client, deps) =>
    `Reassigned to ${linkWorkerName(deps.programme, client.linkWorkerId)}. ${client.name} could not be sent a message (opted out, or no conversation yet): please tell them yourself.`,
};

/**
 * The client page for staff: summary, score charts with wave markers, timeline, messages to the
 * link worker, groups and attendance, tasks, and forms to change settings, group links and the link
 * worker. A link worker sees only their own clients; anyone else's is "not found", as if absent.
 */
export function registerClientPage(server: Server, deps: StaffPagesDeps): void {
  const { page } = deps;

  const visibleClient = async (req: Request, signedIn: SignedIn): Promise<ClientRecord> => {
    const client = await deps.clients.get(String(req.params.id));
    // The same answer for "no such client" and "not yours": a link worker learns nothing of others' caseloads.
    if (!client || !canSeeClient(signedIn.staff, client)) throw notFound('Client');
    return client;
  };
  const back = (client: ClientRecord, done: string, anchor: string) => `/staff/clients/${encodeURIComponent(client.id)}?done=${done}#${anchor}`;

  server.get(
    '/staff/clients/:id',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const done = String((req.query as Record<string, unknown> | undefined)?.done ?? '');
      sendPage(res, 200, await renderClientPage(deps, signedIn, client, { notice: ownValue(NOTICES, done)?.(client, deps) }));
    }),
  );

  server.get(
    '/staff/clients/:id/chart-data.json',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const history = await deps.history.history(client.id);
      sendJson(res, 200, clientCharts(outcomeRows(history.checkIns, partsByCheckIn(history)), waveMarkers(history.checkIns)));
    }),
  );

  server.post(
    '/staff/clients/:id/settings',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const values = formValues(req.body, SETTINGS_FIELDS);
      const body = settingsChangeFrom(values, client, signedIn.staff.name);
      if (!body) return redirect(res, back(client, 'no-change', 'settings-heading'));
      const schema = clientSettingsChangeSchema(deps.programme, { now: deps.clock.now(), zone: zoneAfterChange(body, client.timezone) });
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const state: FormState = { form: 'settings', values, problems: settingsProblems(parsed.error.issues) };
        sendPage(res, 400, await renderClientPage(deps, signedIn, client, { state }));
        return;
      }
      const result = await deps.settings.change(client.id, parsed.data);
      if (!result) throw notFound('Client');
      if (result.changes.length === 0) return redirect(res, back(client, 'no-change', 'settings-heading'));
      // Field names only: the values can say where someone lives or when they are away.
      deps.log.info('client settings changed', { clientId: client.id, staffId: signedIn.staff.id, fields: result.changes.map((c) => c.field) });
      deps.clientChanged.emit(client.id);
      redirect(res, back(client, 'settings', 'settings-heading'));
    }),
  );

  server.post(
    '/staff/clients/:id/groups',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const values = formValues(req.body, GROUP_FIELDS);
      const group = values.groupId ? deps.groups.get(values.groupId) : undefined;
      const parsed = groupLinkBodySchema.safeParse({
        status: values.status,
        nudge: values.nudge,
        ...(values.nudgeTime ? { nudgeTime: values.nudgeTime } : {}),
        changedBy: signedIn.staff.name,
      });
      const problems = parsed.success ? [] : groupProblems(parsed.error.issues);
      if (!group) problems.unshift({ field: 'group-group', message: 'Group: choose a group' });
      else if (group.status === 'closed' && values.status !== 'stopped') {
        problems.unshift({ field: 'group-status', message: `Status: ${group.name} is closed, so the link can only be "stopped"` });
      }
      if (!group || !parsed.success || problems.length > 0) {
        sendPage(res, 400, await renderClientPage(deps, signedIn, client, { state: { form: 'group', values, problems } }));
        return;
      }
      const result = await setLink({ clients: deps.clients, history: deps.history, clock: deps.clock }, client.id, group.id, parsed.data);
      if (!result) throw notFound('Client');
      if (result.change) {
        deps.log.info('client group link changed', { clientId: client.id, groupId: group.id, staffId: signedIn.staff.id });
        deps.clientChanged.emit(client.id);
      }
      redirect(res, back(client, result.change ? 'group' : 'group-same', 'groups-heading'));
    }),
  );

  server.post(
    '/staff/clients/:id/reassign',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const values = formValues(req.body, REASSIGN_FIELDS);
      const parsed = reassignSchema(deps.programme, client.linkWorkerId).safeParse(values);
      if (!parsed.success) {
        const state: FormState = { form: 'reassign', values, problems: reassignProblems(parsed.error.issues) };
        sendPage(res, 400, await renderClientPage(deps, signedIn, client, { state }));
        return;
      }
      const by = signedIn.staff.name;
      const result = await deps.settings.change(client.id, { changedBy: by, linkWorkerId: parsed.data.linkWorkerId });
      if (!result) throw notFound('Client');
      const now = deps.clock.now();
      const waits = nextAllowed(now.setZone(memoZone(client.timezone)), deps.programme.quietHours) > now;
      const told = await deps.tellNewLinkWorker(result.client).catch((error: unknown) => {
        deps.log.error('telling a client their new link worker failed', { clientId: client.id, error: (error as Error).message });
        return false;
      });
      await deps.history.recordEvent(client.id, {
        type: 'handover',
        at: now.toISO()!,
        by,
        from: client.linkWorkerId,
        to: parsed.data.linkWorkerId,
        note: parsed.data.note,
        clientTold: told,
      });
      deps.log.info('client reassigned', {
        clientId: client.id,
        staffId: signedIn.staff.id,
        from: client.linkWorkerId,
        to: parsed.data.linkWorkerId,
        told,
        waits,
      });
      const done = !told ? 'reassigned-untold' : waits ? 'reassigned-later' : 'reassigned-now';
      if (canSeeClient(signedIn.staff, result.client)) return redirect(res, back(client, done, 'summary-heading'));
      // Handed over to someone else: the page is no longer theirs to see, so say here what happened.
      sendPage(
        res,
        200,
        staffLayout({
          title: 'Client handed over',
          programmeName: deps.programme.name,
          signedIn,
          body: html`<div class="client-page"><h1>Client handed over</h1>
<div class="notice" role="status"><p>${NOTICES[done]!(result.client, deps)}</p></div>
<p>Your handover note went with them. <a href="/staff/caseload">Back to your caseload</a></p></div>`,
        }),
      );
    }),
  );

  server.post(
    '/staff/clients/:id/chat-links/withdraw',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const { confirm } = formValues(req.body, ['confirm']);
      if (confirm !== 'yes') return redirect(res, back(client, 'links-not-withdrawn', 'chat-links-heading'));
      await deps.chatLinks.withdraw(client.id, signedIn.staff.name);
      deps.log.info('chat links withdrawn', { clientId: client.id, by: signedIn.staff.id });
      redirect(res, back(client, 'links-withdrawn', 'chat-links-heading'));
    }),
  );

  server.post(
    '/staff/clients/:id/tasks/:taskId/done',
    page(undefined, async (req, res, signedIn) => {
      const client = await visibleClient(req, signedIn);
      const at = deps.clock.now().toISO()!;
      let already = false;
      const task = await deps.history.updateTask(client.id, String(req.params.taskId), (current) => {
        already = current.state === 'done';
        return already ? current : { ...current, state: 'done', doneAt: at, doneBy: signedIn.staff.name };
      });
      if (!task) throw notFound('Task');
      redirect(res, back(client, already ? 'task-already' : 'task', 'tasks-heading'));
    }),
  );
}

/** The whole client page; `state` re-shows one form with what was typed and its problems. */
async function renderClientPage(
  deps: StaffPagesDeps,
  signedIn: SignedIn,
  client: ClientRecord,
  options: { notice?: string | undefined; state?: FormState | undefined },
): Promise<string> {
  const { programme } = deps;
  const view = clientView(programme, client, await deps.history.history(client.id));
  const { state } = options;
  const valuesOf = (form: FormName, fallback: Record<string, string>) => (state?.form === form ? state.values : fallback);
  const problemsOf = (form: FormName) => (state?.form === form ? state.problems : []);
  const directory = (id: string) => deps.groups.get(id);
  const body = html`<div class="client-page">
<h1>${client.name}</h1>
${options.notice && html`<div class="notice" role="status"><p>${options.notice}</p></div>`}
<nav aria-label="On this page" class="page-contents"><ul>
  <li><a href="#summary-heading">Summary</a></li>
  <li><a href="#charts-heading">Scores over time</a></li>
  <li><a href="#messages-heading">Messages</a></li>
  <li><a href="#groups-heading">Groups</a></li>
  <li><a href="#tasks-heading">Tasks</a></li>
  <li><a href="#timeline-heading">Timeline</a></li>
  <li><a href="#settings-heading">Settings</a></li>
</ul></nav>
${summarySection(view, programme)}
${chartsSection(view)}
${messagesSection(view)}
${groupsSection(view, directory, groupForm(signedIn, client, deps.groups.list(), valuesOf('group', {}), problemsOf('group')))}
${tasksSection(view, signedIn, directory)}
${timelineSection(view, programme)}
<section aria-labelledby="settings-heading">
<h2 id="settings-heading">Settings</h2>
${settingsForm(signedIn, programme, client, valuesOf('settings', settingsValuesOf(client)), problemsOf('settings'))}
<h3 id="reassign-heading">Reassign to another link worker</h3>
${reassignForm(signedIn, programme, client, valuesOf('reassign', {}), problemsOf('reassign'))}
<h3 id="chat-links-heading">Web chat links</h3>
${withdrawLinksForm(signedIn, client)}
${clientDataSection(signedIn, client)}
</section>
</div>`;
  return staffLayout({
    title: `${state ? 'Error: ' : ''}${client.name}`,
    programmeName: programme.name,
    signedIn,
    current: '/staff/caseload',
    body,
    charts: view.rows.length > 0,
  });
}
