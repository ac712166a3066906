import { ActivityHandler, ActivityTypes, TurnContext, type ConversationState, type StatePropertyAccessor } from 'botbuilder-core';
import { DateTime } from 'luxon';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from './dialogCore.js';
import { BetweenCheckIns, recentMonths } from './betweenCheckIns.js';
import { CHECK_IN_EXPIRED, type CheckInDialog, type CheckInOptions } from './checkInDialog.js';
import { ClientWording } from './clientWording.js';
import { DialogIds } from './dialogIds.js';
import { GroupDialog, type GroupTalkDeps, type GroupTalkState } from './groupDialog.js';
import { Interruptions } from './interruptions.js';
import { normalizeReply, words } from './understanding/normalizeReply.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';
import type { ClientHistoryRepository, ClientRepository } from '../storage/ports.js';
import type { ClientRecord } from '../storage/records.js';
import type { Clock } from '../bot/time/clock.js';
import { turnMessageKey } from '../bot/channels/turnEffects.js';
import type { Programme } from '../bot/config/programmeSchema.js';
import type { AlertService } from '../bot/care/alerts/alertService.js';
import type { RiskScreen } from '../bot/care/alerts/riskScreen.js';
import { hasAgreed, type ContactPreferences } from '../bot/channels/contactPreferences.js';
import type { DeliveryOutcome, ScheduledMessage } from '../bot/channels/scheduledMessage.js';
import { whenPast } from '../bot/care/groups/groupWording.js';
import {
  CHAT_REOPENED_EVENT,
  CHECK_IN_STARTED,
  CLIENT_ID,
  TURN_CLIENT,
  EXPIRE_CHECK_IN_EVENT,
  OCCURRENCE_KEY,
  SCHEDULED_MESSAGE_EVENT,
  SCHEDULED_OUTCOME,
  START_CHECK_IN_EVENT,
  channelKey,
  type ChatReopened,
} from '../bot/channels/turnKeys.js';

export interface LinkwellBotDeps {
  programme: Programme;
  /** Every message is screened for risk before anything else; a finding raises an alert. */
  safety: { screen: RiskScreen; alerts: Pick<AlertService, 'raise'> };
  conversationState: ConversationState;
  checkInDialog: CheckInDialog;
  clients: ClientRepository;
  history: ClientHistoryRepository;
  contact: ContactPreferences;
  clock: Clock;
  /** Group nudges and follow-ups: the directory, and who to tell when a client's links change. */
  groups: Pick<GroupTalkDeps, 'directory' | 'clientChanged' | 'followUpWindowHours'>;
}

/** A reply of this many words or more that answers no waiting question is a message for the link worker, not a muddled answer. */
const NOTE_WORDS = 4;
/** How many handled text ids a conversation remembers: far more than can wait unhandled at once. */
const HANDLED_KEPT = 50;

/**
 * Routes each turn: finds the enrolled client, keeps their conversation reference for proactive
 * messages, and hands the turn to the open dialog or starts one. Conversation state is saved once
 * per turn.
 */
