import { ECDH } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Longest endpoint accepted; push services' own are a few hundred characters. */
export const MAX_ENDPOINT_LENGTH = 2048;

/**
 * A push service URL that Linkwell will POST to. Only https:, and never to this machine or an
 * address given as an IP: the server makes the request, so a page must not be able to point it
 * at the server's own network.
 */
export const pushEndpointSchema = z.string().superRefine((endpoint, ctx) => {
  const problem = endpointProblem(endpoint);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.length > MAX_ENDPOINT_LENGTH) return `must be at most ${MAX_ENDPOINT_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'expected the https: URL of a push service';
  }
  if (url.protocol !== 'https:') return `must be an https: URL (push services are reached over https only), not ${url.protocol}`;
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) !== 0) return 'must name a push service by its host name, not an IP address';
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.'))
    return 'must be a push service on the internet, not this machine or a local name';
  return undefined;
}

/** A browser key as PushSubscription.toJSON() gives it: base64url of exactly `bytes` bytes (first problem only). */
const keySchema = (bytes: number, check?: { ok: (key: Buffer) => boolean; what: string }) =>
  z.string().superRefine((value, ctx) => {
    const problem = keyProblem(value, bytes, check);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function keyProblem(value: string, bytes: number, check?: { ok: (key: Buffer) => boolean; what: string }): string | undefined {
  if (value.length > Math.ceil((bytes * 4) / 3) + 2) return `must be base64url of ${bytes} bytes`;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return 'must be base64url (letters, digits, - and _)';
  const key = Buffer.from(value, 'base64url');
  if (key.length !== bytes) return `must be ${bytes} bytes once decoded`;
  if (check && !check.ok(key)) return `must be ${check.what}`;
  return undefined;
}

function isP256Point(key: Buffer): boolean {
  try {
    ECDH.convertKey(key, 'prime256v1', undefined, undefined, 'uncompressed');
    return key[0] === 0x04;
  } catch {
    return false;
  }
}

/** A browser's PushSubscription as JSON (`{ endpoint, expirationTime?, keys: { p256dh, auth } }`). */
export const pushSubscriptionSchema = z.object({
  endpoint: pushEndpointSchema,
  expirationTime: z.number().nonnegative().max(8.64e15).nullable().optional(),
  keys: z.object({
    p256dh: keySchema(65, { ok: isP256Point, what: 'an uncompressed P-256 public key' }),
    auth: keySchema(16),
  }),
});

export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;
