import type { Request, Response, Server } from 'restify';
import type { StaffRole } from '../../../storage/records.js';
import { programmeInstruments } from '../../config/programmeSchema.js';
import { itemCsvLines } from '../../reports/itemCsv.js';
import { readWaveSummary } from '../../reports/outcomes.js';
import { attendanceSummaryCsv, waveSummaryCsv } from '../../reports/waveSummaryCsv.js';
import type { SignedIn } from '../staffSessions.js';
import { sendPage } from '../staffResponses.js';
import { OutcomesCache } from './outcomesCache.js';
import { programmeClients } from './outcomesClients.js';
import { csvFilename, csvHeaders, streamCsv } from './outcomesDownload.js';
import { outcomesView } from './outcomesView.js';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/**
 * Outcomes are programme-level: duty and admin staff only. A link worker gets 403, also for their
 * own caseload, whose numbers would mostly be suppressed and could single clients out. Both roles
 * may take every download, the item-level one included (a duty worker is often the one who sends
 * it to the analyst); each download is logged with who, what and when, never its contents.
 */
export const OUTCOMES_ROLES: readonly StaffRole[] = ['duty', 'admin'];

/**
 * How long the summary is kept. Reading 2,000 clients' histories takes seconds (measured by
 * test/bench/outcomesBench.ts), so reloads and the summary downloads within a minute share one.
 */
export const SUMMARY_MAX_AGE_MS = 60_000;
/** Up to this old, the figures kept are shown at once while fresh ones are worked out behind them. */
export const SUMMARY_STALE_MS = 15 * 60_000;
const WARM_AFTER_MS = 30_000;

/** The programme outcomes page and its CSV downloads. */
export function registerOutcomesPage(server: Server, deps: StaffPagesDeps): void {
  const { page, programme, clock } = deps;
  const library = programmeInstruments(programme);
  const today = () => clock.now().setZone(programme.timezone).toISODate()!;
  const clients = async () => programmeClients(await deps.clients.list(), programme.id);
  const summary = new OutcomesCache(async () => readWaveSummary(programme, await clients(), deps.readOnlyHistory), clock, SUMMARY_MAX_AGE_MS, SUMMARY_STALE_MS);
  // Worked out once soon after start-up, so the first person to open the page does not wait for it.
  if (deps.background) clock.after(WARM_AFTER_MS, () => summary.warm());
  const logDownload = (signedIn: SignedIn, download: string) =>
    deps.log.info('outcomes downloaded', { staffId: signedIn.staff.id, role: signedIn.staff.role, programmeId: programme.id, download });

  server.get(
    '/staff/outcomes',
    page(OUTCOMES_ROLES, async (_req: Request, res: Response, signedIn) => {
      const { value, computedAt } = await summary.get();
      sendPage(res, 200, outcomesView({ programmeName: programme.name, zone: programme.timezone, summary: value, library, signedIn, computedAt }));
    }),
  );

  server.get(
    '/staff/outcomes/items.csv',
    page(OUTCOMES_ROLES, async (_req, res, signedIn) => {
      logDownload(signedIn, 'items.csv');
      const whole = await streamCsv(res, csvFilename(programme.id, 'items', today()), itemCsvLines(await clients(), deps.readOnlyHistory));
      if (!whole) deps.log.info('outcomes download stopped by the browser', { staffId: signedIn.staff.id, download: 'items.csv' });
    }),
  );

  for (const [download, what, csv] of [
    ['waves.csv', 'waves', waveSummaryCsv],
    ['attendance.csv', 'attendance', attendanceSummaryCsv],
  ] as const) {
    server.get(
      `/staff/outcomes/${download}`,
      page(OUTCOMES_ROLES, async (_req, res, signedIn) => {
        logDownload(signedIn, download);
        const text = csv((await summary.get()).value);
        res.writeHead(200, csvHeaders(csvFilename(programme.id, what, today())));
        res.end(text);
      }),
    );
  }
}
