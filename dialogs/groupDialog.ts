import { ActivityTypes, type ConversationState, type StatePropertyAccessor } from 'botbuilder-core';
import { Dialog, type DialogContext, DialogSet, type DialogState, type DialogTurnResult, DialogTurnStatus } from './dialogCore.js';
import { DialogIds } from './dialogIds.js';
import { TURN_CLIENT } from '../bot/channels/turnKeys.js';
import { DateTime } from 'luxon';
import { barrierMenuText, interpretBarrier, type BarrierId } from './understanding/interpretBarrier.js';
import { interpretFitReply, interpretNudgeReply, interpretWentReply, saysNotGoingBack } from './understanding/interpretGroupReply.js';
import { interpretYesNo } from './understanding/interpretYesNo.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';
import type { Wording, WordingValues } from './wording/wording.js';
import type { ClientHistoryRepository, ClientRepository } from '../storage/ports.js';
import type { AttendanceRecord, ClientGroupLink, ClientRecord } from '../storage/records.js';
import type { Clock } from '../bot/time/clock.js';
import type { DeliveryOutcome, ScheduledMessage } from '../bot/channels/scheduledMessage.js';
import type { Group } from '../bot/config/groupSchema.js';
import { GroupRecords } from '../bot/care/groups/groupRecords.js';
import { countWord, labels, sentence, sessionDate, whenAhead, whenPast, withButtons } from '../bot/care/groups/groupWording.js';
import type { ClientChanged } from '../bot/platform/clientChanged.js';

/** What a reply to a group message can change in the directory: a session reported not running flags the group for re-verification. */
export interface GroupDirectoryView {
  groups(): readonly Group[];
  flag(groupId: string, report: { reason: 'reported-not-running'; sessionKey: string; clientId: string; at: string }): Promise<void>;
}

export interface GroupTalkDeps {
  conversationState: ConversationState;
  clients: Pick<ClientRepository, 'update'>;
  history: Pick<ClientHistoryRepository, 'history' | 'recordAttendance' | 'addTask' | 'recordNote' | 'recordEvent'>;
  directory: GroupDirectoryView;
  clock: Clock;
  /** The programme's wording for the client, filled (the bot's own `say`). */
  say: (key: keyof Wording, client: ClientRecord, values?: WordingValues) => string;
  /** Said when the client should be planned again: links changed (nudges stopped), or a group question closed (a held message may go now). */
  clientChanged: Pick<ClientChanged, 'emit'>;
  /** How long after a session starts "did you make it?" may still be answered (the programme's follow-up window). */
  followUpWindowHours: number;
}

type Step = 'nudge' | 'went' | 'how' | 'fit' | 'barriers' | 'barrier-other' | 'company';

/** The group question waiting for the client's reply, kept in conversation state. */
export interface GroupTalkState {
  groupId: string;
  sessionKey: string;
  sessionStart: string;
  step: Step;
  askedAt: string;
  /** After this a reply is not read as an answer to it. */
  expiresAt: string;
  misses: number;
  /** Barriers given, kept for the question after them ("would it help if someone came with you?"). */
  barriers?: string[] | undefined;
}

const STATE = 'question';

/** How long a question after the first (how was it, what got in the way) waits for its answer. */
const STEP_HOURS = 24;
/** Another group message waits this long for the client to answer the group question they were just asked. */
const HOLD_FOR_ANSWER_MINUTES = 30;

/**
 * The conversation about one group session: the nudge before it ("Reply 1 if you're going, 2 if
 * something's in the way"), "did you make it?" after it, how it was and whether the client felt
 * welcome, or what got in the way. Every answer is kept on the session's attendance record as it
 * comes; what a link worker should act on becomes a task; a group reported not running is flagged
 * in the directory; "didn't feel welcome" twice, or "I don't want to go back", stops nudges for that
 * group and tells the link worker.
 *
 * A dialog of its own stack (GroupDialog.stack), beside the check-in's: a group question may wait
 * while a check-in is open, and the router (LinkwellBot) decides which one a reply is for, after the
 * risk screen (see understands). The client of the turn is the router's (TURN_CLIENT).
 */
