import { ActivityHandler, ActivityTypes, TurnContext, type ConversationState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { CheckInDialog, CheckInOptions } from '../dialogs/checkInDialog.js';
import { DialogIds } from '../dialogs/dialogIds.js';
import { recognizeCommand } from '../dialogs/understanding/recognizeCommand.js';
import { fill, type Wording } from '../dialogs/wording.js';
import type { ClientHistoryRepository, ClientRepository } from '../storage/ports.js';
import type { ClientRecord } from '../storage/records.js';
import type { Clock } from './clock.js';
import type { Programme } from './config/programmeSchema.js';
import { CHECK_IN_STARTED, CLIENT_ID, START_CHECK_IN_EVENT, channelKey } from './turnKeys.js';

export interface LinkwellBotDeps {
  programme: Programme;
  conversationState: ConversationState;
  checkInDialog: CheckInDialog;
  clients: ClientRepository;
  history: ClientHistoryRepository;
  clock: Clock;
}

const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'morning', 'good morning', 'afternoon', 'good afternoon', 'evening', 'good evening']);

/**
 * Routes each turn: finds the enrolled client, keeps their conversation reference for proactive
 * messages, and hands the turn to the open dialog or starts one. Conversation state is saved once
 * per turn.
 */
export class LinkwellBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: LinkwellBotDeps) {
    super();
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(deps.checkInDialog);

    this.onMessage(async (context, next) => {
      await this.withClient(context, (client) => this.onClientMessage(context, client));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id);
      if (joined) await this.withClient(context, (client) => this.welcome(context, client));
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === START_CHECK_IN_EVENT) {
        await this.withClient(context, (client) => this.startCheckIn(context, client));
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async withClient(context: TurnContext, handle: (client: ClientRecord) => Promise<void>): Promise<void> {
    const clientId = context.turnState.get(CLIENT_ID) as string | undefined;
    const client = clientId ? await this.deps.clients.get(clientId) : undefined;
    if (!client) {
      // Says nothing about who is enrolled, and stores nothing.
      if (context.activity.type === ActivityTypes.Message) await context.sendActivity(this.deps.programme.wording.unknownSender);
      return;
    }
    // Without the incoming activity's id, which changes every turn: kept, it made the reference
    // "changed" on every turn, rewriting the client's whole history file. Proactive turns don't need it.
    const { activityId: _perTurn, ...reference } = TurnContext.getConversationReference(context.activity);
    await this.deps.history.saveConversationReference(client.id, channelKey(context.activity.channelId), reference);
    await handle(client);
  }

  private async onClientMessage(context: TurnContext, client: ClientRecord): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    const text = context.activity.text?.trim() ?? '';
    const command = recognizeCommand(text);
    if (command === 'checkIn') {
      await dc.beginDialog(DialogIds.checkIn, this.checkInOptions(client));
    } else if (command === 'help') {
      await context.sendActivity(this.say('help', client));
    } else if (text === '' || GREETINGS.has(text.toLowerCase().replace(/[^a-z ]/g, '').trim()) || command !== null) {
      await this.welcome(context, client);
    } else {
      // Outside a check-in, what a client writes is for their link worker.
      await this.deps.history.recordNote(client.id, {
        checkInId: null,
        text,
        channel: context.activity.channelId,
        createdAt: this.deps.clock.now().toISO()!,
      });
      await context.sendActivity(this.say('noteReceived', client));
    }
  }

  private async startCheckIn(context: TurnContext, client: ClientRecord): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      context.turnState.set(CHECK_IN_STARTED, false);
      return;
    }
    const result = await dc.beginDialog(DialogIds.checkIn, this.checkInOptions(client));
    context.turnState.set(CHECK_IN_STARTED, result.status === DialogTurnStatus.waiting);
  }

  private async welcome(context: TurnContext, client: ClientRecord): Promise<void> {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: this.say('welcome', client),
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Check in', value: 'check in' }] },
    });
  }

  private checkInOptions(client: ClientRecord): CheckInOptions {
    return {
      clientId: client.id,
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      programmeName: this.deps.programme.name,
    };
  }

  private say(key: keyof Wording, client: ClientRecord): string {
    return fill(this.deps.programme.wording[key], {
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      programmeName: this.deps.programme.name,
    });
  }

  private linkWorkerName(client: ClientRecord): string {
    return this.deps.programme.linkWorkers.find((w) => w.id === client.linkWorkerId)?.name ?? 'your link worker';
  }
}
