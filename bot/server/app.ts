import type { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder-core';
import type restify from 'restify';
import type { LinkwellBot } from '../../dialogs/linkwellBot.js';
import { warmRecognizers } from '../../dialogs/understanding/recognizers.js';
import type { Store } from '../../storage/ports.js';
import type { AlertService } from '../care/alerts/alertService.js';
import type { Retention } from '../care/privacy/retention.js';
import { ContactPreferences } from '../channels/contactPreferences.js';
import type { SmsChannel } from '../channels/sms/startSms.js';
import type { ChatLink, ChatLinks } from '../channels/web/chatLinks.js';
import type { AppConfig } from '../config/env.js';
import type { Programme } from '../config/programmeSchema.js';
import { ClientChanged } from '../platform/clientChanged.js';
import { handle } from '../platform/http/handle.js';
import { stopServer } from '../platform/http/stopServer.js';
import { createLogger, type Logger } from '../platform/logger.js';
import type { ScheduleDispatcher } from '../schedule/scheduleDispatcher.js';
import { systemClock, type Clock } from '../time/clock.js';
import { buildCare } from './buildCare.js';
import { buildChannels, type Channels } from './buildChannels.js';
import { buildSchedule, type Schedule } from './buildSchedule.js';
import { buildStaff } from './buildStaff.js';
import { buildStore } from './buildStore.js';
import type { Ground } from './ground.js';
import { turnErrorHandler } from './turnErrorHandler.js';

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

/**
 * The composition root: the store, the channels' outbox, the care features, the channels, the
 * schedule and the staff pages, each built by its own builder from the one before, then served.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, programme } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel, clock);
  const { store, demoClientId } = await buildStore(config, programme, clock, log);
  let boundUrl = '';
  const g: Ground = {
    config,
    programme,
    clock,
    log,
    store,
    clientChanged: new ClientChanged(),
    baseUrl: () => config.publicBaseUrl ?? boundUrl,
    schedulerMode: options.scheduler ?? 'auto',
  };
  // What the features send through is built first: alerts text staff through the clients' outbox.
  const contact = new ContactPreferences({ clients: store.clients, history: store.clients, clock });
  const outbox = config.sms
    ? (await import('../channels/sms/startSms.js')).createSmsOutbox({ config, sms: config.sms, store, contact, clock, log })
    : undefined;
  const care = await buildCare(g, contact, outbox);
  const bot = options.makeBot ? options.makeBot(care.bot) : care.bot;
  const logic = (context: Parameters<ActivityHandler['run']>[0]) => bot.run(context);
  const onTurnError = turnErrorHandler(log, care.conversationState, programme.wording.turnError);
  const channels = await buildChannels(
    g,
    care,
    { logic, onTurnError },
    { contact, outbox },
    { demoClientId, chatPollMs: options.chatPollMs, pushAgent: options.pushAgent },
  );
  await care.alerts.start();
  const schedule = buildSchedule(g, care, channels, logic);
  buildStaff(g, care, channels, schedule, contact);
  registerHealth(g, channels, schedule);

  const { server, sms, chatLinks } = channels;
  const { scheduler } = schedule;
  const { alerts, retention } = care;
  return {
    server,
    store,
    log,
    demoClientId,
    sms,
    scheduler,
    alerts,
    retention,
    chatLinks,
    baseUrl: g.baseUrl,
    chatLinkFor: async (clientId) => {
      const link = await chatLinks.issue(clientId);
      if (!link) throw new Error('No such client');
      return link;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          boundUrl = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
          if (g.schedulerMode === 'auto') {
            void scheduler.start().catch((error: unknown) => log.error('scheduler failed to start', { error: (error as Error).message }));
            retention.start();
          }
          // Built once the server answers, in short steps with requests served between them: a message
          // that comes first waits for what it needs, and none is refused meanwhile.
          const pause = () => new Promise<void>((done) => setImmediate(done));
          void (async () => {
            await care.screen.warm(pause);
            await pause();
            warmRecognizers();
          })().catch((error: unknown) =>
            // The first message meets the same failure, and the screen's own guard deals with it then.
            log.error('warm-up failed', { error: (error as Error).name }),
          );
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

/** /healthz while the process serves HTTP; /readyz, for a supervisor or load balancer, once storage answers and the scheduler and SMS outbox run. */
function registerHealth(g: Ground, channels: Channels, schedule: Schedule): void {
  const { server, sms } = channels;
  server.get(
    '/healthz',
    handle(g.log, async (_req, res) => {
      res.json(200, { status: 'ok' });
    }),
  );
  server.get(
    '/readyz',
    handle(g.log, async (_req, res) => {
      // One indexed read (never a listing): does storage answer at all.
      const storage = await g.store.clients.get('readyz-probe').then(
        () => 'ok',
        () => 'failing',
      );
      // 'manual': a test drives the scheduler.
      const scheduler = g.schedulerMode === 'manual' ? 'manual' : schedule.scheduler.isRunning ? 'running' : 'starting';
      const smsState = !sms ? 'off' : sms.dispatcher.isRunning ? 'running' : 'stopped';
      const ready = storage === 'ok' && scheduler !== 'starting' && smsState !== 'stopped';
      res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', storage, scheduler, sms: smsState });
    }),
  );
}
