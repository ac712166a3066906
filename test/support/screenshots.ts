import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the browser tests leave their screenshots (git-ignored; see docs/testing.md). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'screenshots');
