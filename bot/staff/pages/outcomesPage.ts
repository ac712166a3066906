import type { Request, Response, Server } from 'restify';
import type { StaffRole } from '../../../storage/records.js';
import { programmeInstruments } from '../../config/programmeSchema.js';
import { itemCsvLines } from '../../care/reports/itemCsv.js';
import { tallySummary } from '../../care/reports/outcomes.js';
import { attendanceSummaryCsv, waveSummaryCsv } from '../../care/reports/waveSummaryCsv.js';
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
 * After start-up, facts of clients written without them (data from before the outcome tally, a
 * copied-in folder or database, a crash) are worked out from their histories, once, so the first
 * person to open the page does not wait for it; until then the page does it itself.
 */
const CATCH_UP_AFTER_MS = 30_000;

/** The programme outcomes page and its CSV downloads. */
export function registerOutcomesPage(server: Server, deps: StaffPagesDeps): void {
  const { page, programme, clock } = deps;
  const library = programmeInstruments(programme);
  const today = () => clock.now().setZone(programme.timezone).toISODate()!;
  const clients = async () => programmeClients(await deps.clients.list(), programme.id);
  // From the tally the store keeps as answers are written: a fraction of a second for thousands of
  // clients, the same on every instance, never stale. Nothing is kept between requests; requests
  // that come together share one reading.
  const summary = new OutcomesCache(() => tallySummary(programme, deps.outcomes), clock, 0);
  if (deps.background) {
    clock.after(CATCH_UP_AFTER_MS, () => {
      deps.outcomes.catchUp().then(
        (clients) => {
          if (clients > 0) deps.log.info('outcome tally worked out from histories', { clients });
        },
        (error: unknown) => deps.log.error('outcome tally could not be worked out', { error: (error as Error).name }),
      );
    });
  }
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
