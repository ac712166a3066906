import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { CorruptDataError, DatabaseUnavailableError, SchemaBehindError } from '../../storage/errors.js';
import { openStore, storeName } from '../../storage/open/openStore.js';
import { systemClock } from '../time/clock.js';
import { loadEnv } from '../config/env.js';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile } from '../config/programmeSchema.js';
import { scheduleStateOf } from '../schedule/scheduleState.js';
import { simulateSchedule, type SimulatedEvent } from '../schedule/simulateSchedule.js';

// `npm run schedule:preview -- --client ID [--programme FILE] [--weeks 12]`: every message the
// scheduler would start for a client, with local date and time, and why anything would be skipped.
// Reads DATA_DIR without taking it over, so it runs beside npm start.

const USAGE = 'Usage: npm run schedule:preview -- --client <client id or phone> [--programme FILE] [--weeks 12] [--from 2026-01-05]';
const LABELS: Record<string, string> = { routine: 'check-in', wave: 'measurement wave', ending: 'ending' };

try {
  const { values } = parseArgs({
    options: { client: { type: 'string' }, programme: { type: 'string' }, weeks: { type: 'string', default: '12' }, from: { type: 'string' } },
  });
  const weeks = Number(values.weeks);
  const start = values.from ? DateTime.fromISO(values.from, { zone: 'utc' }) : systemClock.now();
  if (!values.client || !Number.isInteger(weeks) || weeks < 1 || weeks > 104 || !start.isValid) {
    process.stderr.write(`${USAGE}\n  --weeks: a whole number from 1 to 104; --from: a date such as 2026-01-05 (default: now).\n`);
    process.exit(1);
  }
  const config = loadEnv();
  const programme = await loadProgrammeFile(values.programme ?? config.programmeFile);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, alongside: true });
  const client = (await store.clients.get(values.client)) ?? (await store.clients.findByPhone(values.client));
  await store.close();
  if (!client) {
    process.stderr.write(`No client "${values.client}" in ${storeName(config)}.\n`);
    process.exit(1);
  }
  const from = start;
  const events = simulateSchedule({
    programme,
    from,
    to: from.plus({ weeks }),
    // Nothing is sent before a client agrees; the preview shows what would follow their YES.
    client: () => ({ ...scheduleStateOf(client), consentedAt: client.consentedAt ?? client.createdAt }),
    answers: () => false,
  });
  process.stdout.write(`${client.name}, ${programme.name}: the next ${weeks} weeks in ${client.timezone} time\n`);
  if (!client.consentedAt) process.stdout.write('(Has not replied YES yet: nothing is sent until they do. Shown as if they had agreed at enrolment.)\n');
  process.stdout.write('\n');
  for (const event of events) process.stdout.write(`${line(event, client.timezone)}\n`);
  if (events.length === 0) process.stdout.write('Nothing planned.\n');
} catch (error) {
  if (error instanceof ConfigError || error instanceof CorruptDataError || error instanceof DatabaseUnavailableError || error instanceof SchemaBehindError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function line(event: SimulatedEvent, zone: string): string {
  const { occurrence } = event;
  const when = event.at.setZone(zone).setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm');
  const what =
    occurrence.kind === 'reminder'
      ? `reminder of the ${DateTime.fromISO(occurrence.item, { zone }).setLocale('en-GB').toFormat('d LLL')} check-in, if not answered`
      : `${LABELS[occurrence.kind] ?? occurrence.kind}${occurrence.kind === 'routine' ? '' : ` ${occurrence.item}`}`;
  if (event.outcome === 'sent') {
    const late = event.at.toMillis() - occurrence.due.toMillis() >= 60_000 ? ` (due ${occurrence.due.setZone(zone).toFormat('ccc HH:mm')}, held back)` : '';
    return `${when}  ${what}${late}`;
  }
  return `${when}  skipped: ${what}, because ${event.reason?.replace(/-/g, ' ')}`;
}
