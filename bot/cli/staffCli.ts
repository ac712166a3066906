import { resolve } from 'node:path';
import { z } from 'zod';
import { CorruptDataError, DatabaseUnavailableError, SchemaBehindError } from '../../storage/errors.js';
import { openStore, storeName } from '../../storage/open/openStore.js';
import type { Store } from '../../storage/ports.js';
import { loadEnv, type AppConfig } from '../config/env.js';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile, type Programme } from '../config/programmeSchema.js';

// What the staff account commands (staff:add, staff:set) share: options, the password, and how they fail.

export const MIN_PASSWORD = 12;

export const passwordSchema = z.string().min(MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters`).max(1024, 'must be at most 1024 characters');

export const emailSchema = z.email('expected an email address such as sam@example.org').max(254);

/** A problem the person running the command can fix: printed as is, without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** Every problem at once, one line each: `Cannot create the account:\n  - --email: expected …`. */
export function problems(heading: string, issues: ReadonlyArray<z.core.$ZodIssue>, label: (path: string) => string): string {
  return `${heading}:\n${issues.map((i) => `  - ${label(i.path.join('.'))}: ${i.message}`).join('\n')}`;
}

let env: Readonly<AppConfig> | undefined;

/**
 * The store a command changes, opened beside a running Linkwell, and its name for messages:
 * `--data-dir` (a lowdb folder), else DATABASE_URL, else DATA_DIR, from `.env` (read only when the option is missing).
 */
export async function commandStore(dataDirOption: string | undefined): Promise<{ store: Store; where: string }> {
  const config = dataDirOption === undefined ? (env ??= loadEnv()) : undefined;
  const at = { dataDir: resolve(dataDirOption ?? config!.dataDir), databaseUrl: config?.databaseUrl };
  return { store: await openStore({ ...at, alongside: true }), where: storeName(at) };
}

/** `--programme`, else PROGRAMME_FILE from `.env` (read only when the option is missing). */
export function programmeOption(option: string | undefined): Promise<Programme> {
  return loadProgrammeFile(option ?? (env ??= loadEnv()).programmeFile);
}

/**
 * Run a command's body; a problem the user can fix (bad options, configuration, data) is printed
 * without a stack trace and exits 1, with the usage when it would help.
 */
export async function runStaffCommand(usage: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UsageError || code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const showUsage = !(error instanceof UsageError) || error.showUsage;
      process.stderr.write(`${(error as Error).message}\n${showUsage ? `${usage}\n` : ''}`);
      process.exit(1);
    }
    if (error instanceof ConfigError || error instanceof CorruptDataError || error instanceof DatabaseUnavailableError || error instanceof SchemaBehindError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * The password from standard input, or asked for twice on the terminal without echo; never from the
 * command line (it would stay in the shell history). `cancelled` is what Ctrl-C at the prompt says.
 */
export async function readPassword(fromStdin: boolean, prompt: { label: string; cancelled: string }): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new UsageError('Give the password on standard input with --password-stdin, or run this in a terminal to be asked for it.');
  const first = await askHidden(`${prompt.label} (at least ${MIN_PASSWORD} characters): `, prompt.cancelled);
  const second = await askHidden('The same password again: ', prompt.cancelled);
  if (first !== second) throw new UsageError('The two passwords are not the same.', false);
  return first;
}

/** Ask for a line on the terminal without showing what is typed. */
function askHidden(question: string, cancelled: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolvePromise, reject) => {
    let typed = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolvePromise(typed);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError(cancelled, false));
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}
