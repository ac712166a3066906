import type { TurnContext } from 'botbuilder-core';
import { CheckInStarter, type ProactiveDeps } from '../../dialogs/checkInStarter.js';
import { LOCAL_DIRECTLINE_SERVICE_URL } from '../channels/directline/directLineAdapter.js';
import { SMS_SERVICE_URL, smsConversationReference } from '../channels/sms/twilioSmsAdapter.js';
import { planBasis } from '../schedule/planBasis.js';
import { ScheduleDispatcher } from '../schedule/scheduleDispatcher.js';
import { ScheduledTurns } from '../schedule/scheduledTurns.js';
import { tellNewLinkWorker } from '../schedule/tellNewLinkWorker.js';
import type { Care } from './buildCare.js';
import type { Channels } from './buildChannels.js';
import type { Ground } from './ground.js';

export type Schedule = ReturnType<typeof buildSchedule>;

/** Planning and dispatch: what is due goes out once, through the channel each client uses; it listens for changed clients. */
export function buildSchedule(g: Ground, care: Care, channels: Channels, logic: (context: TurnContext) => Promise<void>) {
  const { config, programme, store, clock, log } = g;
  const { directLine, cloudAdapter, sms } = channels;
  const proactive: ProactiveDeps = {
    history: store.clients,
    adapterFor: (reference) =>
      reference.serviceUrl === LOCAL_DIRECTLINE_SERVICE_URL ? directLine : reference.serviceUrl === SMS_SERVICE_URL ? sms?.adapter : cloudAdapter,
    newConversation: (client) => (sms && client.channel === 'sms' ? smsConversationReference(client.id) : undefined),
    botAppId: config.botFramework.MicrosoftAppId ?? '',
    logic,
  };
  const turns = new ScheduledTurns({
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
  const scheduler = new ScheduleDispatcher({
    programme,
    clients: store.clients,
    attention: store.attention,
    ledger: store.schedule,
    groups: () => care.groupDirectory.groups(),
    delivery: turns,
    clock,
    log,
    sharedLedger: store.backend === 'postgres',
    planBasis: planBasis(programme),
  });
  // A client changed by anything here (a store write, a staff page, a conversation) is planned again within a second;
  // another instance's change, at the next pass.
  store.clients.onChanged((clientId) => g.clientChanged.emit(clientId));
  g.clientChanged.on((clientId) => scheduler.wake(clientId));
  return {
    scheduler,
    checkIns: new CheckInStarter(proactive),
    tellNewLinkWorker: tellNewLinkWorker({ turns, clients: store.clients, quietHours: programme.quietHours, clock }),
  };
}
