import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from './projectRoot.js';

/**
 * Which code this is, when it runs from the compiled `dist/`: a hash of what the build was made from
 * (every source file's hash, from `dist/built-from.json`) and of the installed packages
 * (`package-lock.json`). Undefined when it runs from the sources (tests, tsx), which may change at
 * any moment, or when either file cannot be read.
 */
export function codeVersion(moduleUrl: string = import.meta.url, root: string = PROJECT_ROOT): string | undefined {
  const dist = join(root, 'dist');
  if (!fileURLToPath(moduleUrl).startsWith(dist + sep)) return undefined;
  try {
    const { inputs } = JSON.parse(readFileSync(join(dist, 'built-from.json'), 'utf8')) as { inputs: Record<string, string> };
    const sources = Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHash('sha256')
      .update(JSON.stringify(sources))
      .update(readFileSync(join(root, 'package-lock.json')))
      .digest('hex');
  } catch {
    return undefined;
  }
}