export class GroupDialog extends Dialog<GroupTalkState> {
  private readonly records: GroupRecords;
  /** Where questions waited before they were a dialog: one still waiting there is taken over. */
  private readonly legacy: StatePropertyAccessor<GroupTalkState | undefined>;

  constructor(private readonly deps: GroupTalkDeps) {
    super(DialogIds.groupQuestion);
    this.legacy = deps.conversationState.createProperty<GroupTalkState | undefined>('groupTalk');
    this.records = new GroupRecords(deps);
  }

  /** The stack group questions wait on, kept with the conversation's state. */
  static stack(conversationState: ConversationState, dialog: GroupDialog): DialogSet {
    return new DialogSet(conversationState.createProperty<DialogState>('groupDialogState')).add(dialog);
  }

  override async beginDialog(dc: DialogContext, question?: GroupTalkState): Promise<DialogTurnResult> {
    if (!question) throw new Error('GroupDialog: begun without a question');
    dc.activeDialog!.state[STATE] = question;
    return Dialog.EndOfTurn;
  }

  /** The client's reply to the question waiting; the dialog ends when no further question waits. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const client = dc.context.turnState.get(TURN_CLIENT) as ClientRecord | undefined;
    const state = this.stateOf(dc);
    if (!client || !state) return dc.endDialog();
    await this.reply(dc, client, state, dc.context.activity.text?.trim() ?? '');
    return dc.activeDialog ? Dialog.EndOfTurn : { status: DialogTurnStatus.complete };
  }

  /**
   * Send a nudge or follow-up the scheduler asked for. 'not-needed' when the client has already told
   * us about that session (or another session of the group that day: a time edited in the directory
   * must not bring a second nudge), when the link stopped, or when they paused or an urgent alert
   * opened since the scheduler planned it. 'group-question-open' while they are answering another
   * group question (asked in the last half hour): it goes when that is done.
   */
  async deliver(
    dc: DialogContext,
    client: ClientRecord,
    message: Extract<ScheduledMessage, { kind: 'group-nudge' | 'group-follow-up' }>,
  ): Promise<DeliveryOutcome> {
    const group = this.deps.directory.groups().find((g) => g.id === message.groupId);
    const link = client.groups?.find((l) => l.groupId === message.groupId);
    if (!group || !link || link.status === 'stopped') return 'not-needed';
    const now = this.deps.clock.now();
    if (client.riskOpenSince || (client.pausedUntil && DateTime.fromISO(client.pausedUntil) > now)) return 'not-needed';
    const waiting = await this.pending(dc);
    if (waiting && waiting.sessionKey !== message.sessionKey && now.diff(DateTime.fromISO(waiting.askedAt)).as('minutes') < HOLD_FOR_ANSWER_MINUTES)
      return 'group-question-open';
    const session = { sessionKey: message.sessionKey, groupId: group.id, sessionStart: message.sessionStart };
    const sameDay = await this.records.attendanceThatDay(client, session);
    const known = sameDay.find((a) => a.sessionKey === session.sessionKey);
    const told = sameDay.some((a) => a.intention === 'not-going' || a.attendance !== 'unknown');
    const start = DateTime.fromISO(message.sessionStart);
    if (message.kind === 'group-nudge') {
      if (told || sameDay.some((a) => a.intention === 'going')) return 'not-needed';
      if (!known) await this.records.record(client, session, dc.context.activity.channelId, () => ({}));
      await this.ask(
        dc,
        session,
        'nudge',
        start.plus({ minutes: group.durationMinutes }),
        this.deps.say('groupNudge', client, {
          groupName: group.name,
          sessionTime: whenAhead(start, now, client.timezone),
          venue: group.venue.name,
          travel: sentence(group.transport),
        }),
        ['1 Going', "2 Something's in the way"],
      );
      return 'sent';
    }
    if (told) return 'not-needed';
    if (!known) await this.records.record(client, session, dc.context.activity.channelId, () => ({}));
    await this.ask(
      dc,
      session,
      'went',
      start.plus({ hours: this.deps.followUpWindowHours }),
      this.deps.say('groupFollowUp', client, {
        groupName: group.name,
        sessionTime: whenPast(start, now, client.timezone),
      }),
      ['1 Yes', '2 No'],
    );
    return 'sent';
  }

