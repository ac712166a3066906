import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { bearerToken, handle } from '../../platform/http/handle.js';
import { unauthorized } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';

/** A staff API handler: the bearer token is checked first, then the handler's status and JSON body are sent. */
export function adminRoute(adminApiToken: string | undefined, log: Logger) {
  return (handler: (req: Request) => Promise<{ status: number; body: unknown }>) =>
    handle(log, async (req, res) => {
      authorise(req, adminApiToken);
      const { status, body } = await handler(req);
      res.json(status, body);
    });
}

function authorise(req: Request, expected: string | undefined): void {
  if (!expected) throw unauthorized('The admin API is disabled: set ADMIN_API_TOKEN to enable it.');
  const given = Buffer.from(bearerToken(req) ?? '');
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw unauthorized();
}
