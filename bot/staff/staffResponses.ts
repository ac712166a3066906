import type { Request, Response } from 'restify';

/** Sent with every response under /staff: pages carry personal data and run no inline script. */
export const STAFF_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

export function setStaffHeaders(res: Response): void {
  for (const [name, value] of Object.entries(STAFF_HEADERS)) res.header(name, value);
}

/** A browser asking for a page (navigation or form post), as against a script's fetch that wants JSON. */
export function wantsHtml(req: Request): boolean {
  return (req.header('accept') ?? '').includes('text/html');
}

export function sendPage(res: Response, status: number, page: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...STAFF_HEADERS, 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(page);
}

/** 303: after a form post the browser fetches the target with GET. */
export function redirect(res: Response, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...STAFF_HEADERS, Location: location, ...headers });
  res.end();
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.writeHead(status, { ...STAFF_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
