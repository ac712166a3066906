// `npm run build` (also run by postinstall, and by `npm start` when a source changed since the last
// build): bundle Linkwell's TypeScript into dist/, one file per command plus shared chunks, with the
// packages left in node_modules. esbuild only strips types (npm test type-checks); one bundle loads
// in a fraction of the time of some 280 separate modules. Files the code reads at run time (page
// scripts, styles, SQL migrations, programme files) are read from the project folder, not copied.
// Plain .mjs on purpose: it is what turns the TypeScript into JavaScript.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
/** The commands `npm start` and `npm run <command>` run from dist/. */
export const COMMANDS = ['start', 'smsSimulator', 'staffAdd', 'staffSet', 'dbMigrate', 'dbImport', 'demoWeek', 'programmeCheck', 'pushKeys', 'schedulePreview'];
const SOURCES = ['bot', 'dialogs', 'cards', 'storage'];
const SETTINGS = ['package-lock.json', 'tsconfig.json'];
const STAMP = join(DIST, '.built');
const LOCK = join(ROOT, '.dist.lock');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** True when dist/ is missing or older than any source file (or the lock file and compiler settings). */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const sources = [...SOURCES.flatMap((root) => files(join(ROOT, root))), ...SETTINGS.map((name) => join(ROOT, name)).filter(existsSync)];
  return sources.some((file) => statSync(file).mtimeMs > built);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One build at a time in this folder: a second `npm start` waits for the build under way rather than writing beside it. */
async function withLock(work) {
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (waited > 60_000) rmSync(LOCK, { recursive: true, force: true }); // left by a build that was killed
      sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds dist/ when it is stale; false (having said why) when it cannot. */
export async function build({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('linkwell: esbuild is not installed (npm ci installs it), so dist/ cannot be built.\n');
    return false;
  }
  return withLock(async () => {
    if (!isStale()) return true; // built by whoever held the lock
    if (!quiet) process.stderr.write('linkwell: building dist/...\n');
    rmSync(DIST, { recursive: true, force: true });
    try {
      await esbuild.build({
        entryPoints: COMMANDS.map((name) => join(ROOT, 'bot', 'cli', `${name}.ts`)),
        outdir: DIST,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        sourcemap: true,
        chunkNames: 'chunks/[name]-[hash]',
        logLevel: 'error',
      });
    } catch {
      process.stderr.write('linkwell: the build failed (the errors are above).\n');
      return false;
    }
    writeFileSync(STAMP, `${new Date().toISOString()}\n`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ok = await build();
  process.exit(ok ? 0 : 1);
}
