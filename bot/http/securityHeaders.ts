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

/**
 * The server's own safety net: security headers on every response, and an error that escapes a
 * handler after the answer has gone is logged by route and error name and then dropped (restify
 * would otherwise try to answer twice and throw outside any request, stopping the process).
 */
export function hardenServer(server: Server, options: { https: boolean; log: Logger }): void {
  const headers = Object.entries(securityHeaders(options));
  server.pre((_req: Request, res: Response, next: () => void) => {
    for (const [name, value] of headers) res.setHeader(name, value);
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
