// Runs a command from the compiled dist/: `node bot/cli/launch.mjs start [args]` runs dist/start.js
// with [args] (`npm start`, `npm run sms`, `npm run staff:add`, ...), building dist/ first when it is
// missing or older than the sources, so `npm ci && npm start` stays the whole set-up.
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, COMMANDS, DIST, isStale, ROOT } from './build.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command || !COMMANDS.includes(command)) {
  process.stderr.write(`linkwell: no command "${command ?? ''}"; there are ${COMMANDS.join(', ')}.\n`);
  process.exit(1);
}
if (isStale() && !(await build())) process.exit(1);
// Node 22 keeps compiled code between runs (a third off start-up); Node 20 has no such cache.
module.enableCompileCache?.(join(ROOT, 'node_modules', '.cache', 'linkwell-compile'));
const script = join(DIST, `${command}.js`);
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);
