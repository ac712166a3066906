import { ActivityHandler, ActivityTypes, TurnContext, type Activity, type ConversationState, type StatePropertyAccessor } from 'botbuilder-core';
import { DateTime } from 'luxon';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { CHECK_IN_EXPIRED, type CheckInDialog, type CheckInOptions } from './checkInDialog.js';
import { interpretReply } from './understanding/interpretReply.js';
import { DialogIds } from './dialogIds.js';
import { normalizeReply, words } from './understanding/normalizeReply.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';
import { fill, type Wording, type WordingValues } from './wording/wording.js';
import type { ClientHistoryRepository, ClientRepository } from '../storage/ports.js';
import type { ClientRecord } from '../storage/records.js';
import type { Clock } from '../bot/time/clock.js';
import { effectKeyOf, noteOutsideCheckIn, turnMessageKey } from '../bot/channels/turnEffects.js';
import type { Programme } from '../bot/config/programmeSchema.js';
import { wordingFor } from '../bot/config/wordingFor.js';
import type { AlertService } from '../bot/care/alerts/alertService.js';
import { flagQuietly, isModelFlagOnly, respondToRisk, type RiskResponseDeps } from '../bot/care/alerts/riskResponse.js';
import { whenStaffSee } from '../bot/care/alerts/workingDay.js';
import type { RiskScreen } from '../bot/care/alerts/riskScreen.js';
import { agreementsOf, hasAgreed, type ContactPreferences } from '../bot/channels/contactPreferences.js';
import { SMS_CHANNEL_ID } from '../bot/channels/sms/twilioSmsAdapter.js';
import { smsKeywordTurn, type SmsKeywordDeps } from '../bot/channels/sms/smsKeywordTurn.js';
import { GroupDialog, type GroupTalkDeps, type GroupTalkState } from './groupDialog.js';
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

const AGREEMENTS = new Set(['yes', 'y', 'yes please', 'yep', 'yeah', 'ok', 'okay', 'i agree', 'agree', 'agreed', 'yes i agree', 'happy to']);

/** A reply that agrees to check-ins ("YES", "yes please", "ok"). */
function isAgreement(text: string): boolean {
  return AGREEMENTS.has(normalizeReply(text));
}

/** How long after a check-in was missed an answer to its waiting question is still taken (marked late). */
const LATE_ANSWER_DAYS = 7;

/** A reply of this many words or more that answers no waiting question is a message for the link worker, not a muddled answer. */
const NOTE_WORDS = 4;
/** "Not now" to the welcome's question (the button, or the same in words). */
const NOT_NOW = /^\s*(?:no|nope|nah|not now|not yet|later|maybe later|not today|no thanks?|no thank you)\W*$/i;
/** How many handled text ids a conversation remembers: far more than can wait unhandled at once. */
const HANDLED_KEPT = 50;

const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'morning', 'good morning', 'afternoon', 'good afternoon', 'evening', 'good evening']);

/**
 * Routes each turn: finds the enrolled client, keeps their conversation reference for proactive
 * messages, and hands the turn to the open dialog or starts one. Conversation state is saved once
 * per turn.
 */
