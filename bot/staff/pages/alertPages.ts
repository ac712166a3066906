import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import type { AlertRecord, ClientHistory, ClientRecord } from '../../../storage/records.js';
import { programmeInstruments } from '../../config/programmeSchema.js';
import { canSeeAlert, inboxOrder, triggeringNote, type InboxView } from '../alertInbox.js';
import { sendPage, redirect } from '../staffResponses.js';
import type { SignedIn } from '../staffSessions.js';
import { alertInboxPage } from './alertInboxPage.js';
import { alertPage, type AlertPageOptions, type AnsweredCheckIn, type TriggerView } from './alertPage.js';
import { problemPage } from './problemPage.js';
import type { StaffPagesDeps } from './staffPagesDeps.js';

const VIEWS: readonly InboxView[] = ['active', 'resolved', 'all'];
/** The resolved alerts the inbox lists (they are kept for years): the most recently resolved. */
export const RESOLVED_SHOWN = 100;
const NOTE_MAX = 2000;
const RECENT_CHECK_INS = 3;
const RECENT_NOTES = 5;

/**
 * The alerts inbox (GET /staff/alerts), one alert (GET /staff/alerts/:id), and acknowledging and
 * resolving it from the page. A link worker sees only alerts about their own clients; an alert
 * they may not see answers 404, as one that does not exist.
 */
