import { ConversationState } from 'botbuilder-core';
import { toSmsText } from '../../cards/smsText.js';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { LinkwellBot } from '../../dialogs/linkwellBot.js';
import { AlertService } from '../care/alerts/alertService.js';
import { NotEnrolledTexts } from '../care/alerts/notEnrolledTexts.js';
import { riskScreenFor } from '../care/alerts/riskScreen.js';
import { scoreAlerts } from '../care/alerts/scoreAlerts.js';
import { GroupDirectory, type GroupEntry } from '../care/groups/groupDirectory.js';
import { ClientData } from '../care/privacy/clientData.js';
import { Retention } from '../care/privacy/retention.js';
import type { ContactPreferences } from '../channels/contactPreferences.js';
import type { SmsDispatcher } from '../channels/sms/smsDispatcher.js';
import { checkInInstruments, programmeInstruments } from '../config/programmeSchema.js';
import { wordingFor } from '../config/wordingFor.js';
import { checkInLedgerHooks } from '../schedule/checkInLedgerHooks.js';
import type { Ground } from './ground.js';

export type Care = Awaited<ReturnType<typeof buildCare>>;

/** The care features: the conversations, risk screening and alerts, groups, a client's data and its retention. */
export async function buildCare(g: Ground, contact: ContactPreferences, outbox: SmsDispatcher | undefined) {
  const { config, programme, store, clock, log, clientChanged } = g;
  // The programme file's groups, with what admins have changed since; a group changed: everyone linked to it is planned again.
  const groupDirectory = await GroupDirectory.open(programme, store.groupEntries<GroupEntry>(programme.id), clock);
  groupDirectory.onChange = (groupId) =>
    void store.clients
      .find({ groupId })
      .then((linked) => {
        for (const c of linked) clientChanged.emit(c.id);
      })
      .catch((error: unknown) => log.error('re-planning after a group change failed', { error: (error as Error).message }));
  const screen = riskScreenFor(programme, log);
  const alerts = new AlertService({
    alerts: store.alerts,
    clients: store.clients,
    programme,
    // Texts to staff go through the clients' durable outbox, kept apart by contact.
    staffSms: outbox && { send: (to, body, staff) => outbox.enqueue(`staff:${staff.contactId}`, to, toSmsText(body), { compliance: true, staff }) },
    webhook: programme.alerts.webhookUrl && config.alertWebhookSecret ? { url: programme.alerts.webhookUrl, secret: config.alertWebhookSecret } : undefined,
    // Staff open an alert on its page (signing in first if need be, then straight back to it).
    alertLink: (id) => `${g.baseUrl()}/staff/alerts/${id}`,
    clock,
    log,
    shared: store.backend === 'postgres',
  });
  if (outbox) outbox.onStaffDelivery = (record, status) => alerts.staffDelivery(record.staff!.alertId, record.id, status);
  if (programme.alerts.webhookUrl && !config.alertWebhookSecret) log.warn('alerts.webhookUrl is set but ALERT_WEBHOOK_SECRET is not: alerts are not posted');
  const onScores = scoreAlerts({ history: store.clients, ledger: store.schedule, alerts, config: programme.risk.triggers, clock });
  const ledgerHooks = checkInLedgerHooks({ ledger: store.schedule, clients: store.clients, quietHours: programme.quietHours, clock, clientChanged });
  const checkInDialog = new CheckInDialog({
    instruments: checkInInstruments(programme),
    library: programmeInstruments(programme),
    wording: programme.wording,
    wordingIn: (language) => wordingFor(programme, language),
    history: store.clients,
    clock,
    windowHours: programme.checkIn.windowHours,
    hooks: {
      ...ledgerHooks,
      closed: async (clientId, checkInId) => {
        await ledgerHooks.closed(clientId, checkInId);
        await onScores(clientId, checkInId);
      },
    },
  });
  const conversationState = new ConversationState(store.botStorage);
  const bot = new LinkwellBot({
    programme,
    conversationState,
    checkInDialog,
    clients: store.clients,
    history: store.clients,
    contact,
    clock,
    safety: { screen, alerts },
    groups: {
      directory: { groups: () => groupDirectory.groups(), flag: async (groupId, report) => void (await groupDirectory.flag(groupId, report)) },
      clientChanged,
      followUpWindowHours: programme.groupMessages.followUpWindowHours,
    },
  });
  const { clients, schedule: ledger, smsOutbox, smsInbox, botStorage, webChat, pushSubscriptions, privacyAudit: audit } = store;
  return {
    groupDirectory,
    screen,
    alerts,
    conversationState,
    bot,
    notEnrolled: new NotEnrolledTexts({ programme, alerts, screen, unknownSenderReply: programme.wording.unknownSender }),
    clientData: new ClientData({
      programmeId: programme.id,
      clients,
      history: clients,
      alerts,
      ledger,
      smsOutbox,
      smsInbox,
      conversationState: botStorage,
      webChat,
      pushSubscriptions,
      audit,
      clock,
      log,
    }),
    retention: new Retention({ months: programme.retention.clientWordsMonths, clients, history: clients, webChat, clock, log }),
  };
}
