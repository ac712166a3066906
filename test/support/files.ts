import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `root` (recursively), as full paths. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
