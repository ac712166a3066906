// `npm run build` (also run by postinstall, and by `npm start` when the code changed since the last
// build): bundle Linkwell's TypeScript into dist/, one file per command plus shared chunks, with the
// packages left in node_modules. esbuild only strips types (npm test type-checks); one bundle loads
// in a fraction of the time of some 280 separate modules. Files the code reads at run time (page
// scripts, styles, SQL migrations, programme files) are read from the project folder, not copied.
// Plain .mjs on purpose: it is what turns the TypeScript into JavaScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
/** The commands `npm start` and `npm run <command>` run from dist/. */
export const COMMANDS = ['start', 'smsSimulator', 'staffAdd', 'staffSet', 'dbMigrate', 'dbImport', 'demoWeek', 'programmeCheck', 'pushKeys', 'schedulePreview'];
/** What the last build was made from: every file esbuild read, by a hash of its contents. */
const MANIFEST = join(DIST, 'built-from.json');
const LOCK = join(ROOT, '.dist.lock');

function hashOf(path) {
  return createHash('sha256').update(readFileSync(path)).digest('base64url');
}

/**
 * True when dist/ is missing, or any file it was built from has changed or gone (by content, so a
 * file put back with an older time counts too). Files the code only reads while running (a
 * programme file, a page's script) are not part of the build and do not make it stale.
 */
export function isStale() {
  if (!existsSync(MANIFEST)) return true;
  try {
    const { inputs } = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    return Object.entries(inputs).some(([path, hash]) => !existsSync(join(ROOT, path)) || hashOf(join(ROOT, path)) !== hash);
  } catch {
    return true;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** One build at a time in this folder: a second start waits for the build under way; a lock whose builder died is taken over. */
async function withLock(work) {
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if ((holder && !alive(holder)) || waited > 120_000) rmSync(LOCK, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ (when it is stale, unless `force`); false, having said why, when it cannot. The new
 * build is made beside the old one and put in its place whole, so a failed or killed build leaves
 * the last good one.
 */
export async function build({ force = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('linkwell: esbuild is not installed (npm ci installs it), so dist/ cannot be built.\n');
    return false;
  }
  try {
    return await withLock(async () => {
      if (!force && !isStale()) return true; // built by whoever held the lock
      process.stderr.write('linkwell: building dist/...\n');
      const next = `${DIST}.next-${process.pid}`;
      rmSync(next, { recursive: true, force: true });
      let result;
      try {
        result = await esbuild.build({
          entryPoints: COMMANDS.map((name) => join(ROOT, 'bot', 'cli', `${name}.ts`)),
          outdir: next,
          bundle: true,
          splitting: true,
          format: 'esm',
          platform: 'node',
          target: 'node20',
          packages: 'external',
          sourcemap: true,
          chunkNames: 'chunks/[name]-[hash]',
          metafile: true,
          absWorkingDir: ROOT,
          logLevel: 'error',
        });
      } catch {
        rmSync(next, { recursive: true, force: true });
        process.stderr.write('linkwell: the build failed (the errors are above).\n');
        return false;
      }
      const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((path) => [path, hashOf(join(ROOT, path))]));
      writeFileSync(join(next, 'built-from.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
      const old = `${DIST}.old-${process.pid}`;
      if (existsSync(DIST)) renameSync(DIST, old);
      renameSync(next, DIST);
      rmSync(old, { recursive: true, force: true });
      return true;
    });
  } catch (error) {
    // A folder this user may not write (a service's read-only code folder): say so plainly.
    if (['EACCES', 'EPERM', 'EROFS'].includes(error.code)) {
      process.stderr.write(`linkwell: cannot build dist/ here (${error.code}: this user may not write to ${ROOT}); run npm run build as its owner.\n`);
      return false;
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `npm run build` and postinstall build whatever dist/ holds; `--if-stale` (npm test's pretest) only when the code changed.
  const ok = await build({ force: !process.argv.includes('--if-stale') });
  process.exit(ok ? 0 : 1);
}