  /** The group question waiting for a reply, if it has not lapsed. */
  async pending(dc: DialogContext): Promise<GroupTalkState | undefined> {
    const legacy = await this.legacy.get(dc.context);
    if (legacy) {
      await this.legacy.delete(dc.context);
      if (!dc.activeDialog) await dc.beginDialog(this.id, legacy);
    }
    const state = this.stateOf(dc);
    if (!state) return undefined;
    if (DateTime.fromISO(state.expiresAt) <= this.deps.clock.now()) {
      await this.end(dc);
      return undefined;
    }
    return state;
  }

  /** Forget the waiting question ("menu", STOP, an urgent risk). */
  async clear(dc: DialogContext): Promise<void> {
    await this.legacy.delete(dc.context);
    await this.end(dc);
  }

  private stateOf(dc: DialogContext): GroupTalkState | undefined {
    const instance = dc.activeDialog;
    return instance?.id === this.id ? (instance.state[STATE] as GroupTalkState) : undefined;
  }

  /** The question now waiting: this one replaces whatever waited (a later step, a re-ask, another session's nudge). */
  private async setState(dc: DialogContext, state: GroupTalkState): Promise<void> {
    if (dc.activeDialog?.id === this.id) dc.activeDialog.state[STATE] = state;
    else await dc.beginDialog(this.id, state);
  }

  private async end(dc: DialogContext): Promise<void> {
    if (dc.activeDialog) await dc.cancelAllDialogs();
  }

  /** Whether a reply reads as an answer to the waiting question (free-text questions take anything). */
  understands(state: GroupTalkState, text: string): boolean {
    switch (state.step) {
      case 'nudge':
        return interpretNudgeReply(text).kind !== 'unclear' || saysNotGoingBack(text);
      case 'went':
        return interpretWentReply(text).kind !== 'unclear' || saysNotGoingBack(text);
      case 'fit':
        return interpretFitReply(text) !== 'unclear';
      case 'barriers':
        return barrierReply(text) !== undefined;
      case 'company':
        return interpretYesNo(text) !== 'unclear';
      case 'how':
      case 'barrier-other':
        return text.trim() !== '' || recognizeCommand(text) === 'skip';
    }
  }

