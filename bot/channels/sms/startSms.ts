import type { TurnContext } from 'botbuilder-core';
import type restify from 'restify';
import type { Store } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import type { AppConfig, SmsConfig } from '../../config/env.js';
import type { ContactPreferences } from '../contactPreferences.js';
import type { Logger } from '../../platform/logger.js';
import { DeliveryReports } from './deliveryReports.js';
import { SmsDispatcher } from './smsDispatcher.js';
import { SmsInbound } from './smsInbound.js';
import { registerSmsRoutes, SMS_STATUS_PATH, type SmsRouteDeps } from './smsRoutes.js';
import { createTwilioMessages } from './twilioMessages.js';
import { TwilioSmsAdapter } from './twilioSmsAdapter.js';

/** The running SMS channel. */
export interface SmsChannel {
  adapter: TwilioSmsAdapter;
  inbound: SmsInbound;
  dispatcher: SmsDispatcher;
  /** Stop sending; resolves once received texts have had their turns and sends under way have settled. */
  stop(): Promise<void>;
}

interface OutboxDeps {
  config: AppConfig;
  sms: SmsConfig;
  store: Store;
  contact: ContactPreferences;
  clock: Clock;
  log: Logger;
}

interface SmsDeps extends OutboxDeps {
  /** The outbox every text goes through (createSmsOutbox), built first: alerts text staff through it too. */
  dispatcher: SmsDispatcher;
  logic: (context: TurnContext) => Promise<void>;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  notEnrolled: SmsRouteDeps['notEnrolled'];
}

/** The durable SMS outbox (not yet sending): clients' texts and staff alerts go through it, in order, at the shared rate. */
export function createSmsOutbox(deps: OutboxDeps): SmsDispatcher {
  const { config, sms, store, contact, clock, log } = deps;
  // env validation requires PUBLIC_BASE_URL with Twilio: signatures are checked against it.
  const publicBaseUrl = config.publicBaseUrl!;
  return new SmsDispatcher({
    outbox: store.smsOutbox,
    twilio: createTwilioMessages({ accountSid: sms.accountSid, authToken: sms.authToken, sender: sms.sender, apiBaseUrl: sms.apiBaseUrl }),
    clients: store.clients,
    contact,
    clock,
    log,
    ratePerSecond: sms.sendRatePerSecond,
    sharedOutbox: store.backend === 'postgres',
    liveInstances: () => store.liveInstances(),
    statusCallbackUrl: (id) => `${publicBaseUrl}${SMS_STATUS_PATH}?id=${id}`,
  });
}

/** Build the SMS channel on its outbox, register its webhooks, and finish what a previous run left (outbox, inbox). */
export async function startSms(server: restify.Server, deps: SmsDeps): Promise<SmsChannel> {
  const { config, sms, store, contact, clock, log, dispatcher } = deps;
  const publicBaseUrl = config.publicBaseUrl!;
  const adapter = new TwilioSmsAdapter({ dispatcher, clients: store.clients, locks: store.turnLocks, clock });
  adapter.onTurnError = deps.onTurnError;
  const inbound = new SmsInbound({ inbox: store.smsInbox, adapter, logic: deps.logic, log });
  registerSmsRoutes(server, {
    authToken: sms.authToken,
    publicBaseUrl,
    clients: store.clients,
    inbound,
    reports: new DeliveryReports({ outbox: store.smsOutbox, dispatcher, contact, clock, log }),
    notEnrolled: deps.notEnrolled,
    unknownTexts: store.expiring<true>('unknown-number-text'),
    clock,
    log,
  });
  await dispatcher.start();
  await inbound.resumeUnhandled();
  await store.smsInbox.pruneHandled();
  log.info('SMS is on', { sender: 'messagingServiceSid' in sms.sender ? 'messaging service' : 'phone number', ratePerSecond: sms.sendRatePerSecond });
  return {
    adapter,
    inbound,
    dispatcher,
    stop: async () => {
      await inbound.idle();
      await dispatcher.stop();
    },
  };
}
