// pretest: the browser tests drive Debian's chromium (test/support/chromium.ts). On a fresh machine
// it is installed here, so `npm ci && npm test` needs nothing installed by hand; where it cannot be
// (not root, no apt), this says what to run and stops before the tests start.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (!root || !apt) {
    console.error(
      `The browser tests need Debian's chromium at ${CHROMIUM}, and it is not installed.\n` +
        (apt
          ? 'Install it as root: apt-get update && apt-get install -y --no-install-recommends chromium\n'
          : 'Install Chromium so that it is at that path.\n') +
        'Then run npm test again.',
    );
    process.exit(1);
  }
  console.error('pretest: installing Debian chromium for the browser tests (about 15 s)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--reinstall', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (!existsSync(CHROMIUM)) {
    console.error(`apt-get installed chromium, but not at ${CHROMIUM}: the browser tests cannot run.`);
    process.exit(1);
  }
}
