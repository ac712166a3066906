import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { formatIssues } from '../formatIssues.js';
import { StoreUnavailableError } from '../../../storage/errors.js';
import { HttpError } from './httpError.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The one place HTTP errors become responses: an HttpError keeps its status and message, a zod
 * error is a 400 listing each field, a store that cannot be reached a 503 (with Retry-After),
 * anything else is logged and answered with a bare 500.
 */
export function handle(log: Logger, handler: Handler) {
  // restify runs an async handler with (req, res) and moves on when its promise settles.
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      sendError(log, req, res, error);
    }
  };
}

export function sendError(log: Logger, req: Request, res: Response, error: unknown): void {
  if (res.headersSent) {
    log.error('error after response was sent', { route: routeOf(req), error });
    return;
  }
  if (error instanceof HttpError) {
    res.json(error.status, { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
  } else if (error instanceof z.ZodError) {
    res.json(400, { error: 'invalid_request', message: 'The request is not valid.', details: formatIssues(error.issues, '') });
  } else if (error instanceof StoreUnavailableError) {
    // Nothing was stored: a caller that retries (Twilio, web chat) is right to.
    log.warn('store unavailable', { route: routeOf(req) });
    res.header('Retry-After', '30');
    res.json(503, { error: 'unavailable', message: 'The service cannot reach its database just now. Please try again shortly.' });
  } else {
    log.error('unhandled error', { route: routeOf(req), error });
    res.json(500, { error: 'internal', message: 'Internal Server Error' });
  }
}

/** The route pattern, never the concrete URL: paths can carry ids and tokens. */
function routeOf(req: Request): string {
  return `${req.method} ${String(req.getRoute?.()?.path ?? '?')}`;
}

/** The bearer token of a request, if any. */
export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
