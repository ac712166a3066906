import { createHash } from 'node:crypto';

/** How an expiring record's key is kept: hashed with its kind, never in plain. */
export function expiringKey(kind: string, key: string): string {
  return createHash('sha256').update(`${kind}\u0000${key}`).digest('hex');
}
