import { spawn } from 'node:child_process';

/** What a command run as a child process left. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a TypeScript command (`bot/cli/…`) as `npm run` would, with `stdin` typed in and `env` added to the environment. */
export function runScript(path: string, args: string[], stdin = '', env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A run that fails on its options exits without reading standard input.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}