  /** Take the client's reply to the waiting question. Resolves true while a group question is still waiting. */
  private async reply(dc: DialogContext, client: ClientRecord, state: GroupTalkState, text: string): Promise<boolean> {
    const group = this.deps.directory.groups().find((g) => g.id === state.groupId);
    if (!group) {
      await this.end(dc);
      await this.records.keepNote(client, text, dc.context);
      await this.send(dc, this.deps.say('groupNoted', client));
      return false;
    }
    const channel = dc.context.activity.channelId;
    const session = { sessionKey: state.sessionKey, groupId: state.groupId, sessionStart: state.sessionStart };
    const values = { groupName: group.name };
    if (recognizeCommand(text) === 'skip') {
      // Skipping "how was it?" still asks whether they felt welcome; any other question is let go.
      if (state.step === 'how') return this.askFit(dc, client, state, this.deps.say('groupFitAsk', client, values));
      await this.end(dc);
      await this.send(dc, this.deps.say('groupSkipped', client, values));
      return false;
    }
    if (saysNotGoingBack(text) && (state.step === 'nudge' || state.step === 'went' || state.step === 'fit')) {
      const went = state.step === 'went' ? interpretWentReply(text).kind === 'went' : undefined;
      await this.records.record(client, session, channel, () =>
        state.step === 'nudge'
          ? { intention: 'not-going', attendance: 'didnt' }
          : state.step === 'went'
            ? { attendance: went ? 'went' : 'didnt' }
            : { fit: 'no' },
      );
      await this.records.keepNote(client, text, dc.context);
      await this.stopNudges(dc, client, group, 'does-not-want-to-go-back', state.sessionKey);
      return false;
    }
    switch (state.step) {
      case 'nudge': {
        const reply = interpretNudgeReply(text);
        if (reply.kind === 'unclear') return this.miss(dc, client, state, text, 'groupNudgeReask', values);
        if (reply.kind === 'going') {
          await this.records.record(client, session, channel, () => ({ intention: 'going' }));
          await this.end(dc);
          await this.send(dc, this.deps.say('groupGoing', client, values));
          return false;
        }
        await this.records.record(client, session, channel, () => ({ intention: 'not-going', attendance: 'didnt' }));
        return this.afterNo(dc, client, group, state, reply.barriers, text);
      }
      case 'went': {
        const reply = interpretWentReply(text);
        if (reply.kind === 'unclear')
          return this.miss(dc, client, state, text, 'groupFollowUpReask', {
            ...values,
            sessionTime: whenPast(DateTime.fromISO(state.sessionStart), this.deps.clock.now(), client.timezone),
          });
        if (reply.kind === 'went') {
          await this.records.record(client, session, channel, () => ({ attendance: 'went', ...(reply.more ? { howItWent: reply.more } : {}) }));
          if (reply.more) {
            await this.records.keepNote(client, reply.more, dc.context);
            // "Yes, but I didn't feel welcome" answers the next question too.
            if (barrierReply(reply.more)?.includes('not-welcome')) {
              await this.records.record(client, session, channel, () => ({ fit: 'no' }));
              return this.notWelcome(dc, client, group, state, []);
            }
            return this.askFit(dc, client, state, this.deps.say('groupFitAsk', client, values));
          }
          await this.next(dc, state, 'how', [this.deps.say('groupHowWasIt', client, values)]);
          return true;
        }
        await this.records.record(client, session, channel, () => ({ attendance: 'didnt' }));
        return this.afterNo(dc, client, group, state, reply.barriers, text);
      }
      case 'how':
        await this.records.record(client, session, channel, () => ({ howItWent: text.trim() }));
        await this.records.keepNote(client, text, dc.context);
        return this.askFit(dc, client, state, this.deps.say('groupFitAsk', client, values));
      case 'fit': {
        const fit = interpretFitReply(text);
        if (fit === 'unclear') return this.miss(dc, client, state, text, 'groupFitReask', values);
        await this.records.record(client, session, channel, () => ({ fit }));
        if (fit === 'no') return this.notWelcome(dc, client, group, state, []);
        const lines = [this.deps.say(fit === 'yes' ? 'groupFitYes' : 'groupFitABit', client, values)];
        const count = await this.records.wentThisMonth(client, group.id);
        if (count >= 2) lines.push(this.deps.say('groupCelebrate', client, { ...values, count: countWord(count) }));
        await this.end(dc);
        await this.sendAll(dc, lines);
        return false;
      }
      case 'barriers': {
        const barriers = barrierReply(text);
        if (!barriers) return this.miss(dc, client, state, text, 'groupBarrierReask', values, barrierMenuText());
        return this.afterNo(dc, client, group, state, barriers, text);
      }
      case 'barrier-other':
        await this.records.record(client, session, channel, (a) => ({ barriers: union(a.barriers, ['other']), barrierText: text.trim() }));
        await this.records.keepNote(client, text, dc.context);
        return this.barrierGiven(dc, client, group, state, ['other']);
      case 'company': {
        const yesNo = interpretYesNo(text);
        if (yesNo === 'unclear') return this.miss(dc, client, state, text, 'groupCompanyAskNext', values);
        await this.end(dc);
        if (yesNo === 'yes') {
          await this.records.record(client, session, channel, () => ({ wantsCompany: true }));
          await this.records.task(dc.context, client, 'accompany', group, state.sessionKey, `Would like someone to go with them to ${group.name}`);
          await this.send(dc, this.deps.say('groupCompanyYes', client, values));
        } else {
          await this.records.record(client, session, channel, () => ({ wantsCompany: false }));
          await this.send(dc, this.deps.say('groupCompanyNo', client, values));
        }
        return false;
      }
    }
  }

