import type { Request } from 'restify';

/** The value of cookie `name` in the request, if any. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.header('cookie') ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie; unset, it lasts until the browser closes. */
  maxAge?: number;
}

/** A Set-Cookie value that scripts cannot read and other sites cannot send. Values are base64url only. */
export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAge !== undefined ? [`Max-Age=${options.maxAge}`] : []),
  ].join('; ');
}

/** Whether the browser reached us over https: directly, through a proxy that says so, or as configured. */
export function isSecureRequest(req: Request, publicBaseUrl: string | undefined): boolean {
  if (publicBaseUrl?.startsWith('https:')) return true;
  if (req.isSecure()) return true;
  return (req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}
