// Runs a command from the compiled dist/: `node bot/cli/launch.mjs start [args]` runs dist/start.js
// with [args] (`npm start`, `npm run sms`, `npm run staff:add`, ...), building dist/ first when it is
// missing or the code changed since, so `npm ci && npm start` stays the whole set-up.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, COMMANDS, DIST, isStale, ROOT } from './build.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command || !COMMANDS.includes(command)) {
  process.stderr.write(`linkwell: no command "${command ?? ''}"; there are ${COMMANDS.join(', ')}.\n`);
  process.exit(1);
}
const script = join(DIST, `${command}.js`);
if (isStale() && !(await build())) {
  // Where it cannot build (no esbuild, or a folder it may not write), the last build still runs.
  if (!existsSync(script)) process.exit(1);
  process.stderr.write('linkwell: running the last build of dist/, which is older than the code.\n');
}
// Node 22 keeps compiled code between runs (a third off start-up). Source maps stay off: loading them
// costs a fifth of a second at every start; NODE_OPTIONS=--enable-source-maps turns them on, or the
// .map beside each file in dist/ maps a logged line back to the TypeScript (docs/operations.md).
module.enableCompileCache?.(join(ROOT, 'node_modules', '.cache', 'linkwell-compile'));
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);