export class LinkwellBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  /** Ids of the last texts this conversation handled, saved with its dialog state (see turnEffects). */
  private readonly handledMessages: StatePropertyAccessor<string[]>;
  /** The client asked for a check-in before agreeing: it starts when they say YES. */
  private readonly checkInAsked: StatePropertyAccessor<boolean>;
  private readonly wordings = new Map<string, Wording>();
  /** Group questions wait on a stack of their own, beside the check-in's. */
  private readonly groupDialog: GroupDialog;
  private readonly groupStack: DialogSet;
  private readonly smsKeywordDeps: SmsKeywordDeps;
  private readonly riskResponseDeps: RiskResponseDeps;

  constructor(private readonly deps: LinkwellBotDeps) {
    super();
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.handledMessages = deps.conversationState.createProperty<string[]>('handledMessages');
    this.checkInAsked = deps.conversationState.createProperty<boolean>('checkInAskedBeforeAgreeing');
    this.dialogs.add(deps.checkInDialog);
    this.groupDialog = new GroupDialog({
      ...deps.groups,
      conversationState: deps.conversationState,
      clients: deps.clients,
      history: deps.history,
      clock: deps.clock,
      say: (key, client, values) => this.say(key, client, values),
    });
    this.groupStack = GroupDialog.stack(deps.conversationState, this.groupDialog);
    this.smsKeywordDeps = {
      clock: deps.clock,
      contact: deps.contact,
      say: (key, client, values) => this.say(key, client, values),
      keepNote: (client, text, context) => this.keepNote(client, text, context),
      clearGroupQuestion: async (context) => this.groupDialog.clear(await this.groupStack.createContext(context)),
    };
    this.riskResponseDeps = {
      ...this.smsKeywordDeps,
      programme: deps.programme,
      alerts: deps.safety.alerts,
      history: deps.history,
      // Never the check-in's answer when the reply is for a group question waiting beside it.
      keepAnswer: async (dc, options) => {
        const talk = await this.groupDialog.pending(await this.groupStack.createContext(dc.context));
        if (talk && this.isForGroup(dc, talk, dc.context.activity.text?.trim() ?? '')) return false;
        return deps.checkInDialog.keepAnswer(dc, options);
      },
      // Only what a group question would take as its answer: a few words that answer nothing stay a note.
      answerGroupQuestion: async (dc, client) => {
        const text = dc.context.activity.text?.trim() ?? '';
        const talk = await this.groupDialog.pending(await this.groupStack.createContext(dc.context));
        return talk !== undefined && this.groupDialog.understands(talk, text) && this.answerGroupQuestion(dc, client, text);
      },
      openCheckInId: (dc) => deps.checkInDialog.openCheckIn(dc)?.checkInId,
    };

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
    const finding = this.deps.safety.screen(context.activity.text ?? '');
    if (finding && !isModelFlagOnly(finding)) {
      await respondToRisk(dc, client, finding, this.riskResponseDeps);
      return;
    }
    const since = this.deps.clock.now();
    await this.carryOn(dc, client);
    // A flag from the model alone is raised once the message has gone its usual way.
    if (finding) await flagQuietly(dc, client, finding, this.riskResponseDeps, since);
  }

  /** A message that needs no risk reply: a keyword, the menu, an answer, agreement, a command or a note. */
  private async carryOn(dc: DialogContext, client: ClientRecord): Promise<void> {
    const { context } = dc;
    if (context.activity.channelId === SMS_CHANNEL_ID && (await smsKeywordTurn(dc, client, this.smsKeywordDeps))) return;
    const text = context.activity.text?.trim() ?? '';
    if (recognizeCommand(text) === 'menu') {
      // Whatever is open ends (a check-in is kept as stopped): no one can get stuck.
      await dc.cancelAllDialogs();
      await this.groupDialog.clear(await this.groupStack.createContext(context));
      await context.sendActivity(this.menuActivity(client));
      return;
    }
    if (await this.answerGroupQuestion(dc, client, text)) return;
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    // YES to the welcome; also the same YES run again after a crash, which then says the same.
    const message = turnMessageKey(context);
    if (isAgreement(text) && (!hasAgreed(client) || (message !== undefined && agreementsOf(client).texts?.messageKey === message))) {
      await this.deps.contact.consent(client.id, context.activity.channelId, message);
      // They asked for a check-in before agreeing: it starts now. Else web chat offers one.
      if (await this.checkInAsked.get(context, false)) {
        await this.checkInAsked.delete(context);
        await context.sendActivity(this.say('consentThanks', client));
        await dc.beginDialog(DialogIds.checkIn, this.checkInOptions(client));
      } else {
        const agreed = (await this.deps.clients.get(client.id)) ?? client;
        await context.sendActivity(this.offering(agreed, this.say('consentThanks', agreed)));
      }
      return;
    }
    if (!hasAgreed(client) && NOT_NOW.test(text)) {
      await this.checkInAsked.delete(context);
      await context.sendActivity(this.offering(client, this.say('consentNotNow', client)));
      return;
    }
    const command = recognizeCommand(text);
    if (command === 'checkIn' && !hasAgreed(client)) {
      // Nothing they answer is kept before they agree: ask first, and start once they do.
      await this.checkInAsked.set(context, true);
      await context.sendActivity(this.offering(client, this.say('consentBeforeCheckIn', client)));
      return;
    }
    if (command === 'checkIn') {
      await dc.beginDialog(DialogIds.checkIn, this.checkInOptions(client));
    } else if (command === 'help') {
      await context.sendActivity(this.offering(client, this.say('help', client)));
    } else if (
      text === '' ||
      GREETINGS.has(
        text
          .toLowerCase()
          .replace(/[^a-z ]/g, '')
          .trim(),
      ) ||
      command !== null
    ) {
      await this.welcome(context, client);
    } else if (await this.lateAnswer(context, client, text)) {
      await context.sendActivity(this.offering(client, this.say('lateAnswer', client)));
    } else if (NOT_NOW.test(text)) {
      // "Not now" to an offer of a check-in: nothing for the link worker to read.
      await context.sendActivity(this.offering(client, this.say('checkInNotNow', client)));
    } else {
      // Outside a check-in, what a client writes is for their link worker.
      await this.keepNote(client, text, context);
      await context.sendActivity(this.offering(client, this.say('noteReceived', client)));
    }
  }

  /**
   * A message outside a check-in, with what the client can do next as buttons in web chat (text
   * messages carry only the words): Yes / Not now until they agree, then Check in and Help.
   */
  private offering(client: ClientRecord, text: string): Partial<Activity> {
    const actions = hasAgreed(client)
      ? [
          { type: 'imBack', title: 'Check in', value: 'check in' },
          { type: 'imBack', title: 'Help', value: 'help' },
        ]
      : [
          { type: 'imBack', title: 'Yes', value: 'yes' },
          { type: 'imBack', title: 'Not now', value: 'not now' },
        ];
    return { type: ActivityTypes.Message, text, suggestedActions: { to: [], actions } };
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
        await dc.context.sendActivity(this.say('groupBackToCheckIn', client));
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

  /**
   * An answer to the question a missed check-in was waiting on, sent after it closed: kept, marked
   * late, if it is an answer to that question and the client has had no check-in since. Anything
   * else is not read as an answer (it goes to the link worker's notes).
   */
  private async lateAnswer(context: TurnContext, client: ClientRecord, text: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const last = (await this.deps.history.history(client.id, recentMonths(now))).checkIns.at(-1);
    if (last?.status !== 'missed' || !last.waitingFor || !last.endedAt) return false;
    if (now.diff(DateTime.fromISO(last.endedAt)).as('days') > LATE_ANSWER_DAYS) return false;
    const found = this.deps.checkInDialog.itemOf(last.waitingFor.instrumentId, last.waitingFor.itemId);
    if (!found) return false;
    const meaning = interpretReply(found.item, { text, value: context.activity.value });
    if (meaning.kind !== 'answer') return false;
    await this.deps.history.recordResponse(client.id, {
      checkInId: last.id,
      instrumentId: found.instrument.id,
      instrumentVersion: found.instrument.version,
      itemId: found.item.id,
      value: meaning.value,
      optionId: meaning.optionId,
      status: 'answered',
      raw: text,
      channel: context.activity.channelId,
      answeredAt: now.toISO()!,
      late: true,
      ...effectKeyOf(context, 'answer'),
    });
    // One late answer per missed check-in: the next message is read afresh.
    await this.deps.history.endCheckIn(client.id, last.id, { status: 'missed', endedAt: last.endedAt, waitingFor: undefined }, []);
    return true;
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
          ...this.checkInOptions(client),
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
        await context.sendActivity(this.say('checkInReminder', client));
        await dc.repromptDialog();
        return outcome('sent');
      }
      case 'notice': {
        const date = message.endDate ? DateTime.fromISO(message.endDate).setLocale('en-GB').toFormat('cccc d LLLL') : '';
        await context.sendActivity(this.say(message.notice === 'goodbye' ? 'goodbye' : 'endingNotice', client, { weeks: message.weeks ?? '', date }));
        return outcome('sent');
      }
      case 'welcome':
        await this.welcome(context, client);
        return outcome('sent');
      case 'resume': {
        const open = this.deps.checkInDialog.openCheckIn(dc);
        if (open?.checkInId !== message.checkInId) return outcome('nothing-to-remind');
        await context.sendActivity(this.say('checkInResume', client));
        await dc.repromptDialog();
        return outcome('sent');
      }
      case 'link-worker-changed':
        await context.sendActivity(this.say('linkWorkerChanged', client));
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
      await context.sendActivity(cameWhileAway ? this.say('chatAwayCheckIn', client, { date: when(record.startedAt) }) : this.say('checkInResume', client));
      await dc.repromptDialog();
      return;
    }
    const last = checkIns.at(-1);
    if (last?.status === 'missed' && after(last.endedAt) && after(last.startedAt)) {
      await context.sendActivity(this.offering(client, this.say('chatAwayCheckInPassed', client, { date: when(last.startedAt) })));
      return;
    }
    await context.sendActivity(this.offering(client, this.say('chatAwayMessage', client)));
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

  private async keepNote(client: ClientRecord, text: string, context: TurnContext): Promise<void> {
    await this.deps.history.recordNote(client.id, noteOutsideCheckIn(context, text, this.deps.clock.now().toISO()!));
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

  private menuActivity(client: ClientRecord): Partial<Activity> {
    return this.offering(client, this.say('menu', client));
  }

  private async welcome(context: TurnContext, client: ClientRecord): Promise<void> {
    await context.sendActivity(
      this.offering(client, hasAgreed(client) ? this.say('welcome', client) : `${this.say('welcome', client)} ${this.say('consentAsk', client)}`),
    );
  }

  private checkInOptions(client: ClientRecord): CheckInOptions {
    return {
      clientId: client.id,
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      programmeName: this.deps.programme.name,
      language: client.language,
    };
  }

  private say(key: keyof Wording, client: ClientRecord, values: WordingValues = {}): string {
    const linkWorker = this.deps.programme.linkWorkers.find((w) => w.id === client.linkWorkerId);
    return fill(this.wordingOf(client.language)[key], {
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      linkWorkerPhone: linkWorker?.phone ?? '',
      programmeName: this.deps.programme.name,
      // When the link worker will see what is passed on ("today", "tomorrow", "on Monday"), unless
      // the wording's {date} means something else and is given.
      date: whenStaffSee(this.deps.programme, this.deps.clock.now()),
      ...values,
    });
  }

  /** The programme's wording in a language (each worked out once). */
  private wordingOf(language: string | undefined): Wording {
    const key = language ?? '';
    let wording = this.wordings.get(key);
    if (!wording) {
      wording = wordingFor(this.deps.programme, language);
      this.wordings.set(key, wording);
    }
    return wording;
  }

  private linkWorkerName(client: ClientRecord): string {
    return this.deps.programme.linkWorkers.find((w) => w.id === client.linkWorkerId)?.name ?? 'your link worker';
  }
}

/**
 * The months whose records hold any check-in still open or closed within the last week: one
 * started at most a wave's window (four weeks) before, so the last three months.
 */
function recentMonths(now: DateTime): string[] {
  return [2, 1, 0].map((n) => now.toUTC().minus({ months: n }).toFormat('yyyy-LL'));
}
