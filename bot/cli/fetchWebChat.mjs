// Postinstall: take botframework-webchat's prebuilt bundle out of its registry tarball.
// Installing the package itself costs ~480 MB (a 147 MB stats file among it) for one 4 MB file,
// so we pack the pinned version (npm verifies it and caches it) and keep only dist/webchat.js.
// Plain .mjs on purpose: it runs before tsx exists in node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEBCHAT_VERSION = '4.18.1';
const INTEGRITY = 'sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'node_modules', '.linkwell', `webchat-${WEBCHAT_VERSION}.js`);

if (!existsSync(target)) {
  const work = mkdtempSync(join(tmpdir(), 'linkwell-webchat-'));
  try {
    const out = execFileSync('npm', ['pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--json', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [packed] = JSON.parse(out);
    if (packed.integrity !== INTEGRITY) {
      throw new Error(`botframework-webchat@${WEBCHAT_VERSION} integrity mismatch: ${packed.integrity}`);
    }
    execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work, 'package/dist/webchat.js']);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(work, 'package', 'dist', 'webchat.js'), target);
    console.log(`linkwell: web chat bundle ${WEBCHAT_VERSION} ready`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