export class LinkwellBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  /** Ids of the last texts this conversation handled, saved with its dialog state (see turnEffects). */
  private readonly handledMessages: StatePropertyAccessor<string[]>;
  private readonly wording: ClientWording;
  private readonly between: BetweenCheckIns;
  private readonly interruptions: Interruptions;
  /** Group questions wait on a stack of their own, beside the check-in's. */
  private readonly groupDialog: GroupDialog;
  private readonly groupStack: DialogSet;

  constructor(private readonly deps: LinkwellBotDeps) {
    super();
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.handledMessages = deps.conversationState.createProperty<string[]>('handledMessages');
    this.dialogs.add(deps.checkInDialog);
    const wording = new ClientWording(deps.programme, deps.clock);
    const say = wording.say.bind(wording);
    this.wording = wording;
    this.groupDialog = new GroupDialog({
      ...deps.groups,
      conversationState: deps.conversationState,
      clients: deps.clients,
      history: deps.history,
      clock: deps.clock,
      say,
    });
    this.groupStack = GroupDialog.stack(deps.conversationState, this.groupDialog);
    this.between = new BetweenCheckIns({ ...deps, wording });
    const groupQuestion = async (dc: DialogContext) => this.groupDialog.pending(await this.groupStack.createContext(dc.context));
    const keywords = {
      clock: deps.clock,
      contact: deps.contact,
      say,
      keepNote: (client: ClientRecord, text: string, context: TurnContext) => this.between.keepNote(client, text, context),
      clearGroupQuestion: async (context: TurnContext) => this.groupDialog.clear(await this.groupStack.createContext(context)),
    };
    this.interruptions = new Interruptions({
      screen: deps.safety.screen,
      keywords,
      wording,
      clock: deps.clock,
      endAll: async (dc) => {
        await dc.cancelAllDialogs();
        await keywords.clearGroupQuestion(dc.context);
      },
      risk: {
        ...keywords,
        programme: deps.programme,
        alerts: deps.safety.alerts,
        history: deps.history,
        // Never the check-in's answer when the reply is for a group question waiting beside it.
        keepAnswer: async (dc, options) => {
          const talk = await groupQuestion(dc);
          if (talk && this.isForGroup(dc, talk, dc.context.activity.text?.trim() ?? '')) return false;
          return deps.checkInDialog.keepAnswer(dc, options);
        },
        // Only what a group question would take as its answer: a few words that answer nothing stay a note.
        answerGroupQuestion: async (dc, client) => {
          const text = dc.context.activity.text?.trim() ?? '';
          const talk = await groupQuestion(dc);
          return talk !== undefined && this.groupDialog.understands(talk, text) && this.answerGroupQuestion(dc, client, text);
        },
        openCheckInId: (dc) => deps.checkInDialog.openCheckIn(dc)?.checkInId,
      },
    });

    this.onMessage(async (context, next) => {
      await this.withClient(context, (client) => this.onClientMessage(context, client));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id);
      if (joined) await this.withClient(context, async (client) => void (await context.sendActivity(this.wording.welcome(client))));
      await next();
    });
    this.onEvent(async (context, next) => {
      const { name, value } = context.activity;
      if (name === START_CHECK_IN_EVENT) await this.withClient(context, (client) => this.startCheckIn(context, client));
      if (name === SCHEDULED_MESSAGE_EVENT) await this.withClient(context, (client) => this.deliverScheduled(context, client, value as ScheduledMessage));
      if (name === EXPIRE_CHECK_IN_EVENT)
        await this.withClient(context, (client) => this.expireCheckIn(context, client, (value as { checkInId: string }).checkInId));
      if (name === CHAT_REOPENED_EVENT) await this.withClient(context, (client) => this.chatReopened(context, client, value as ChatReopened));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const message = turnMessageKey(context);
    if (message) {
      // A text already handled (its turn ran and was saved, then a crash came before it was marked
      // handled): nothing happens again. Else it is recorded as handled in the same save as the turn.
      const handled = await this.handledMessages.get(context, []);
      if (handled.includes(message)) return;
      await this.handledMessages.set(context, [...handled.slice(1 - HANDLED_KEPT), message]);
    }
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
    context.turnState.set(TURN_CLIENT, client);
    await handle(client);
  }

  private async onClientMessage(context: TurnContext, client: ClientRecord): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await this.interruptions.run(dc, client, () => this.route(dc, client));
  }

  /** A message past the interruptions: for the group question waiting, the open check-in, or neither. */
  private async route(dc: DialogContext, client: ClientRecord): Promise<void> {
    const text = dc.context.activity.text?.trim() ?? '';
    if (await this.answerGroupQuestion(dc, client, text)) return;
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    await this.between.reply(dc, client, text);
  }

  /** Takes the reply as the answer to the group question waiting, if it is for it; false if not. */
  private async answerGroupQuestion(dc: DialogContext, client: ClientRecord, text: string): Promise<boolean> {
    const groupDc = await this.groupStack.createContext(dc.context);
    const talk = await this.groupDialog.pending(groupDc);
    if (!talk || !this.isForGroup(dc, talk, text)) return false;
    await groupDc.continueDialog();
    if (!groupDc.activeDialog) {
      // A group message held while this question was answered may go now.
      this.deps.groups.clientChanged.emit(client.id);
      if (dc.activeDialog) {
        await dc.context.sendActivity(this.wording.say('groupBackToCheckIn', client));
        await dc.repromptDialog();
      }
    }
    return true;
  }

  /**
   * Whether a reply is for the group question waiting rather than the open check-in's: the one it
   * reads as an answer to; when it reads as an answer to both or neither ("1" fits either), the
   * question asked last. Never both: one reply is one answer.
   */
  private isForGroup(dc: DialogContext, talk: GroupTalkState, text: string): boolean {
    const forGroup = this.groupDialog.understands(talk, text);
    if (!dc.activeDialog) {
      // "help" and "check in" are the bot's to answer (the question keeps waiting); a message of
      // a few words that is no answer is for the link worker, kept as a note like any other.
      const command = recognizeCommand(text);
      if (command === 'help' || command === 'checkIn') return false;
      return forGroup || words(normalizeReply(text)).length < NOTE_WORDS;
    }
    const checkIn = this.deps.checkInDialog.waiting(dc.activeDialog);
    const forCheckIn = checkIn.understands(text, dc.context.activity.value);
    if (forGroup !== forCheckIn) return forGroup;
    return talk.askedAt >= (checkIn.askedAt ?? '');
  }

  /** A message the scheduler asked for; what became of it is left in turnState for the dispatcher. */
  private async deliverScheduled(context: TurnContext, client: ClientRecord, message: ScheduledMessage): Promise<void> {
    const outcome = (result: DeliveryOutcome): void => void context.turnState.set(SCHEDULED_OUTCOME, result);
    if (client.optedOutAt) return outcome('opted-out');
    context.turnState.set(OCCURRENCE_KEY, message.occurrenceKey);
    const dc = await this.dialogs.createContext(context);
    switch (message.kind) {
      case 'check-in': {
        if (dc.activeDialog) return outcome('check-in-open');
        await dc.beginDialog(DialogIds.checkIn, {
          ...this.wording.checkInOptions(client),
          kind: message.checkInKind,
          instrumentIds: message.instrumentIds,
          occurrenceKey: message.occurrenceKey,
          expiresAt: message.expiresAt,
        } satisfies CheckInOptions);
        return outcome('sent');
      }
      case 'reminder': {
        const open = this.deps.checkInDialog.openCheckIn(dc);
        if (open?.occurrenceKey !== message.checkInKey || open.index !== 0) return outcome('nothing-to-remind');
        await context.sendActivity(this.wording.say('checkInReminder', client));
        await dc.repromptDialog();
        return outcome('sent');
      }
      case 'notice': {
        const date = message.endDate ? DateTime.fromISO(message.endDate).setLocale('en-GB').toFormat('cccc d LLLL') : '';
        await context.sendActivity(this.wording.say(message.notice === 'goodbye' ? 'goodbye' : 'endingNotice', client, { weeks: message.weeks ?? '', date }));
        return outcome('sent');
      }
      case 'welcome':
        await context.sendActivity(this.wording.welcome(client));
        return outcome('sent');
      case 'resume': {
        const open = this.deps.checkInDialog.openCheckIn(dc);
        if (open?.checkInId !== message.checkInId) return outcome('nothing-to-remind');
        await context.sendActivity(this.wording.say('checkInResume', client));
        await dc.repromptDialog();
        return outcome('sent');
      }
      case 'link-worker-changed':
        await context.sendActivity(this.wording.say('linkWorkerChanged', client));
        return outcome('sent');
      case 'group-nudge':
      case 'group-follow-up':
        return outcome(await this.groupDialog.deliver(await this.groupStack.createContext(context), client, message));
    }
  }

  /**
   * A web chat opened again (a reload, a new tab, another day). When messages came while no page
   * was open, the bot says so: an open check-in shows its question again; one whose time passed
   * meanwhile is offered now; anything else is pointed to. When nothing came, it says nothing.
   */
  private async chatReopened(context: TurnContext, client: ClientRecord, away: ChatReopened): Promise<void> {
    if (!(away.unseenMessages > 0) || !hasAgreed(client)) return;
    const now = this.deps.clock.now();
    // Compared as times: stored times carry different offsets ("Z", "+01:00").
    const sinceMs = away.lastSeenAt ? DateTime.fromISO(away.lastSeenAt).toMillis() : 0;
    const after = (at: string | undefined) => at !== undefined && DateTime.fromISO(at).toMillis() > sinceMs;
    const when = (at: string) => whenPast(DateTime.fromISO(at), now, client.timezone);
    const dc = await this.dialogs.createContext(context);
    const checkIns = (await this.deps.history.history(client.id, recentMonths(now))).checkIns;
    const open = this.deps.checkInDialog.openCheckIn(dc);
    if (open) {
      const record = checkIns.find((c) => c.id === open.checkInId);
      const cameWhileAway = record !== undefined && after(record.startedAt);
      await context.sendActivity(
        cameWhileAway ? this.wording.say('chatAwayCheckIn', client, { date: when(record.startedAt) }) : this.wording.say('checkInResume', client),
      );
      await dc.repromptDialog();
      return;
    }
    const last = checkIns.at(-1);
    if (last?.status === 'missed' && after(last.endedAt) && after(last.startedAt)) {
      await context.sendActivity(this.wording.offering(client, this.wording.say('chatAwayCheckInPassed', client, { date: when(last.startedAt) })));
      return;
    }
    await context.sendActivity(this.wording.offering(client, this.wording.say('chatAwayMessage', client)));
  }

  /** Close a check-in whose window has passed: recorded as missed, nothing said to the client. */
  private async expireCheckIn(context: TurnContext, client: ClientRecord, checkInId: string): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const open = this.deps.checkInDialog.openCheckIn(dc);
    if (open?.checkInId === checkInId) {
      context.turnState.set(CHECK_IN_EXPIRED, true);
      await dc.cancelAllDialogs();
      return;
    }
    // The conversation no longer holds it (state lost in a crash): close the record all the same.
    const record = (await this.deps.history.history(client.id)).checkIns.find((c) => c.id === checkInId);
    if (record?.status === 'open') {
      await this.deps.history.endCheckIn(client.id, checkInId, { status: 'missed', endedAt: this.deps.clock.now().toISO()! }, []);
    }
  }

  private async startCheckIn(context: TurnContext, client: ClientRecord): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      context.turnState.set(CHECK_IN_STARTED, false);
      return;
    }
    const result = await dc.beginDialog(DialogIds.checkIn, this.wording.checkInOptions(client));
    context.turnState.set(CHECK_IN_STARTED, result.status === DialogTurnStatus.waiting);
  }
}
