import type { Server } from 'restify';
import { z } from 'zod';
import type { AlertRecord } from '../../../storage/records.js';
import type { AlertService } from '../../care/alerts/alertService.js';
import { HttpError, notFound } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import { adminRoute } from './adminRoute.js';

const listQuery = z.strictObject({ state: z.enum(['open', 'acknowledged', 'resolved']).optional(), clientId: z.string().min(1).max(64).optional() });
const who = z.string().trim().min(1, 'required: who is acting (a staff name or email)').max(100);
const ackBody = z.strictObject({ by: who });
const resolveBody = z.strictObject({ by: who, note: z.string().trim().min(1, 'required: what was done').max(2000) });

/** An alert as the API shows it: `category` is the main one (the first found), `categories` all of them. */
function withCategory(alert: AlertRecord): AlertRecord & { category: string | null } {
  return { ...alert, category: alert.categories[0] ?? null };
}

/** Staff API for risk alerts (bearer ADMIN_API_TOKEN): list, read, acknowledge, resolve with a note. */
export function registerAlertRoutes(server: Server, deps: { adminApiToken: string | undefined; alerts: AlertService; log: Logger }): void {
  const route = adminRoute(deps.adminApiToken, deps.log);

  server.get(
    '/api/admin/alerts',
    route(async (req) => {
      const filter = listQuery.parse(req.query ?? {});
      return { status: 200, body: (await deps.alerts.list(filter)).map(withCategory) };
    }),
  );

  server.get(
    '/api/admin/alerts/:id',
    route(async (req) => {
      const alert = await deps.alerts.get(String(req.params.id));
      if (!alert) throw notFound('Alert');
      return { status: 200, body: withCategory(alert) };
    }),
  );

  server.post(
    '/api/admin/alerts/:id/ack',
    route(async (req) => {
      const { by } = ackBody.parse(req.body ?? {});
      const result = await deps.alerts.acknowledge(String(req.params.id), { id: by, via: 'admin-api' });
      if (!result.ok && result.reason === 'not_found') throw notFound('Alert');
      if (!result.ok) throw new HttpError(409, 'alert_resolved', 'This alert is already resolved.');
      return { status: 200, body: result.alert };
    }),
  );

  server.post(
    '/api/admin/alerts/:id/resolve',
    route(async (req) => {
      const { by, note } = resolveBody.parse(req.body ?? {});
      const alert = await deps.alerts.resolve(String(req.params.id), by, note);
      if (!alert) throw notFound('Alert');
      return { status: 200, body: alert };
    }),
  );
}
