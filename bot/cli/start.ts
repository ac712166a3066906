import { createApp } from '../server/app.js';
import { loadEnv } from '../config/env.js';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile } from '../config/programmeSchema.js';
import { CorruptDataError, DataDirLockedError, DatabaseUnavailableError, ProgrammeMismatchError, SchemaBehindError } from '../../storage/errors.js';

// `npm start`: run Linkwell on the embedded store (or PostgreSQL, with DATABASE_URL). Problems a person can fix are printed plainly,
// without a stack trace, and stop start-up.

// Anything that escapes every handler is a bug: logged by its name and where it was thrown (not its
// message, which can quote input), then the process exits non-zero so its supervisor starts it again.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    const described = error instanceof Error ? `${error.name}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}` : typeof error;
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: `process ${event}: exiting`, error: described })}\n`);
    process.exit(70);
  });
}

try {
  const config = loadEnv();
  const programme = await loadProgrammeFile(config.programmeFile);
  const app = await createApp({ config, programme });
  const url = await app.listen();
  const lines = [`Linkwell is running for "${programme.name}" at ${url}`];
  if (app.demoClientId) {
    lines.push(`Demo web chat for the demo client (open in a browser):`, `  ${(await app.chatLinkFor(app.demoClientId)).url}`);
  }
  lines.push(config.adminApiToken ? 'Admin API: enabled (bearer ADMIN_API_TOKEN).' : 'Admin API: disabled until ADMIN_API_TOKEN is set in .env.');
  lines.push(
    app.sms
      ? `SMS: on. Twilio webhooks: ${app.baseUrl()}/api/sms (messages) and ${app.baseUrl()}/api/sms/status (delivery reports).`
      : 'SMS: disabled (Twilio is not configured in .env). To try the SMS conversation without a phone: npm run sms -- +447700900001 "check in"',
  );
  lines.push(`Staff pages: ${url}/staff (create an account first: npm run staff:add -- --email you@example.org --name "Your Name" --role admin).`);
  const { checkIn, quietHours } = programme;
  const when = typeof checkIn.cadence === 'object' ? checkIn.cadence.weekdays.join(', ') : `${checkIn.cadence} on ${checkIn.day}`;
  lines.push(
    `Scheduler: on. Check-ins ${when} at ${checkIn.time} in each client's own time zone, nothing ${quietHours.start}-${quietHours.end}; npm run schedule:preview -- --client <id> shows a client's plan.`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  const stop = async (signal: string) => {
    app.log.info('stopping', { signal });
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof CorruptDataError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof SchemaBehindError ||
    error instanceof ProgrammeMismatchError
  ) {
    process.stderr.write(`Linkwell cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
