import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { ClientRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import { e164, ianaTimeZone } from '../../config/fieldSchemas.js';
import type { Programme } from '../../config/programmeSchema.js';
import type { ContactPreferences } from '../../channels/contactPreferences.js';
import { HttpError, notFound } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import type { CheckInStarter } from '../../../dialogs/checkInStarter.js';
import type { ClientData } from '../../care/privacy/clientData.js';
import type { ChatLinks } from '../../channels/web/chatLinks.js';
import { adminRoute } from './adminRoute.js';
import { ClientSettings } from './clientSettings.js';
import { clientSettingsChangeSchema, knownLinkWorker, zoneAfterChange } from './clientSettingsSchema.js';
import type { ClientChanged } from '../../platform/clientChanged.js';

export interface AdminRouteDeps {
  adminApiToken: string | undefined;
  programme: Programme;
  clients: ClientRepository;
  history: ClientHistoryRepository;
  checkIns: CheckInStarter;
  /** Pauses set by staff go through here, like PAUSE by text. */
  contact: ContactPreferences;
  /** A client's settings changed: the scheduler looks at them again at once. */
  clientChanged?: Pick<ClientChanged, 'emit'>;
  chatLinks: ChatLinks;
  clientData: ClientData;
  clock: Clock;
  log: Logger;
}

/** A new client's fields. The link worker is checked with the rest, so a 400 lists every problem at once. */
function newClientSchema(programme: Programme) {
  return z.object({
    name: z.string().trim().min(1).max(100),
    phone: e164,
    timezone: ianaTimeZone,
    linkWorkerId: knownLinkWorker(programme),
    channel: z.enum(['sms', 'webchat']),
  });
}

/** Staff API (JSON, `Authorization: Bearer <ADMIN_API_TOKEN>`). */
const changedBy = z.string().trim().min(1, 'who made the change').max(200);
const withdrawSchema = z.strictObject({ changedBy });
const eraseSchema = z.strictObject({ changedBy, confirm: z.string().optional() });
const exportQuery = z.object({ requestedBy: changedBy });
const newLinkSchema = z.strictObject({ withdrawOthers: z.boolean().default(false), changedBy: changedBy.optional() });

export function registerAdminRoutes(server: Server, deps: AdminRouteDeps): void {
  const { log } = deps;
  const clientSchema = newClientSchema(deps.programme);
  const settings = new ClientSettings({
    clients: deps.clients,
    history: deps.history,
    contact: deps.contact,
    clock: deps.clock,
  });
  const route = adminRoute(deps.adminApiToken, log);

  const clientFrom = async (req: Request): Promise<ClientRecord> => {
    const client = await deps.clients.get(String(req.params.id));
    if (!client) throw notFound('Client');
    return client;
  };

  server.get(
    '/api/admin/link-workers',
    route(async () => ({
      status: 200,
      body: deps.programme.linkWorkers.map(({ id, name, phone }) => ({ id, name, phone })),
    })),
  );

  server.post(
    '/api/admin/clients',
    route(async (req) => {
      const input = clientSchema.parse(req.body ?? {});
      const created = await deps.clients.create({ ...input, programmeId: deps.programme.id, createdAt: deps.clock.now().toISO()! });
      if (!created.ok) throw new HttpError(409, 'duplicate_phone', 'A client with this phone number is already enrolled.');
      log.info('client enrolled', { clientId: created.client.id, channel: created.client.channel });
      return { status: 201, body: created.client };
    }),
  );

  server.get(
    '/api/admin/clients/:id',
    route(async (req) => ({ status: 200, body: await clientFrom(req) })),
  );

  server.patch(
    '/api/admin/clients/:id',
    route(async (req) => {
      const client = await clientFrom(req);
      const body: unknown = req.body ?? {};
      const schema = clientSettingsChangeSchema(deps.programme, { now: deps.clock.now(), zone: zoneAfterChange(body, client.timezone) });
      const result = await settings.change(client.id, schema.parse(body));
      if (!result) throw notFound('Client');
      // Field names only: the values can say where someone lives or when they are away.
      if (result.changes.length > 0) {
        log.info('client settings changed', { clientId: client.id, fields: result.changes.map((c) => c.field) });
        deps.clientChanged?.emit(client.id);
      }
      return { status: 200, body: result.client };
    }),
  );

  server.get(
    '/api/admin/clients/:id/chat-link',
    route(async (req) => ({
      status: 200,
      body: await deps.chatLinks.issue((await clientFrom(req)).id),
    })),
  );

  // A new link; with withdrawOthers, every earlier link (and chat made from one) stops first.
  server.post(
    '/api/admin/clients/:id/chat-link',
    route(async (req) => {
      const client = await clientFrom(req);
      const { withdrawOthers, changedBy } = newLinkSchema.parse(req.body ?? {});
      if (withdrawOthers && !changedBy)
        throw new HttpError(400, 'invalid_request', 'changedBy is required with withdrawOthers: who withdrew the links is recorded.');
      const link = await deps.chatLinks.issue(client.id, withdrawOthers ? { withdrawOthers: { by: changedBy! } } : {});
      if (withdrawOthers) log.info('chat links withdrawn', { clientId: client.id });
      return { status: 201, body: link };
    }),
  );

  // The client's data, whole, as one JSON file; who asked is recorded (never what was in it).
  server.get(
    '/api/admin/clients/:id/export',
    route(async (req) => {
      const client = await clientFrom(req);
      const { requestedBy } = exportQuery.parse(req.query ?? {});
      return { status: 200, body: await deps.clientData.export(client.id, requestedBy) };
    }),
  );

  // Erased for good, confirmed by repeating the client's id; who and when are recorded.
  server.post(
    '/api/admin/clients/:id/erase',
    route(async (req) => {
      const client = await clientFrom(req);
      const { changedBy: by, confirm } = eraseSchema.parse(req.body ?? {});
      if (confirm !== client.id) throw new HttpError(400, 'not_confirmed', 'To erase a client, send confirm with their id: this cannot be undone.');
      const removed = await deps.clientData.erase(client.id, by);
      if (!removed) throw notFound('Client');
      deps.clientChanged?.emit(client.id);
      return { status: 200, body: { erased: true, removed } };
    }),
  );

  server.post(
    '/api/admin/clients/:id/chat-links/withdraw',
    route(async (req) => {
      const client = await clientFrom(req);
      const { changedBy } = withdrawSchema.parse(req.body ?? {});
      const updated = await deps.chatLinks.withdraw(client.id, changedBy);
      log.info('chat links withdrawn', { clientId: client.id });
      return { status: 200, body: { withdrawn: true, chatLinkGeneration: updated?.chatLinkGeneration ?? 0 } };
    }),
  );

  server.post(
    '/api/admin/clients/:id/checkins',
    route(async (req) => {
      const client = await clientFrom(req);
      const result = await deps.checkIns.start(client);
      if (result === 'no_conversation') {
        throw new HttpError(409, 'no_conversation', `The client has no ${client.channel} conversation yet: send them their chat link first.`);
      }
      if (result === 'already_open') throw new HttpError(409, 'check_in_open', 'The client is already in the middle of a check-in.');
      if (result === 'no_consent') throw new HttpError(409, 'no_consent', 'The client has not agreed to check-ins yet: they reply YES to the welcome.');
      if (result === 'opted_out') throw new HttpError(409, 'opted_out', 'The client has opted out of messages (they can reply START to opt back in).');
      return { status: 202, body: { status: 'started' } };
    }),
  );

  server.get(
    '/api/admin/clients/:id/responses',
    route(async (req) => {
      const history = await deps.history.history((await clientFrom(req)).id);
      return {
        status: 200,
        body: {
          responses: history.responses,
          scores: history.scores,
          notes: history.notes,
          checkIns: history.checkIns,
          // Opt-outs, pauses and delivery problems, with time and source.
          events: history.events,
        },
      };
    }),
  );
}
