import type { Request, Server } from 'restify';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { ClientGroupLink, ClientRecord, ClientSettingChange } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { DirectoryGroup, GroupDirectory } from '../../care/groups/groupDirectory.js';
import { groupSessions } from '../../care/groups/groupSessions.js';
import { HttpError, notFound } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import { adminRoute } from './adminRoute.js';
import { describeLink, groupLinkBodySchema, parseGroupPut, verifyBodySchema, type GroupLinkBody } from './groupRoutesSchema.js';
import type { ClientChanged } from '../../platform/clientChanged.js';

/** How far ahead the group list shows sessions. */
export const NEXT_SESSIONS_DAYS = 14;

export interface GroupRouteDeps {
  adminApiToken: string | undefined;
  directory: GroupDirectory;
  clients: ClientRepository;
  history: Pick<ClientHistoryRepository, 'recordEvent'>;
  /** A client's group links changed: the scheduler looks at them again at once. */
  clientChanged?: Pick<ClientChanged, 'emit'> | undefined;
  clock: Clock;
  log: Logger;
}

/** Staff API for the group directory and clients' links to groups (bearer ADMIN_API_TOKEN). */
export function registerGroupRoutes(server: Server, deps: GroupRouteDeps): void {
  const { directory, clock, log } = deps;
  const route = adminRoute(deps.adminApiToken, log);

  const withSessions = (group: DirectoryGroup) => {
    const now = clock.now();
    const sessions = groupSessions(group, directory.zone, now, now.plus({ days: NEXT_SESSIONS_DAYS }));
    return { ...group, nextSessions: sessions.map((s) => ({ key: s.key, start: s.start.toISO(), end: s.end.toISO() })) };
  };
  const groupFrom = (id: string): DirectoryGroup => {
    const group = directory.get(id);
    if (!group) throw notFound('Group');
    return group;
  };
  const clientFrom = async (req: Request): Promise<ClientRecord> => {
    const client = await deps.clients.get(String(req.params.id));
    if (!client) throw notFound('Client');
    return client;
  };
  /** A client's link as the API shows it: with the group's name and status (null once the group is gone). */
  const shown = (link: ClientGroupLink) => {
    const group = directory.get(link.groupId);
    return { ...link, groupName: group?.name ?? null, groupStatus: group?.status ?? null };
  };

  server.get(
    '/api/admin/groups',
    route(async () => ({ status: 200, body: directory.list().map(withSessions) })),
  );

  server.get(
    '/api/admin/groups/:id',
    route(async (req) => {
      const id = String(req.params.id);
      return { status: 200, body: { ...withSessions(groupFrom(id)), history: directory.history(id) } };
    }),
  );

  server.put(
    '/api/admin/groups/:id',
    route(async (req) => {
      const { group, changedBy } = parseGroupPut(String(req.params.id), req.body ?? {});
      const result = await directory.put(group, changedBy);
      if (result.changed) log.info('group directory changed', { groupId: group.id, created: result.created });
      return { status: result.created ? 201 : 200, body: withSessions(result.group) };
    }),
  );

  server.post(
    '/api/admin/groups/:id/verify',
    route(async (req) => {
      const id = String(req.params.id);
      groupFrom(id);
      const { by, status } = verifyBodySchema.parse(req.body ?? {});
      const group = await directory.verify(id, { by, at: clock.now().toISO()!, status });
      if (!group) throw notFound('Group');
      log.info('group verified', { groupId: id });
      return { status: 200, body: withSessions(group) };
    }),
  );

  server.get(
    '/api/admin/clients/:id/groups',
    route(async (req) => ({
      status: 200,
      body: ((await clientFrom(req)).groups ?? []).map(shown),
    })),
  );

  server.put(
    '/api/admin/clients/:id/groups/:groupId',
    route(async (req) => {
      const client = await clientFrom(req);
      const group = groupFrom(String(req.params.groupId));
      const body = groupLinkBodySchema.parse(req.body ?? {});
      if (group.status === 'closed' && body.status !== 'stopped') {
        throw new HttpError(409, 'group_closed', `${group.name} is closed: a client can only be linked to it as "stopped".`);
      }
      const result = await setLink(deps, client.id, group.id, body);
      if (!result) throw notFound('Client');
      if (result.change) {
        log.info('client group link changed', { clientId: client.id, groupId: group.id });
        deps.clientChanged?.emit(client.id);
      }
      return { status: result.created ? 201 : 200, body: shown(result.link) };
    }),
  );
}

/**
 * Set one link on the client's record and record the change as a 'settings-changed' event (field
 * `groups`, each side one short line). Nothing is written or recorded when the link is as asked.
 */
export async function setLink(
  deps: Pick<GroupRouteDeps, 'clients' | 'history' | 'clock'>,
  clientId: string,
  groupId: string,
  body: GroupLinkBody,
): Promise<{ link: ClientGroupLink; created: boolean; change: ClientSettingChange | undefined } | undefined> {
  const at = deps.clock.now().toISO()!;
  const wanted: ClientGroupLink = { groupId, status: body.status, nudge: body.nudge, ...(body.nudgeTime ? { nudgeTime: body.nudgeTime } : {}), since: at };
  let outcome: { link: ClientGroupLink; created: boolean; change: ClientSettingChange | undefined } | undefined;
  const updated = await deps.clients.update(clientId, (client) => {
    // Compared under the store's lock, so the audit says what was really replaced.
    const links = client.groups ?? [];
    const before = links.find((link) => link.groupId === groupId);
    if (before && before.status === wanted.status && before.nudge === wanted.nudge && before.nudgeTime === wanted.nudgeTime) {
      outcome = { link: before, created: false, change: undefined };
      return client;
    }
    // Only a new link, or a new status, starts it afresh: a changed reminder keeps today's session's "did you make it?".
    const link = before && before.status === wanted.status ? { ...wanted, since: before.since } : wanted;
    outcome = { link, created: !before, change: { field: 'groups', from: before ? describeLink(before) : null, to: describeLink(link) } };
    return { ...client, groups: before ? links.map((l) => (l === before ? link : l)) : [...links, link] };
  });
  if (!updated || !outcome) return undefined;
  if (outcome.change) await deps.history.recordEvent(clientId, { type: 'settings-changed', at, by: body.changedBy, changes: [outcome.change] });
  return outcome;
}
