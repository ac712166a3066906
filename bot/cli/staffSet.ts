import { parseArgs } from 'node:util';
import { z } from 'zod';
import { normaliseEmail } from '../../storage/staffEmail.js';
import { hashPassword } from '../staff/passwordHash.js';
import { commandStore, emailSchema, passwordSchema, problems, readPassword, runStaffCommand, UsageError } from './staffCli.js';

// `npm run staff:set -- --email a@b.org [--password-stdin | --new-password] [--disable | --enable] [--unlock]
//   [--data-dir DIR] [--programme FILE]`: what a programme admin does for a colleague who forgot their
// password, was locked out or has left. A new password or --disable also signs them out everywhere.
// --programme is accepted so both staff commands take the same place options; accounts do not depend on it.

const USAGE = `Usage: npm run staff:set -- --email ADDRESS [--password-stdin | --new-password] [--disable | --enable] [--unlock]
                          [--data-dir DIR] [--programme FILE]`;

const ACTIONS = ['password-stdin', 'new-password', 'disable', 'enable', 'unlock'] as const;

const changeSchema = z
  .object({
    email: emailSchema,
    'password-stdin': z.boolean(),
    'new-password': z.boolean(),
    disable: z.boolean(),
    enable: z.boolean(),
    unlock: z.boolean(),
  })
  .superRefine(
    (args, ctx) => {
      if (!ACTIONS.some((action) => args[action])) {
        ctx.addIssue({ code: 'custom', path: [], message: `nothing to do: give at least one of --${ACTIONS.join(', --')}` });
      }
      if (args['password-stdin'] && args['new-password']) {
        ctx.addIssue({ code: 'custom', path: ['new-password'], message: 'not with --password-stdin: give one way to set the password' });
      }
      if (args.disable && args.enable) {
        ctx.addIssue({ code: 'custom', path: ['enable'], message: 'not with --disable: give one of them' });
      }
      // Also when --email is wrong, so every problem is listed at once; parseArgs always gives the booleans.
    },
    { when: () => true },
  );

const CANNOT = 'Cannot change the account';

await runStaffCommand(USAGE, async () => {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      'new-password': { type: 'boolean', default: false },
      disable: { type: 'boolean', default: false },
      enable: { type: 'boolean', default: false },
      unlock: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      programme: { type: 'string' },
    },
  });
  const args = changeSchema.safeParse(values);
  if (!args.success) throw new UsageError(problems(CANNOT, args.error.issues, (path) => (path ? `--${path}` : 'options')));
  const { store, where } = await commandStore(values['data-dir']);
  const { staffAccounts: accounts, staffSessions: sessions } = store;
  try {
    const email = normaliseEmail(args.data.email);
    // Looked up before the password is asked for: no typing a password for an address with no account.
    const account = await accounts.findByEmail(email);
    if (!account) throw new UsageError(`There is no staff account for ${email} in ${where}.`, false);

    const newPassword = args.data['password-stdin'] || args.data['new-password'];
    let passwordHash: string | undefined;
    if (newPassword) {
      const typed = await readPassword(args.data['password-stdin'], { label: 'New password', cancelled: 'Cancelled: nothing was changed.' });
      const password = passwordSchema.safeParse(typed);
      if (!password.success) throw new UsageError(problems(CANNOT, password.error.issues, () => 'password'));
      passwordHash = await hashPassword(password.data);
    }
    const unlock = newPassword || args.data.unlock;
    const changed = await accounts.update(account.id, (a) => ({
      ...a,
      ...(passwordHash ? { passwordHash } : {}),
      ...(unlock ? { failedAttempts: 0, lockedUntil: undefined } : {}),
      ...(args.data.disable ? { disabled: true } : args.data.enable ? { disabled: undefined } : {}),
    }));
    if (!changed) throw new UsageError(`The staff account for ${email} was removed meanwhile in ${where}: nothing was changed.`, false);

    const done: string[] = [];
    if (newPassword) done.push('new password set');
    if (unlock) done.push('lock-out cleared');
    if (args.data.disable) done.push('disabled (sign-in refused)');
    if (args.data.enable) done.push('enabled');
    // Whoever knew the old password, or the person who left, must not stay signed in anywhere.
    if (newPassword || args.data.disable) {
      const theirs = (await sessions.list()).filter((s) => s.staffId === account.id);
      for (const session of theirs) await sessions.remove(session.idHash);
      done.push(`signed out everywhere (${theirs.length} session${theirs.length === 1 ? '' : 's'} ended)`);
    }
    process.stdout.write(`Changed the account of ${changed.name} <${changed.email}> in ${where}: ${done.join(', ')}.\n`);
  } finally {
    await store.close();
  }
});
