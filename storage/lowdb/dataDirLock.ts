import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataDirLockedError } from '../errors.js';

// Directories held by this process: the pid in a lock file cannot tell a second open here from a
// stale lock left by an earlier process that had our pid (pid 1 in a container).
const heldHere = new Set<string>();

/**
 * Claim the data directory for this process. A second server on the same embedded store would
 * send scheduled messages twice, so it is refused; a lock left by a process that has died is taken over.
 * Returns a function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const held = resolve(dataDir);
  if (heldHere.has(held)) throw new DataDirLockedError(dataDir, process.pid);
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, '.lock');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    writeFileSync(path, String(process.pid));
  }
  heldHere.add(held);
  let released = false;
  return () => {
    // A second close must not remove the lock of a store opened since.
    if (released) return;
    released = true;
    heldHere.delete(held);
    rmSync(path, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process killed (say, with SIGKILL) whose parent has not collected it yet still answers to its pid
 * but holds nothing: in a container whose first process does not reap, it can stay so for good.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    // No /proc (not Linux), or gone since: as alive as process.kill said.
    return false;
  }
}
