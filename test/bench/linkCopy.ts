import { linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A working copy of a directory tree made of hard links: a fraction of a second for 10,000 files
 * instead of copying hundreds of MB. Safe for the embedded store because lowdb (steno) never
 * writes a file in place: it writes a temp file and renames it over the link, which leaves the
 * original untouched.
 */
export function linkCopy(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkCopy(source, target);
    else if (entry.isFile()) linkSync(source, target);
  }
}
