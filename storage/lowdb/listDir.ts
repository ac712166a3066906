import { readdirSync } from 'node:fs';

/** Names in a directory; none when it does not exist yet. Any other failure is thrown. */
export function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
