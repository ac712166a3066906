import { createECDH } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, formatIssues } from '../platform/formatIssues.js';

/** The server's VAPID identity: push services check every message was signed with it. */
export interface VapidDetails {
  /** Who push services can contact about this server: a mailto: or https: URL. */
  subject: string;
  /** P-256 public key, base64url (65 bytes): browsers subscribe with it. */
  publicKey: string;
  /** P-256 private key, base64url (32 bytes). */
  privateKey: string;
}

const MADE_BY = 'make a pair with npm run push:keys';

/** What is wrong with a key, first problem only; web-push takes base64url without padding, as `npm run push:keys` prints it. */
function keyProblem(value: string, bytes: number): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return 'expected base64url (letters, digits, - and _ only, no "=")';
  const decoded = Buffer.from(value, 'base64url');
  if (decoded.length !== bytes) return `expected ${bytes} bytes once decoded`;
  if (bytes === 65 && decoded[0] !== 0x04) return 'expected an uncompressed P-256 public key';
  return undefined;
}

const keySchema = (bytes: number) =>
  z.string().superRefine((value, ctx) => {
    const problem = keyProblem(value, bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: ${MADE_BY}` });
  });

function subjectProblem(subject: string): string | undefined {
  let url: URL;
  try {
    url = new URL(subject);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(url.pathname) ? undefined : 'expected an email address after mailto:';
  if (url.protocol !== 'https:' || !url.hostname) return 'expected a mailto: address or an https: URL where the push service can reach you';
  // Apple's push service refuses a localhost subject.
  if (url.hostname === 'localhost') return 'a localhost subject is refused by some push services: use a mailto: address';
  return undefined;
}

const vapidEnvSchema = z
  .object({
    VAPID_PUBLIC_KEY: keySchema(65),
    VAPID_PRIVATE_KEY: keySchema(32),
    VAPID_SUBJECT: z.string().superRefine((value, ctx) => {
      const problem = subjectProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .superRefine((env, ctx) => {
    if (keyProblem(env.VAPID_PUBLIC_KEY, 65) || keyProblem(env.VAPID_PRIVATE_KEY, 32)) return;
    if (!belongTogether(env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['VAPID_PUBLIC_KEY'], message: `is not the public key of VAPID_PRIVATE_KEY: ${MADE_BY} and set both` });
    }
  });

/**
 * The VAPID settings in an environment (`env` as bot/config/env.ts reads it), frozen; undefined when
 * neither key is set (push is off). Throws ConfigError naming every variable at fault: one key
 * without the other, a malformed key, keys that are not a pair, or a missing or bad subject.
 */
export function parseVapidEnv(env: Readonly<Partial<Record<string, string | undefined>>>): Readonly<VapidDetails> | undefined {
  // `KEY=` in .env means "not set", as .env.example writes it.
  const given = (key: string) => (env[key] === '' ? undefined : env[key]);
  const publicKey = given('VAPID_PUBLIC_KEY');
  const privateKey = given('VAPID_PRIVATE_KEY');
  if (publicKey === undefined && privateKey === undefined) return undefined;
  const result = vapidEnvSchema.safeParse({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: given('VAPID_SUBJECT') });
  if (!result.success) {
    const issues = result.error.issues.map((issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? { ...issue, message: requiredMessage(String(issue.path[0])) } : issue,
    );
    throw new ConfigError('The environment (.env)', formatIssues(issues, ''));
  }
  return Object.freeze({ subject: result.data.VAPID_SUBJECT, publicKey: result.data.VAPID_PUBLIC_KEY, privateKey: result.data.VAPID_PRIVATE_KEY });
}

function requiredMessage(key: string): string {
  return key === 'VAPID_SUBJECT'
    ? 'required with the VAPID keys: a mailto: address or https: URL push services can contact'
    : 'required for web push: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together (npm run push:keys), or neither to run without push';
}

function belongTogether(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey().equals(Buffer.from(publicKey, 'base64url'));
  } catch {
    // Not a valid P-256 private key (zero, or past the curve order).
    return false;
  }
}