export function registerAlertPages(server: Server, deps: StaffPagesDeps): void {
  const { page, programme } = deps;
  const instruments = programmeInstruments(programme);

  server.get(
    '/staff/alerts',
    page(undefined, async (req, res, signedIn) => {
      const view = VIEWS.find((v) => v === req.query?.show) ?? 'active';
      // A link worker's own clients, by index (duty and admin see every alert): their alerts are found by client.
      const own =
        signedIn.staff.role === 'link-worker'
          ? signedIn.staff.linkWorkerId
            ? await deps.clients.find({ linkWorkerId: signedIn.staff.linkWorkerId })
            : []
          : undefined;
      const clientIds = own?.map((c) => c.id);
      // Those being dealt with, and a page of the most recently resolved: never every alert kept.
      const unresolved = view === 'resolved' ? [] : await deps.alerts.find({ state: 'unresolved', clientIds });
      const resolved = view === 'active' ? [] : await deps.alerts.recentlyResolved({ clientIds, limit: RESOLVED_SHOWN });
      const alerts = [...unresolved, ...resolved];
      const clients = new Map((own ?? (await deps.clients.getMany([...new Set(alerts.flatMap((a) => a.clientId ?? []))]))).map((c) => [c.id, c]));
      const visible = alerts
        .map((alert) => ({ alert, client: alert.clientId ? clients.get(alert.clientId) : undefined }))
        .filter(({ client }) => canSeeAlert(signedIn.staff, client));
      const ordered = inboxOrder(
        visible.map((v) => v.alert),
        view,
      );
      const byId = new Map(visible.map((v) => [v.alert.id, v]));
      sendPage(
        res,
        200,
        alertInboxPage({
          programmeName: programme.name,
          zone: programme.timezone,
          signedIn,
          now: deps.clock.now(),
          view,
          alerts: ordered.map((a) => byId.get(a.id)!),
          resolvedCut: resolved.length === RESOLVED_SHOWN ? RESOLVED_SHOWN : undefined,
        }),
      );
    }),
  );

  server.get(
    '/staff/alerts/:id',
    page(undefined, async (req, res, signedIn) => {
      const found = await visibleAlert(req, signedIn);
      if (!found) return notFound(res, signedIn);
      const done = req.query?.done === 'acknowledged' || req.query?.done === 'resolved' ? req.query.done : undefined;
      sendPage(res, 200, alertPage(await pageOptions(found.alert, found.client, signedIn, { done })));
    }),
  );

  server.post(
    '/staff/alerts/:id/ack',
    page(undefined, async (req, res, signedIn) => {
      const found = await visibleAlert(req, signedIn);
      if (!found) return notFound(res, signedIn);
      const result = await deps.alerts.acknowledge(found.alert.id, { id: staffName(signedIn), via: 'staff-pages' });
      redirect(res, `/staff/alerts/${found.alert.id}${result.ok && found.alert.state === 'open' ? '?done=acknowledged' : ''}`);
    }),
  );

  server.post(
    '/staff/alerts/:id/resolve',
    page(undefined, async (req, res, signedIn) => {
      const found = await visibleAlert(req, signedIn);
      if (!found) return notFound(res, signedIn);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const note = typeof body.note === 'string' ? body.note.trim() : '';
      const message =
        note === ''
          ? 'Enter what was done before you resolve the alert'
          : note.length > NOTE_MAX
            ? `Shorten the note to ${NOTE_MAX} characters or fewer`
            : undefined;
      if (message) {
        sendPage(res, 400, alertPage(await pageOptions(found.alert, found.client, signedIn, { problem: { message, note } })));
        return;
      }
      const wasResolved = found.alert.state === 'resolved';
      await deps.alerts.resolve(found.alert.id, staffName(signedIn), note);
      redirect(res, `/staff/alerts/${found.alert.id}${wasResolved ? '' : '?done=resolved'}`);
    }),
  );

  async function visibleAlert(req: Request, signedIn: SignedIn): Promise<{ alert: AlertRecord; client: ClientRecord | undefined } | undefined> {
    const alert = await deps.alerts.get(String(req.params?.id ?? ''));
    if (!alert) return undefined;
    const client = alert.clientId ? await deps.clients.get(alert.clientId) : undefined;
    return canSeeAlert(signedIn.staff, client) ? { alert, client } : undefined;
  }

  function notFound(res: Response, signedIn: SignedIn): void {
    sendPage(res, 404, problemPage(programme.name, 'Alert not found', 'There is no such alert, or it is about a client outside your caseload.', signedIn));
  }

  async function pageOptions(
    alert: AlertRecord,
    client: ClientRecord | undefined,
    signedIn: SignedIn,
    extra: Pick<AlertPageOptions, 'done' | 'problem'>,
  ): Promise<AlertPageOptions> {
    const now = deps.clock.now();
    const history = client ? await deps.history.history(client.id, monthsFor(alert, now)) : undefined;
    const recentCheckIns = history
      ? history.checkIns
          .filter((c) => history.responses.some((r) => r.checkInId === c.id))
          .slice(-RECENT_CHECK_INS)
          .reverse()
          .map((c) => answered(history, c.id)!)
      : [];
    const triggers = [{ ...alert.trigger, at: alert.createdAt }, ...(alert.furtherTriggers ?? [])].map(
      ({ at, ...t }): TriggerView =>
        t.kind === 'message'
          ? { kind: 'message', at, channel: t.channel, note: history && triggeringNote(history.notes, at, t.channel, t.messageId) }
          : { kind: 'score', at, reason: t.reason, checkIn: history && answered(history, t.checkInId) },
    );
    return {
      programme,
      instruments,
      signedIn,
      now,
      alert,
      client,
      triggers,
      recentCheckIns,
      recentNotes: history ? history.notes.slice(-RECENT_NOTES).reverse() : [],
      ...extra,
    };
  }
}

/** Who acted, as the audit trail shows it: name and email (the email is what makes it one person). */
function staffName(signedIn: SignedIn): string {
  return `${signedIn.staff.name} (${signedIn.staff.email})`;
}

/**
 * The months of history an alert page reads (never the whole history): those of the alert and
 * its triggers (a scored check-in can have started up to a month before) and the last two.
 */
function monthsFor(alert: AlertRecord, now: DateTime): string[] {
  const months = new Set<string>();
  for (const at of [alert.createdAt, ...(alert.furtherTriggers ?? []).map((t) => t.at), now.toISO()!]) {
    const month = DateTime.fromISO(at, { zone: 'utc' }).startOf('month');
    months.add(month.toFormat('yyyy-LL'));
    months.add(month.minus({ months: 1 }).toFormat('yyyy-LL'));
  }
  return [...months];
}

function answered(history: ClientHistory, checkInId: string): AnsweredCheckIn | undefined {
  const checkIn = history.checkIns.find((c) => c.id === checkInId);
  if (!checkIn) return undefined;
  return { checkIn, responses: history.responses.filter((r) => r.checkInId === checkInId), scores: history.scores.filter((s) => s.checkInId === checkInId) };
}
