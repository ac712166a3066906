import { randomBytes } from 'node:crypto';
import type { Agent as HttpsAgent } from 'node:https';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder-core';
import restify from 'restify';
import type { ContactPreferences } from '../channels/contactPreferences.js';
import { DirectLineAdapter } from '../channels/directline/directLineAdapter.js';
import { registerDirectLineRoutes } from '../channels/directline/directLineRoutes.js';
import type { ScheduledMessage } from '../channels/scheduledMessage.js';
import { type SmsChannel, startSms } from '../channels/sms/startSms.js';
import type { SmsDispatcher } from '../channels/sms/smsDispatcher.js';
import { SCHEDULED_MESSAGE_EVENT, START_CHECK_IN_EVENT } from '../channels/turnKeys.js';
import { ChatLinks } from '../channels/web/chatLinks.js';
import { registerChatRoutes } from '../channels/web/chatRoutes.js';
import { registerPushRoutes } from '../channels/web/push/pushRoutes.js';
import { type PushKind, WebPushNotifier } from '../channels/web/push/webPushNotifier.js';
import type { AppConfig } from '../config/env.js';
import { botFrameworkActivitySchema } from '../config/botFrameworkActivitySchema.js';
import { handle } from '../platform/http/handle.js';
import { hardenServer, MAX_BODY_BYTES } from '../platform/http/hardenServer.js';
import type { Logger } from '../platform/logger.js';
import { TokenSigner } from '../platform/signedToken.js';
import type { Care } from './buildCare.js';
import { emulatorDemoBinding, emulatorOnly } from './emulatorDemoBinding.js';
import type { Ground } from './ground.js';

export type Channels = Awaited<ReturnType<typeof buildChannels>>;

interface Turns {
  logic: (context: TurnContext) => Promise<void>;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}

/** The HTTP server and every way in: web chat (Direct Line, the page, Web Push), SMS on its outbox, Azure Bot Service. */
export async function buildChannels(
  g: Ground,
  care: Care,
  turns: Turns,
  sms: { contact: ContactPreferences; outbox: SmsDispatcher | undefined },
  options: { demoClientId: string | undefined; chatPollMs?: number | undefined; pushAgent?: HttpsAgent | undefined },
) {
  const { config, programme, store, clock, log } = g;
  const server = restify.createServer({ name: 'linkwell', handleUncaughtExceptions: false });
  hardenServer(server, { https: config.publicBaseUrl?.startsWith('https://') ?? false, log });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));
  const signer = new TokenSigner(config.chatLinkSecret ?? ephemeralSecret(log), clock);
  const chatLinks = new ChatLinks({
    signer,
    clients: store.clients,
    history: store.clients,
    clock,
    ttlHours: config.chatLinkTtlHours,
    baseUrl: g.baseUrl,
    // A device whose link was withdrawn may not be the client's: it gets no more notices.
    withdrawn: (clientId) => store.pushSubscriptions.removeForClient(clientId),
  });

  const cloudAdapter = await azureAdapter(config, turns, options.demoClientId);
  server.post(
    '/api/messages',
    handle(log, async (req, res) => {
      const activity = botFrameworkActivitySchema.parse(req.body);
      // With credentials CloudAdapter checks the caller's JWT, including that it was issued for this
      // activity's serviceUrl. Without them nothing is anonymous except the Emulator, when asked for.
      if (!config.botFramework.MicrosoftAppId) emulatorOnly(config.emulator, req, activity.serviceUrl);
      if (!cloudAdapter) throw new Error('no Azure adapter although the caller was let in');
      await cloudAdapter.process(req, res, turns.logic);
    }),
  );

  const smsChannel: SmsChannel | undefined =
    sms.outbox && config.sms
      ? await startSms(server, {
          config,
          sms: config.sms,
          store,
          contact: sms.contact,
          clock,
          log,
          dispatcher: sms.outbox,
          ...turns,
          notEnrolled: care.notEnrolled,
        })
      : undefined;

  const directLine = new DirectLineAdapter(store.webChat, store.turnLocks, clock);
  directLine.onTurnError = turns.onTurnError;
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
  registerDirectLineRoutes(server, { adapter: directLine, transcripts: store.webChat, signer, links: chatLinks, clock, log, logic: turns.logic });
  registerChatRoutes(server, {
    signer,
    links: chatLinks,
    programmeName: programme.name,
    log,
    pushPublicKey: config.webPush?.publicKey,
    ...(options.chatPollMs ? { pollMs: options.chatPollMs } : {}),
  });
  return { server, signer, chatLinks, directLine, cloudAdapter, sms: smsChannel };
}

/**
 * Azure Bot Service's adapter (and its identity libraries) only when Azure credentials or the Emulator are configured:
 * without them /api/messages refuses every caller, and no conversation can have come through Azure.
 */
async function azureAdapter(config: AppConfig, turns: Turns, demoClientId: string | undefined) {
  if (!config.botFramework.MicrosoftAppId && !config.emulator) return undefined;
  const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = await import('botbuilder');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config.botFramework as ConfigurationBotFrameworkAuthenticationOptions));
  adapter.onTurnError = turns.onTurnError;
  if (demoClientId && config.emulator) adapter.use(emulatorDemoBinding(demoClientId));
  return adapter;
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
