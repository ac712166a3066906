import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CorruptDataError } from '../../storage/errors.js';
import { normaliseEmail, openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { systemClock } from '../clock.js';
import { loadEnv } from '../config/env.js';
import { ConfigError } from '../config/formatIssues.js';
import { loadProgrammeFile, type Programme } from '../config/programmeSchema.js';
import { hashPassword } from '../staff/passwordHash.js';
import { roleLabel } from '../staff/pages/layout.js';

// `npm run staff:add -- --email a@b.org --name "Sam Okafor" --role link-worker --link-worker sam
//   [--programme FILE] [--data-dir DIR] [--password-stdin]`: create a staff account for the web pages.
// The password is asked for without echo, or read from standard input; never from the command line
// (it would stay in the shell history). Runs beside npm start: it only adds new files.

const USAGE = `Usage: npm run staff:add -- --email ADDRESS --name "FULL NAME" --role link-worker|duty|admin [--link-worker ID]
                          [--programme FILE] [--data-dir DIR] [--password-stdin]`;
const MIN_PASSWORD = 12;

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters`)
  .max(1024, 'must be at most 1024 characters');

function accountSchema(programme: Programme) {
  const workerIds = programme.linkWorkers.map((w) => w.id);
  return z
    .object({
      email: z.email('expected an email address such as sam@example.org').max(254),
      name: z.string().trim().min(1, 'required').max(200),
      role: z.enum(['link-worker', 'duty', 'admin'], 'expected link-worker, duty or admin'),
      'link-worker': z.string().optional(),
    })
    .superRefine((args, ctx) => {
      const id = args['link-worker'];
      if (args.role === 'link-worker' && !id) {
        ctx.addIssue({ code: 'custom', path: ['link-worker'], message: `required for role link-worker (one of: ${workerIds.join(', ')})` });
      } else if (args.role === 'link-worker' && id && !workerIds.includes(id)) {
        ctx.addIssue({ code: 'custom', path: ['link-worker'], message: `no link worker "${id}" in ${programme.name} (one of: ${workerIds.join(', ')})` });
      } else if (args.role !== 'link-worker' && id) {
        ctx.addIssue({ code: 'custom', path: ['link-worker'], message: 'only for role link-worker' });
      }
    });
}

/** A problem the person running the command can fix: printed as is, without a stack trace. */
class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

try {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'link-worker': { type: 'string' },
      programme: { type: 'string' },
      'data-dir': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const config = values.programme && values['data-dir'] ? undefined : loadEnv();
  const programme = await loadProgrammeFile(values.programme ?? config!.programmeFile);
  const dataDir = resolve(values['data-dir'] ?? config!.dataDir);
  const args = accountSchema(programme).safeParse(values);
  if (!args.success) throw new UsageError(problems(args.error.issues, (path) => `--${path}`));
  const password = passwordSchema.safeParse(await readPassword(values['password-stdin']));
  if (!password.success) throw new UsageError(problems(password.error.issues, () => 'password'));

  const { accounts } = openStaffStore(dataDir);
  const { email, name, role } = args.data;
  const created = await accounts.create({
    id: randomBytes(12).toString('base64url'),
    email,
    name,
    role,
    ...(role === 'link-worker' ? { linkWorkerId: args.data['link-worker'] } : {}),
    passwordHash: await hashPassword(password.data),
    failedAttempts: 0,
    createdAt: systemClock.now().toISO()!,
  });
  if (!created.ok) throw new UsageError(`There is already a staff account for ${normaliseEmail(email)} in ${dataDir}.`, false);
  process.stdout.write(`Created the ${roleLabel(role)} account for ${name} <${created.account.email}> in ${dataDir}. They sign in at /staff/sign-in.\n`);
} catch (error) {
  if (error instanceof UsageError || (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const usage = !(error instanceof UsageError) || error.showUsage;
    process.stderr.write(`${(error as Error).message}\n${usage ? `${USAGE}\n` : ''}`);
    process.exit(1);
  }
  if (error instanceof ConfigError || error instanceof CorruptDataError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function problems(issues: ReadonlyArray<z.core.$ZodIssue>, label: (path: string) => string): string {
  return `Cannot create the account:\n${issues.map((i) => `  - ${label(i.path.join('.'))}: ${i.message}`).join('\n')}`;
}

async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new UsageError('Give the password on standard input with --password-stdin, or run this in a terminal to be asked for it.');
  const first = await askHidden('Password (at least 12 characters): ');
  const second = await askHidden('The same password again: ');
  if (first !== second) throw new UsageError('The two passwords are not the same.', false);
  return first;
}

/** Ask for a line on the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
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
          reject(new UsageError('Cancelled: no account was created.', false));
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}
