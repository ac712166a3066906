import type { Logger } from '../logger.js';
import type { Request, Response, Server } from 'restify';

/**
 * Headers every answer carries, set before routing so that 404s, 405s and errors have them too.
 * Pages set their own fuller Content-Security-Policy and Referrer-Policy over these.
 */
export function securityHeaders(options: { https: boolean }): Readonly<Record<string, string>> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Request bodies each kind of route accepts, in bytes; the body parser's own limit (MAX_BODY_BYTES) covers the rest. */
export const BODY_LIMITS = {
  /** A web chat message: 4,000 characters of text and a little more. */
  webChat: 32 * 1024,
  /** Twilio's webhook form: a 1,600-character text and its fields. */
  sms: 64 * 1024,
  /** A staff page's form. */
  staffForm: 64 * 1024,
} as const;
export const MAX_BODY_BYTES = 256 * 1024;

function bodyLimitFor(url: string): number {
  if (url.startsWith('/v3/directline/') || url.startsWith('/api/webchat/')) return BODY_LIMITS.webChat;
  if (url.startsWith('/api/sms')) return BODY_LIMITS.sms;
  if (url.startsWith('/staff/')) return BODY_LIMITS.staffForm;
  return MAX_BODY_BYTES;
}

/**
 * The server's own safety net: security headers on every response, body sizes by route (413),
 * and an error that escapes a
 * handler after the answer has gone is logged by route and error name and then dropped (restify
 * would otherwise try to answer twice and throw outside any request, stopping the process).
 */
export function hardenServer(server: Server, options: { https: boolean; log: Logger }): void {
  const headers = Object.entries(securityHeaders(options));
  server.pre((req: Request, res: Response, next: () => void) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const limit = bodyLimitFor(req.url ?? '/');
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > limit) {
      res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify({ error: 'payload_too_large', message: `The request body is ${length} bytes; at most ${limit} are accepted here.` }));
      return;
    }
    next();
  });
  server.on('restifyError', (req: Request, res: Response, error: Error, callback: () => void) => {
    if (res.headersSent) {
      options.log.error('error after the response was sent', { route: `${req.method} ${String(req.getRoute?.()?.path ?? '?')}`, error: error.name });
      // restify's own mark that this response is finished, so it does not answer it again.
      (res as Response & { _sent?: boolean })._sent = true;
    }
    callback();
  });
}
