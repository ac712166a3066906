import { createHash } from 'node:crypto';
import type { Programme } from '../config/programmeSchema.js';
import { codeVersion } from '../platform/codeVersion.js';

/**
 * What a client's plan is worked out under: the programme as loaded, the code (as built), and the
 * time-zone rules this Node carries. Undefined when the code cannot be named (run from the
 * sources): then every start plans everyone again.
 */
export function planBasis(programme: Programme, code: string | undefined = codeVersion()): string | undefined {
  if (code === undefined) return undefined;
  return createHash('sha256')
    .update(JSON.stringify({ programme, code, tz: process.versions.tz ?? null, icu: process.versions.icu ?? null }))
    .digest('hex');
}