  /** "No" (to the nudge or to "did you make it?"): what got in the way, asked unless the reply said. */
  private async afterNo(
    dc: DialogContext,
    client: ClientRecord,
    group: Group,
    state: GroupTalkState,
    barriers: readonly string[],
    text: string,
  ): Promise<boolean> {
    const session = { sessionKey: state.sessionKey, groupId: state.groupId, sessionStart: state.sessionStart };
    if (barriers.length === 0) {
      await this.next(dc, state, 'barriers', [this.deps.say('groupBarrierAsk', client), barrierMenuText()]);
      return true;
    }
    const words = /[a-z]{3,}/i.test(text) ? { barrierText: text.trim() } : {};
    if (barriers.length === 1 && barriers[0] === 'other' && !words.barrierText) {
      await this.next(dc, state, 'barrier-other', [this.deps.say('groupBarrierOther', client)]);
      return true;
    }
    await this.records.record(client, session, dc.context.activity.channelId, (a) => ({ barriers: union(a.barriers, barriers), ...words }));
    return this.barrierGiven(dc, client, group, state, barriers);
  }

  /** Act on the barriers given: flag a group not running, stop after a second "not welcome", offer company to someone nervous. */
  private async barrierGiven(dc: DialogContext, client: ClientRecord, group: Group, state: GroupTalkState, barriers: readonly string[]): Promise<boolean> {
    const values = { groupName: group.name };
    const now = this.deps.clock.now();
    if (barriers.includes('not-welcome')) return this.notWelcome(dc, client, group, state, barriers);
    const lines: string[] = [];
    if (barriers.includes('not-running-or-full')) {
      await this.deps.directory.flag(group.id, { reason: 'reported-not-running', sessionKey: state.sessionKey, clientId: client.id, at: now.toISO()! });
      lines.push(this.deps.say('groupNotRunning', client, values));
    }
    lines.push(this.deps.say(barriers.includes('feeling-low') ? 'groupFeelingLow' : 'groupBarrierThanks', client, values));
    await this.barrierTask(dc, client, group, state, barriers);
    if (barriers.includes('nervous-anxious')) {
      const first = (await this.records.wentBefore(client, group.id)) === 0;
      await this.next(dc, { ...state, barriers: [...barriers] }, 'company', [
        ...lines,
        this.deps.say(first ? 'groupCompanyAsk' : 'groupCompanyAskNext', client, values),
      ]);
      return true;
    }
    await this.end(dc);
    await this.sendAll(dc, lines);
    return false;
  }

  /** Didn't feel welcome: the second time for this group stops its nudges; the first, company is offered. */
  private async notWelcome(dc: DialogContext, client: ClientRecord, group: Group, state: GroupTalkState, barriers: readonly string[]): Promise<boolean> {
    const values = { groupName: group.name };
    // One read for both questions: how often they felt unwelcome here, and whether they have been before.
    const here = (await this.records.history(client)).attendance.filter((a) => a.groupId === group.id);
    const times = here.filter((a) => a.fit === 'no' || a.barriers.includes('not-welcome')).length;
    if (times >= 2) {
      await this.stopNudges(dc, client, group, 'not-welcome-twice', state.sessionKey);
      return false;
    }
    if (barriers.length > 0) await this.barrierTask(dc, client, group, state, barriers);
    const first = !here.some((a) => a.attendance === 'went');
    await this.next(dc, state, 'company', [
      this.deps.say('groupNotWelcome', client, values),
      this.deps.say(first ? 'groupCompanyAsk' : 'groupCompanyAskNext', client, values),
    ]);
    return true;
  }

