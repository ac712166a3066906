import type { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import {
  type ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { openStore } from '../../storage/openStore.js';
import type { Store } from '../../storage/ports.js';
import { registerAdminRoutes } from '../staff/api/adminRoutes.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { AppConfig } from '../config/env.js';
import { checkInInstruments, programmeInstruments, type Programme } from '../config/programmeSchema.js';
import { wordingFor } from '../config/wordingFor.js';
import { DirectLineAdapter, LOCAL_DIRECTLINE_SERVICE_URL } from '../channels/directline/directLineAdapter.js';
import { registerDirectLineRoutes } from '../channels/directline/directLineRoutes.js';
import { botFrameworkActivitySchema } from '../config/botFrameworkActivitySchema.js';
import { emulatorDemoBinding, emulatorOnly } from './emulatorDemoBinding.js';
import { handle } from '../platform/http/handle.js';
import { hardenServer, MAX_BODY_BYTES } from '../platform/http/hardenServer.js';
import { stopServer } from '../platform/http/stopServer.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { LinkwellBot } from '../../dialogs/linkwellBot.js';
import { CheckInStarter, type ProactiveDeps } from '../../dialogs/checkInStarter.js';
import { ScheduledTurns } from '../schedule/scheduledTurns.js';
import { AlertService } from '../care/alerts/alertService.js';
import { NotEnrolledTexts } from '../care/alerts/notEnrolledTexts.js';
import { riskScreenFor } from '../care/alerts/riskScreen.js';
import { isFlagged } from '../care/alerts/alertChain.js';
import { scoreAlerts } from '../care/alerts/scoreAlerts.js';
import { registerAlertRoutes } from '../staff/api/alertRoutes.js';
import { registerAttendanceRoutes } from '../staff/api/attendanceRoutes.js';
import { registerGroupRoutes } from '../staff/api/groupRoutes.js';
import { registerStaffRoutes } from '../staff/staffRoutes.js';
import { canSeeClient, type StaffDeps } from '../staff/staffGuard.js';
import type { Strikes } from '../staff/staffSignIn.js';
import type { StaffPagesDeps } from '../staff/pages/staffPagesDeps.js';
import { registerAlertPages } from '../staff/pages/alertPages.js';
import { registerStaticAssets } from '../staff/pages/staticAssets.js';
import { registerCaseloadPage } from '../staff/pages/caseloadPage.js';
import { registerClientPage } from '../staff/pages/clientPage.js';
import { registerClientDataPages } from '../staff/pages/clientDataPages.js';
import { registerOutcomesPage } from '../staff/pages/outcomesPage.js';
import { ClientSettings } from '../staff/api/clientSettings.js';
import { tellNewLinkWorker } from '../schedule/tellNewLinkWorker.js';
import { GroupDirectory, type GroupEntry } from '../care/groups/groupDirectory.js';
import { toSmsText } from '../../cards/smsText.js';
import { ScheduleDispatcher } from '../schedule/scheduleDispatcher.js';
import { checkInLedgerHooks } from '../schedule/checkInLedgerHooks.js';
import { TokenSigner } from '../platform/signedToken.js';
import { turnErrorHandler } from './turnErrorHandler.js';
import { ClientData } from '../care/privacy/clientData.js';
import { Retention } from '../care/privacy/retention.js';
import { registerPushRoutes } from '../channels/web/push/pushRoutes.js';
import { WebPushNotifier, type PushKind } from '../channels/web/push/webPushNotifier.js';
import { SCHEDULED_MESSAGE_EVENT, START_CHECK_IN_EVENT } from '../channels/turnKeys.js';
import type { ScheduledMessage } from '../channels/scheduledMessage.js';
import { ChatLinks, type ChatLink } from '../channels/web/chatLinks.js';
import { registerChatRoutes } from '../channels/web/chatRoutes.js';
import { ContactPreferences } from '../channels/contactPreferences.js';
import { startSms, type SmsChannel } from '../channels/sms/startSms.js';
import { SMS_SERVICE_URL, smsConversationReference } from '../channels/sms/twilioSmsAdapter.js';

export interface AppOptions {
  config: AppConfig;
  programme: Programme;
  clock?: Clock;
  log?: Logger;
  /** Web chat polling interval the page asks for (tests use a short one). */
  chatPollMs?: number;
  /** Replace the bot (the benchmark compares an echo bot on the same server and adapters). */
  makeBot?: (standard: LinkwellBot) => ActivityHandler;
  /** 'manual': the scheduler runs only when its tick() is called (tests drive it on a fake clock). Default 'auto'. */
  scheduler?: 'auto' | 'manual';
  /** How Web Push reaches push services (tests: one that trusts their local push service). */
  pushAgent?: HttpsAgent;
}

export interface App {
  server: restify.Server;
  store: Store;
  log: Logger;
  /** The demo programme's seeded client, if any. */
  demoClientId: string | undefined;
  /** The SMS channel, when Twilio is configured. */
  sms: SmsChannel | undefined;
  /** Sends scheduled check-ins, reminders, waves and notices; started by listen() unless manual. */
  scheduler: ScheduleDispatcher;
  /** Risk alerts: raised, told, escalated, acknowledged, resolved. */
  alerts: AlertService;
  /** The programme's retention of clients' words (daily; tests apply it with applyNow()). */
  retention: Retention;
  /** Start serving; resolves with the local URL it listens on. */
  listen(): Promise<string>;
  baseUrl(): string;
  /** A new web chat link for a client (older ones stay valid). */
  chatLinkFor(clientId: string): Promise<ChatLink>;
  /** Web chat links: issued, withdrawn. */
  chatLinks: ChatLinks;
  close(): Promise<void>;
}

/** The composition root: builds every part by constructor injection and wires the routes. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, programme } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel, clock);

  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    now: () => clock.now(),
    quarantined: (from, to) => log.warn('a conversation state file could not be parsed: moved aside, the conversation starts afresh', { from, to }),
    log: (message) => log.warn(message),
  });
  try {
    // Instances sharing a database must run the same programme (who is told what, and when).
    await store.joinAs(createHash('sha256').update(JSON.stringify(programme)).digest('hex'));
  } catch (error) {
    await store.close();
    throw error;
  }
  const demoClientId = await seedDemoClient(store, programme, clock);
  // The programme file's groups, with what admins have changed since (kept under DATA_DIR/groups/).
  const groupDirectory = await GroupDirectory.open(programme, store.groupEntries<GroupEntry>(programme.id), clock);

  const chatSecret = config.chatLinkSecret ?? ephemeralSecret(log);
  const signer = new TokenSigner(chatSecret, clock);
  const conversationState = new ConversationState(store.botStorage);
  // The dispatcher is built once the channels exist; check-ins tell it what they do from the start.
  let scheduler: ScheduleDispatcher | undefined;
  const ledgerHooks = checkInLedgerHooks({
    ledger: store.schedule,
    clients: store.clients,
    quietHours: programme.quietHours,
    clock,
    changed: (clientId) => scheduler?.wake(clientId),
  });
  // Alerts are built below, with the channels they text staff through.
  let onScores: ReturnType<typeof scoreAlerts> | undefined;
  const alertOnScores = (clientId: string, checkInId: string) =>
    (onScores ??= scoreAlerts({ history: store.clients, ledger: store.schedule, alerts, config: programme.risk.triggers, clock }))(clientId, checkInId);
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
        await alertOnScores(clientId, checkInId);
      },
    },
  });
  const contact = new ContactPreferences({ clients: store.clients, history: store.clients, clock });
  let sms: SmsChannel | undefined;
  const screen = riskScreenFor(programme, log);
  const alerts = new AlertService({
    alerts: store.alerts,
    clients: store.clients,
    programme,
    // Texts to staff go through the same durable outbox as clients' (built below), kept apart by contact.
    staffSms: config.sms
      ? { send: (to, body, staff) => sms!.dispatcher.enqueue(`staff:${staff.contactId}`, to, toSmsText(body), { compliance: true, staff }) }
      : undefined,
    webhook: programme.alerts.webhookUrl && config.alertWebhookSecret ? { url: programme.alerts.webhookUrl, secret: config.alertWebhookSecret } : undefined,
    // Staff open an alert on its page (signing in first if need be, then straight back to it).
    alertLink: (id) => `${baseUrl()}/staff/alerts/${id}`,
    clock,
    log,
    shared: store.backend === 'postgres',
  });
  if (programme.alerts.webhookUrl && !config.alertWebhookSecret) log.warn('alerts.webhookUrl is set but ALERT_WEBHOOK_SECRET is not: alerts are not posted');
  const linkwellBot = new LinkwellBot({
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
      wake: (clientId) => scheduler?.wake(clientId),
      followUpWindowHours: programme.groupMessages.followUpWindowHours,
    },
  });
  const bot = options.makeBot ? options.makeBot(linkwellBot) : linkwellBot;
  const logic = (context: Parameters<ActivityHandler['run']>[0]) => bot.run(context);

  const onTurnError = turnErrorHandler(log, conversationState, programme.wording.turnError);
  const cloudAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config.botFramework as ConfigurationBotFrameworkAuthenticationOptions));
  cloudAdapter.onTurnError = onTurnError;
  if (demoClientId && config.emulator) cloudAdapter.use(emulatorDemoBinding(demoClientId));
  const directLine = new DirectLineAdapter(store.webChat, store.turnLocks, clock);
  directLine.onTurnError = onTurnError;

  const server = restify.createServer({ name: 'linkwell', handleUncaughtExceptions: false });
  hardenServer(server, { https: config.publicBaseUrl?.startsWith('https://') ?? false, log });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));

  const schedulerMode = options.scheduler ?? 'auto';
  let boundUrl = '';
  const baseUrl = () => config.publicBaseUrl ?? boundUrl;
  const chatLinks = new ChatLinks({
    signer,
    clients: store.clients,
    history: store.clients,
    clock,
    ttlHours: config.chatLinkTtlHours,
    baseUrl: () => baseUrl(),
    // A device whose link was withdrawn may not be the client's: it gets no more notices.
    withdrawn: (clientId) => store.pushSubscriptions.removeForClient(clientId),
  });
  const chatLinkFor = async (clientId: string) => {
    const link = await chatLinks.issue(clientId);
    if (!link) throw new Error('No such client');
    return link;
  };

  server.get(
    '/healthz',
    handle(log, async (_req, res) => {
      res.json(200, { status: 'ok' });
    }),
  );
  // For a supervisor or load balancer: 200 once storage answers and the scheduler and the SMS
  // outbox are running (the scheduler may be 'manual', driven by a test), else 503 naming what is not.
  server.get(
    '/readyz',
    handle(log, async (_req, res) => {
      // One indexed read (never a listing): does storage answer at all.
      const storage = await store.clients.get('readyz-probe').then(
        () => 'ok',
        () => 'failing',
      );
      const schedulerState = schedulerMode === 'manual' ? 'manual' : scheduler?.isRunning ? 'running' : 'starting';
      const smsState = !sms ? 'off' : sms.dispatcher.isRunning ? 'running' : 'stopped';
      const ready = storage === 'ok' && schedulerState !== 'starting' && smsState !== 'stopped';
      res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', storage, scheduler: schedulerState, sms: smsState });
    }),
  );
  server.post(
    '/api/messages',
    handle(log, async (req, res) => {
      const activity = botFrameworkActivitySchema.parse(req.body);
      // With credentials CloudAdapter checks the caller's JWT, including that it was issued for this
      // activity's serviceUrl. Without them nothing is anonymous except the Emulator, when asked for.
      if (!config.botFramework.MicrosoftAppId) emulatorOnly(config.emulator, req, activity.serviceUrl);
      await cloudAdapter.process(req, res, logic);
    }),
  );
  const notEnrolled = new NotEnrolledTexts({ programme, alerts, screen, unknownSenderReply: programme.wording.unknownSender });
  sms = config.sms ? await startSms(server, { config, sms: config.sms, programme, store, contact, clock, log, logic, onTurnError, notEnrolled }) : undefined;
  if (sms) sms.dispatcher.onStaffDelivery = (record, status) => alerts.staffDelivery(record.staff!.alertId, record.id, status);
  await alerts.start();
  // Web Push: a web chat client's browsers are told (no health words) when the bot writes to them unasked.
  registerPushRoutes(server, { vapid: config.webPush, subscriptions: store.pushSubscriptions, signer, links: chatLinks, clock, log });
  if (config.webPush) {
    const push = new WebPushNotifier({
      subscriptions: store.pushSubscriptions,
      vapid: config.webPush,
      clock,
      log,
      quietHours: programme.quietHours,
      ...(options.pushAgent ? { agent: options.pushAgent } : {}),
    });
    directLine.onProactiveMessages = (clientId, started) =>
      void store.clients
        .get(clientId)
        .then((client) => client && push.notify(client, pushKindOf(started)))
        .catch((error: unknown) => log.error('web push failed', { error: (error as Error).name }));
  }
  registerDirectLineRoutes(server, { adapter: directLine, transcripts: store.webChat, signer, links: chatLinks, clock, log, logic });
  // Staff web pages: sign-in first (it gates everything under /staff), then the pages.
  const staffDeps: StaffDeps = {
    accounts: store.staffAccounts,
    sessions: store.staffSessions,
    unknownEmails: store.expiring<Strikes>('unknown-staff-email'),
    programme,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    log,
    openAlerts: async ({ staff }) => {
      const unseen = await alerts.list({ state: 'open' });
      const clients = new Map((await store.clients.getMany(unseen.flatMap((a) => a.clientId ?? []))).map((c) => [c.id, c]));
      const open = unseen.filter((alert) => {
        const client = alert.clientId ? clients.get(alert.clientId) : undefined;
        return client ? canSeeClient(staff, client) : staff.role !== 'link-worker';
      });
      return { open: open.length, urgent: open.filter((a) => a.tier === 'urgent').length, flags: open.filter(isFlagged).length };
    },
  };
  const staffPage = registerStaffRoutes(server, staffDeps);
  registerChatRoutes(server, {
    signer,
    links: chatLinks,
    programmeName: programme.name,
    log,
    pushPublicKey: config.webPush?.publicKey,
    ...(options.chatPollMs ? { pollMs: options.chatPollMs } : {}),
  });
  const proactive: ProactiveDeps = {
    history: store.clients,
    adapterFor: (reference) =>
      reference.serviceUrl === LOCAL_DIRECTLINE_SERVICE_URL ? directLine : reference.serviceUrl === SMS_SERVICE_URL ? sms?.adapter : cloudAdapter,
    newConversation: (client) => (sms && client.channel === 'sms' ? smsConversationReference(client.id) : undefined),
    botAppId: config.botFramework.MicrosoftAppId ?? '',
    logic,
  };
  const scheduledTurns = new ScheduledTurns({
    ...proactive,
    history: store.clients,
    smsOutbox: sms ? store.smsOutbox : undefined,
    webChat: store.webChat,
    // An unopened web chat check-in goes by text when the programme asks and texts can be sent.
    smsFallback:
      sms && programme.webChat.smsWhenUnopened
        ? { quietHours: programme.quietHours, clock, webChat: store.webChat, smsReference: smsConversationReference }
        : undefined,
  });
  // A client added or changed in this process is planned again within a second (another instance's change: at its next pass).
  store.clients.onChanged((clientId) => scheduler?.wake(clientId));
  scheduler = new ScheduleDispatcher({
    programme,
    clients: store.clients,
    attention: store.attention,
    ledger: store.schedule,
    groups: () => groupDirectory.groups(),
    delivery: scheduledTurns,
    clock,
    log,
    sharedLedger: store.backend === 'postgres',
  });
  registerAlertRoutes(server, { adminApiToken: config.adminApiToken, alerts, log });
  registerAttendanceRoutes(server, {
    adminApiToken: config.adminApiToken,
    clients: store.clients,
    history: store.clients,
    groups: () => groupDirectory.groups(),
    clock,
    log,
  });
  // A group's details changed: everyone linked to it is planned again.
  groupDirectory.onChange = (groupId) =>
    void store.clients
      .find({ groupId })
      .then((linked) => linked.forEach((c) => scheduler.wake(c.id)))
      .catch((error: unknown) => log.error('re-planning after a group change failed', { error: (error as Error).message }));
  const clientData = new ClientData({
    programmeId: programme.id,
    clients: store.clients,
    history: store.clients,
    alerts,
    ledger: store.schedule,
    smsOutbox: store.smsOutbox,
    smsInbox: store.smsInbox,
    conversationState: store.botStorage,
    webChat: store.webChat,
    pushSubscriptions: store.pushSubscriptions,
    audit: store.privacyAudit,
    clock,
    log,
  });
  const retention = new Retention({
    months: programme.retention.clientWordsMonths,
    clients: store.clients,
    history: store.clients,
    webChat: store.webChat,
    clock,
    log,
  });
  const staffPages: StaffPagesDeps = {
    page: staffPage,
    staff: staffDeps,
    programme,
    clients: store.clients,
    history: store.clients,
    readOnlyHistory: { history: (clientId, months) => store.clients.readOnlyHistory(clientId, months) },
    outcomes: store.outcomes,
    alerts,
    ledger: store.schedule,
    groups: groupDirectory,
    settings: new ClientSettings({ clients: store.clients, history: store.clients, contact, clock }),
    chatLinks,
    clientData,
    tellNewLinkWorker: tellNewLinkWorker({ turns: scheduledTurns, clients: store.clients, quietHours: programme.quietHours, clock }),
    wake: (clientId) => scheduler.wake(clientId),
    background: schedulerMode === 'auto',
    clock,
    log,
  };
  registerStaticAssets(server);
  registerAlertPages(server, staffPages);
  registerCaseloadPage(server, staffPages);
  registerClientPage(server, staffPages);
  registerClientDataPages(server, staffPages);
  registerOutcomesPage(server, staffPages);
  registerGroupRoutes(server, {
    adminApiToken: config.adminApiToken,
    directory: groupDirectory,
    clients: store.clients,
    history: store.clients,
    onClientChanged: (clientId) => scheduler.wake(clientId),
    clock,
    log,
  });
  registerAdminRoutes(server, {
    adminApiToken: config.adminApiToken,
    programme,
    clients: store.clients,
    history: store.clients,
    checkIns: new CheckInStarter(proactive),
    contact,
    onClientChanged: (clientId) => scheduler.wake(clientId),
    chatLinks,
    clientData,
    clock,
    log,
  });

  return {
    server,
    store,
    log,
    demoClientId,
    sms,
    scheduler,
    alerts,
    retention,
    baseUrl,
    chatLinkFor,
    chatLinks,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          boundUrl = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
          if (schedulerMode === 'auto')
            void scheduler.start().catch((error: unknown) => log.error('scheduler failed to start', { error: (error as Error).message }));
          if (schedulerMode === 'auto') retention.start();
          resolve(boundUrl);
        });
      }),
    close: async () => {
      retention.stop();
      await scheduler.stop();
      await alerts.stop();
      await stopServer(server.server);
      await sms?.stop();
      await store.close();
    },
  };
}

async function seedDemoClient(store: Store, programme: Programme, clock: Clock): Promise<string | undefined> {
  const demo = programme.demoClient;
  if (!demo) return undefined;
  const existing = await store.clients.findByPhone(demo.phone);
  if (existing) return existing.id;
  const created = await store.clients.create({ ...demo, channel: 'webchat', programmeId: programme.id, createdAt: clock.now().toISO()! });
  return created.ok ? created.client.id : undefined;
}

function ephemeralSecret(log: Logger): string {
  log.warn('CHAT_LINK_SECRET is not set: using a temporary secret, so chat links stop working when Linkwell restarts');
  return randomBytes(32).toString('base64url');
}

/** What a notice says a proactive turn left: a check-in (started, reminded or resumed), or a message. */
function pushKindOf(started: Activity): PushKind {
  if (started.name === START_CHECK_IN_EVENT) return 'check-in';
  const message = started.value as Partial<ScheduledMessage> | undefined;
  return started.name === SCHEDULED_MESSAGE_EVENT && ['check-in', 'reminder', 'resume'].includes(message?.kind ?? '') ? 'check-in' : 'message';
}
