import type { Server } from 'restify';
import { HttpError, notFound } from '../../platform/http/httpError.js';
import { canSeeClient } from '../staffGuard.js';
import { redirect, sendPage, STAFF_HEADERS } from '../staffResponses.js';
import type { SignedIn } from '../staffSessions.js';
import { formValues } from './clientForms.js';
import { csrfField, html, type SafeHtml, staffLayout } from './layout.js';
import type { StaffPagesDeps } from './staffPagesDeps.js';
import type { ClientRecord } from '../../../storage/records.js';

/**
 * For admins only: a client's data downloaded whole (one JSON file) and erased for good, after
 * typing the client's name to confirm. Both are audited with who and when.
 */
export function registerClientDataPages(server: Server, deps: StaffPagesDeps): void {
  const { page } = deps;
  // A client another link worker has is "not found", as on every client route; to a link worker
  // who has the client, these pages are for admins.
  const clientOf = async (id: unknown, signedIn: SignedIn): Promise<ClientRecord> => {
    const client = await deps.clients.get(String(id));
    if (!client || !canSeeClient(signedIn.staff, client)) throw notFound('Client');
    if (signedIn.staff.role !== 'admin') throw new HttpError(403, 'forbidden', "Only admins can download or erase a client's data.");
    return client;
  };

  server.get(
    '/staff/clients/:id/export.json',
    page(undefined, async (req, res, signedIn) => {
      const client = await clientOf(req.params.id, signedIn);
      const data = await deps.clientData.export(client.id, signedIn.staff.name);
      res.writeHead(200, {
        ...STAFF_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="linkwell-client-${client.id}.json"`,
      });
      res.end(JSON.stringify(data, null, 2));
    }),
  );

  server.get(
    '/staff/clients/:id/erase',
    page(undefined, async (req, res, signedIn) => {
      sendPage(res, 200, erasePage(deps, signedIn, await clientOf(req.params.id, signedIn)));
    }),
  );

  server.post(
    '/staff/clients/:id/erase',
    page(undefined, async (req, res, signedIn) => {
      const client = await clientOf(req.params.id, signedIn);
      const name = formValues(req.body, ['name']).name ?? '';
      if (name.replace(/\s+/g, ' ').toLowerCase() !== client.name.replace(/\s+/g, ' ').trim().toLowerCase()) {
        sendPage(
          res,
          400,
          erasePage(
            deps,
            signedIn,
            client,
            name ? "That is not the client's name as enrolled: nothing was erased." : "Type the client's name to confirm: nothing was erased.",
          ),
        );
        return;
      }
      await deps.clientData.erase(client.id, signedIn.staff.name);
      deps.clientChanged.emit(client.id);
      redirect(res, '/staff/caseload?done=erased');
    }),
  );
}

/** The admin section of the client page: download, and the way to erasure. */
export function clientDataSection(signedIn: SignedIn, client: ClientRecord): SafeHtml {
  if (signedIn.staff.role !== 'admin') return html``;
  const id = encodeURIComponent(client.id);
  return html`<h3 id="client-data-heading">Client data (admins)</h3>
<p><a href="/staff/clients/${id}/export.json" download>Download everything held about ${client.name} (JSON)</a></p>
<p><a href="/staff/clients/${id}/erase">Erase everything held about ${client.name}…</a></p>`;
}

function erasePage(deps: StaffPagesDeps, signedIn: SignedIn, client: ClientRecord, problem?: string): string {
  return staffLayout({
    title: `${problem ? 'Error: ' : ''}Erase ${client.name}`,
    programmeName: deps.programme.name,
    signedIn,
    current: '/staff/caseload',
    body: html`<div class="client-page"><h1>Erase everything held about ${client.name}</h1>
<p>This removes ${client.name}'s record, answers, scores, notes, messages, alerts, texts and any chat in progress, for good. It cannot be undone. Download their data first if they asked for a copy. Who erased it and when is recorded.</p>
<form method="post" action="/staff/clients/${encodeURIComponent(client.id)}/erase">
${csrfField(signedIn)}
${problem && html`<p class="problem" id="name-problem" role="alert">${problem}</p>`}
<p><label for="erase-name">Type the client's full name to confirm</label><br>
<input type="text" id="erase-name" name="name" autocomplete="off" required${problem ? html` aria-invalid="true" aria-describedby="name-problem"` : html``}></p>
<p><button type="submit">Erase for good</button> <a href="/staff/clients/${encodeURIComponent(client.id)}">Cancel</a></p>
</form></div>`,
  });
}