  /** What got in the way, as a task for the link worker. */
  private barrierTask(dc: DialogContext, client: ClientRecord, group: Group, state: GroupTalkState, barriers: readonly string[]): Promise<void> {
    const detail = `Didn't go to ${group.name} (${sessionDate(state.sessionStart, client.timezone)}): ${labels(barriers)}`;
    return this.records.task(dc.context, client, 'barrier', group, state.sessionKey, detail);
  }

  /** No more nudges for this group: the link is set to stopped, the link worker gets a task, the client is told. */
  private async stopNudges(
    dc: DialogContext,
    client: ClientRecord,
    group: Group,
    because: NonNullable<ClientGroupLink['stoppedBecause']>,
    sessionKey: string,
  ): Promise<void> {
    await this.records.stopLink(client, group, because);
    const why = because === 'not-welcome-twice' ? "didn't feel welcome, twice" : "said they don't want to go back";
    await this.records.task(dc.context, client, 'nudges-stopped', group, sessionKey, `Nudges for ${group.name} stopped: ${why}. Talk about other groups?`);
    this.deps.clientChanged.emit(client.id);
    await this.end(dc);
    await this.send(dc, this.deps.say('groupNudgesStopped', client, { groupName: group.name }));
  }

  private askFit(dc: DialogContext, _client: ClientRecord, state: GroupTalkState, question: string): Promise<boolean> {
    return this.next(dc, state, 'fit', [question], ['1 Yes', '2 A bit', '3 No']).then(() => true);
  }

  /** A reply that was not an answer: asked once more; a second miss is kept for the link worker and the question dropped. */
  private async miss(
    dc: DialogContext,
    client: ClientRecord,
    state: GroupTalkState,
    text: string,
    reask: keyof Wording,
    values: WordingValues,
    extra?: string,
  ): Promise<boolean> {
    // Whatever it meant, what the client wrote is kept for their link worker.
    await this.records.keepNote(client, text, dc.context);
    if (state.misses >= 1) {
      await this.end(dc);
      await this.send(dc, this.deps.say('groupNoted', client));
      return false;
    }
    await this.setState(dc, { ...state, misses: state.misses + 1, askedAt: this.deps.clock.now().toISO()! });
    await this.sendAll(dc, [this.deps.say(reask, client, values), ...(extra ? [extra] : [])]);
    return true;
  }

  private async ask(
    dc: DialogContext,
    session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
    step: Step,
    expiresAt: DateTime,
    text: string,
    buttons: string[],
  ): Promise<void> {
    const now = this.deps.clock.now();
    await this.setState(dc, { ...session, step, askedAt: now.toISO()!, expiresAt: expiresAt.toUTC().toISO()!, misses: 0 });
    await dc.context.sendActivity(withButtons(text, buttons));
  }

  private async next(dc: DialogContext, state: GroupTalkState, step: Step, lines: string[], buttons: string[] = []): Promise<void> {
    const now = this.deps.clock.now();
    await this.setState(dc, { ...state, step, misses: 0, askedAt: now.toISO()!, expiresAt: now.plus({ hours: STEP_HOURS }).toUTC().toISO()! });
    const last = lines.length - 1;
    await dc.context.sendActivities(lines.map((line, i) => (i === last ? withButtons(line, buttons) : { type: ActivityTypes.Message, text: line })));
  }

  private send(dc: DialogContext, text: string): Promise<unknown> {
    return dc.context.sendActivity({ type: ActivityTypes.Message, text });
  }

  private sendAll(dc: DialogContext, lines: string[]): Promise<unknown> {
    return dc.context.sendActivities(lines.map((text) => ({ type: ActivityTypes.Message, text })));
  }
}

/** A reply to the barriers menu: the barriers named, or undefined when it names none. */
function barrierReply(text: string): BarrierId[] | undefined {
  const reply = interpretBarrier(text);
  return reply.kind === 'barrier' ? reply.barriers : undefined;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
