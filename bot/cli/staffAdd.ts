import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { normaliseEmail } from '../../storage/staffEmail.js';
import { systemClock } from '../time/clock.js';
import type { Programme } from '../config/programmeSchema.js';
import { hashPassword } from '../staff/passwordHash.js';
import { roleLabel } from '../staff/pages/layout.js';
import { commandStore, emailSchema, passwordSchema, problems, programmeOption, readPassword, runStaffCommand, UsageError } from './staffCli.js';

// `npm run staff:add -- --email a@b.org --name "Sam Okafor" --role link-worker --link-worker sam
//   [--programme FILE] [--data-dir DIR] [--password-stdin]`: create a staff account for the web pages.
// The password is asked for without echo, or read from standard input; never from the command line
// (it would stay in the shell history). Runs beside npm start: it only adds new files.

const USAGE = `Usage: npm run staff:add -- --email ADDRESS --name "FULL NAME" --role link-worker|duty|admin [--link-worker ID]
                          [--programme FILE] [--data-dir DIR] [--password-stdin]`;

function accountSchema(programme: Programme) {
  const workerIds = programme.linkWorkers.map((w) => w.id);
  return z
    .object({
      email: emailSchema,
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

const CANNOT = 'Cannot create the account';

await runStaffCommand(USAGE, async () => {
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
  const programme = await programmeOption(values.programme);
  const args = accountSchema(programme).safeParse(values);
  if (!args.success) throw new UsageError(problems(CANNOT, args.error.issues, (path) => `--${path}`));
  const typed = await readPassword(values['password-stdin'], { label: 'Password', cancelled: 'Cancelled: no account was created.' });
  const password = passwordSchema.safeParse(typed);
  if (!password.success) throw new UsageError(problems(CANNOT, password.error.issues, () => 'password'));

  const { store, where } = await commandStore(values['data-dir']);
  const accounts = store.staffAccounts;
  try {
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
    if (!created.ok) throw new UsageError(`There is already a staff account for ${normaliseEmail(email)} in ${where}.`, false);
    process.stdout.write(`Created the ${roleLabel(role)} account for ${name} <${created.account.email}> in ${where}. They sign in at /staff/sign-in.\n`);
  } finally {
    await store.close();
  }
});
