import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/** The form field and the header (for fetch) that carry the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** POST, PUT, PATCH, DELETE and anything else that is not a plain read. */
export function changesState(req: Request): boolean {
  return !SAFE_METHODS.has((req.method ?? 'POST').toUpperCase());
}

/** The token a request carries: the form's hidden field, else the header. */
export function submittedToken(req: Request): string | undefined {
  const body: unknown = req.body;
  const field = body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
  if (typeof field === 'string' && field) return field;
  return req.header(CSRF_HEADER) || undefined;
}

/** Whether the request carries `expected`, compared in constant time. */
export function carriesToken(req: Request, expected: string | undefined): boolean {
  const given = submittedToken(req);
  if (!given || !expected) return false;
  // Hashing first makes both sides the same length, so the comparison leaks nothing about either.
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
