import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from './dialogCore.js';
import { itemPrompt, showsCards } from '../cards/itemPrompt.js';
import type { Clock } from '../bot/time/clock.js';
import type { ClientHistoryRepository } from '../storage/ports.js';
import type { CheckInKind, CheckInRecord, CheckInStatus, ItemResponseRecord, ScoreRecord } from '../storage/records.js';
import { DialogIds } from './dialogIds.js';
import type { Instrument, InstrumentItem } from './instruments/instrumentSchema.js';
import { scoreInstrument } from './instruments/scoreInstrument.js';
import { interpretReply } from './understanding/interpretReply.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';
import { isNothingToAdd } from './understanding/isNothingToAdd.js';
import { fill, type Wording, type WordingValues } from './wording/wording.js';
import { effectId, effectKeyOf, idFromKey } from '../bot/channels/turnEffects.js';

/** Who the check-in is for, and (when the schedule started it) what it is; passed to beginDialog. */
export interface CheckInOptions {
  clientId: string;
  clientName: string;
  linkWorkerName: string;
  programmeName: string;
  /** The client's language for Linkwell's own wording (instrument wording is the validated original). */
  language?: string | undefined;
  /** What to ask (a measurement wave's instruments); default the routine check-in's. */
  instrumentIds?: string[] | undefined;
  kind?: CheckInKind | undefined;
  occurrenceKey?: string | undefined;
  /** When it closes unanswered; default the routine window from now. */
  expiresAt?: string | undefined;
}

/** What the scheduler needs to hear of a check-in: opened (and until when), first answered, closed. */
export interface CheckInHooks {
  opened(clientId: string, open: { checkInId: string; occurrenceKey: string | null; expiresAt: string }): Promise<void>;
  answered(clientId: string, occurrenceKey: string): Promise<void>;
  closed(clientId: string, checkInId: string): Promise<void>;
  /** The client said "later": the check-in waits, and is asked again at the next allowed time inside its window. */
  later(clientId: string, checkInId: string): Promise<void>;
  /** The client replied in the check-in (whatever was waiting to ask again later is no longer needed). */
  replied(clientId: string, checkInId: string): Promise<void>;
}

/** turnState flag: the check-in is being cancelled because its window passed (recorded as missed). */
export const CHECK_IN_EXPIRED = Symbol('linkwell.checkInExpired');

interface Step {
  instrumentId: string;
  itemId: string;
}

interface CheckInState extends CheckInOptions {
  checkInId: string;
  instrumentIds: string[];
  steps: Step[];
  index: number;
  /** Replies to the current item that were not an answer. */
  misses: number;
  values: Record<string, number | null>;
  phase: 'items' | 'openQuestion';
  /** When the question now waiting was last asked (to tell replies to it from replies to a group nudge). */
  askedAt?: string | undefined;
}

export interface CheckInDialogDeps {
  /** The routine check-in's instruments, in order. */
  instruments: readonly Instrument[];
  /** Every instrument a check-in may ask (measurement waves ask others); default just the routine ones. */
  library?: ReadonlyMap<string, Instrument>;
  wording: Wording;
  /** The wording in another language, falling back to `wording` key by key. */
  wordingIn?: (language: string) => Wording;
  history: Pick<ClientHistoryRepository, 'startCheckIn' | 'recordResponse' | 'recordNote' | 'endCheckIn'>;
  clock: Clock;
  /** How long a check-in started on request stays open (default 48 h). */
  windowHours?: number;
  hooks?: CheckInHooks;
}

const STATE = 'checkIn';

/**
 * A routine check-in: each item of the programme's instruments in order, one open question for
 * the link worker, then thanks. Every answer is stored as it is given. A reply that is not an
 * answer gets one kind re-ask with the options; a second miss records the item as missing.
 */
export class CheckInDialog extends Dialog<CheckInOptions> {
  private readonly items = new Map<string, { instrument: Instrument; item: InstrumentItem }>();
  private readonly instruments: ReadonlyMap<string, Instrument>;

  constructor(private readonly deps: CheckInDialogDeps) {
    super(DialogIds.checkIn);
    this.instruments = new Map([...(deps.library ?? []), ...deps.instruments.map((i) => [i.id, i] as const)]);
    for (const instrument of this.instruments.values()) {
      for (const item of instrument.items) this.items.set(stepKey(instrument.id, item.id), { instrument, item });
    }
  }

  /** An item of any instrument a check-in may ask (for an answer that comes after it closed). */
  itemOf(instrumentId: string, itemId: string): { instrument: Instrument; item: InstrumentItem } | undefined {
    return this.items.get(stepKey(instrumentId, itemId));
  }

  /** The check-in open in this conversation, when the active dialog is one: its record, its occurrence and the item it has reached. */
  openCheckIn(dc: DialogContext): { checkInId: string; occurrenceKey: string | undefined; index: number } | undefined {
    const instance = dc.activeDialog;
    if (instance?.id !== this.id) return undefined;
    const state = instance.state[STATE] as CheckInState;
    return { checkInId: state.checkInId, occurrenceKey: state.occurrenceKey, index: state.index };
  }

  /**
   * The question an open check-in (a dialog instance of this dialog) is waiting on: when it was
   * asked, and whether a reply reads as its answer (an answer to the item, a check-in command, or
   * anything at all for the open question).
   */
  waiting(instance: DialogInstance): { askedAt: string | undefined; understands(text: string, value?: unknown): boolean } {
    const state = instance.state[STATE] as CheckInState;
    return {
      askedAt: state.askedAt,
      understands: (text, value) => {
        if (!value && recognizeCommand(text) !== null) return true;
        if (state.phase === 'openQuestion') return text.trim() !== '';
        return interpretReply(this.current(state).item, { text, value }).kind === 'answer';
      },
    };
  }

  /**
   * Stores the reply as the answer to the question waiting, without asking the next one: for a
   * reply that also tells of a risk ("3 - and I cut myself again last night"), whose reply speaks
   * next. False when no question is waiting or the reply is not its answer. With
   * `closeOpenQuestion`, a reply to the open question completes the check-in.
   */
  async keepAnswer(dc: DialogContext, options: { closeOpenQuestion?: boolean } = {}): Promise<boolean> {
    const instance = dc.activeDialog;
    if (instance?.id !== this.id) return false;
    const state = instance.state[STATE] as CheckInState;
    // The open question takes anything as its answer (kept already, by the risk reply): the
    // check-in is complete, with its thanks, rather than asking the question again.
    if (state.phase === 'openQuestion' && options.closeOpenQuestion) {
      await this.finish(dc, state, 'completed');
      return true;
    }
    if (state.phase !== 'items') return false;
    const { activity } = dc.context;
    const meaning = interpretReply(this.current(state).item, { text: activity.text, value: activity.value });
    if (meaning.kind !== 'answer') return false;
    await this.keep(dc, state, { value: meaning.value, optionId: meaning.optionId, status: 'answered', raw: rawReply(activity) });
    // The next question (or the open one) is asked when the check-in carries on (repromptDialog).
    if (state.index >= state.steps.length) state.phase = 'openQuestion';
    return true;
  }

  override async beginDialog(dc: DialogContext, options?: CheckInOptions): Promise<DialogTurnResult> {
    if (!options) throw new TypeError('CheckInDialog needs the client it is for');
    const instruments = this.instrumentsOf(options.instrumentIds ?? this.deps.instruments.map((i) => i.id));
    const steps = instruments.flatMap((ins) => ins.items.map((item) => ({ instrumentId: ins.id, itemId: item.id })));
    const expiresAt =
      options.expiresAt ??
      this.deps.clock
        .now()
        .plus({ hours: this.deps.windowHours ?? 48 })
        .toUTC()
        .toISO()!;
    const state: CheckInState = {
      ...options,
      instrumentIds: instruments.map((i) => i.id),
      expiresAt,
      // A scheduled check-in's id comes from its occurrence: started again after a crash, it is the same check-in.
      checkInId: options.occurrenceKey ? idFromKey(`check-in|${options.occurrenceKey}`) : effectId(dc.context),
      steps,
      index: 0,
      misses: 0,
      values: {},
      phase: 'items',
    };
    dc.activeDialog!.state[STATE] = state;
    await this.deps.history.startCheckIn({
      id: state.checkInId,
      clientId: state.clientId,
      channel: dc.context.activity.channelId,
      instrumentIds: state.instrumentIds,
      status: 'open',
      startedAt: this.now(),
      kind: options.kind ?? 'on-request',
      ...(options.occurrenceKey ? { occurrenceKey: options.occurrenceKey } : {}),
      expiresAt,
    });
    await this.deps.hooks?.opened(state.clientId, { checkInId: state.checkInId, occurrenceKey: options.occurrenceKey ?? null, expiresAt });
    const intro = this.say(state, 'checkInIntro', { itemCount: steps.length });
    if (showsCards(dc.context.activity.channelId)) {
      await this.askCurrent(dc, state, [intro]);
    } else {
      // By SMS the intro and the first item together run to three segments; apart, each fits in two.
      await dc.context.sendActivity(intro);
      await this.askCurrent(dc, state, []);
    }
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = dc.context;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state[STATE] as CheckInState;
    const command = activity.value ? null : recognizeCommand(activity.text);

    if (command === 'stop') return this.finish(dc, state, 'stopped');
    if (command === 'later') {
      await this.deps.hooks?.later(state.clientId, state.checkInId);
      await dc.context.sendActivity(this.say(state, 'laterOk'));
      return Dialog.EndOfTurn;
    }
    await this.deps.hooks?.replied(state.clientId, state.checkInId);
    if (command === 'help') {
      await dc.context.sendActivity(this.say(state, 'help'));
      return this.reprompt(dc, state, []);
    }
    if (state.phase === 'openQuestion') return this.onOpenAnswer(dc, state, command);
    if (command === 'checkIn') return this.reprompt(dc, state, [this.say(state, 'alreadyOpen')]);
    if (command === 'skip') return this.record(dc, state, { value: null, optionId: null, status: 'skipped', raw: activity.text ?? null });

    const { item } = this.current(state);
    // A button on an earlier question's card: said so, and the question now asked again.
    if (isStaleButton(activity.value, item.id)) return this.reprompt(dc, state, [this.say(state, 'earlierQuestion')]);
    const meaning = interpretReply(item, { text: activity.text, value: activity.value });
    if (meaning.kind === 'answer') {
      const noted: string[] = [];
      if (meaning.remark && activity.text) {
        // More said beside the answer ("Sometimes. My hip has been bad"): the link worker sees the whole reply.
        await this.deps.history.recordNote(state.clientId, this.note(state, activity.text, dc.context));
        noted.push(this.say(state, 'freeTextNoted'));
      }
      return this.record(dc, state, { value: meaning.value, optionId: meaning.optionId, status: 'answered', raw: rawReply(activity) }, noted);
    }
    const lead: string[] = [];
    if (meaning.reason === 'free_text' && activity.text) {
      // Something said in passing is still said to the link worker, and acknowledged.
      await this.deps.history.recordNote(state.clientId, this.note(state, activity.text, dc.context));
      lead.push(this.say(state, 'freeTextNoted'));
    }
    state.misses += 1;
    if (state.misses >= 2) {
      return this.record(dc, state, { value: null, optionId: null, status: 'missing', raw: rawReply(activity) }, [...lead, this.say(state, 'moveOn')]);
    }
    return this.reprompt(dc, state, [...lead, this.say(state, 'reask')]);
  }

  /**
   * Cancelled from outside, silently: the client opted out, paused or asked for the menu (recorded
   * as stopped), or its window passed (recorded as missed, remembering the question left waiting).
   */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason !== DialogReason.cancelCalled) return;
    const state = instance.state[STATE] as CheckInState;
    const expired = context.turnState.get(CHECK_IN_EXPIRED) === true;
    const end: Pick<CheckInRecord, 'status' | 'endedAt' | 'waitingFor'> = { status: expired ? 'missed' : 'stopped', endedAt: this.now() };
    if (expired && state.phase === 'items') end.waitingFor = state.steps[state.index];
    await this.deps.history.endCheckIn(state.clientId, state.checkInId, end, this.scores(state));
    await this.deps.hooks?.closed(state.clientId, state.checkInId);
  }

  /** Ask the current question again (after something else was said in between, e.g. HELP by SMS). */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state[STATE] as CheckInState;
    if (state.phase === 'openQuestion') {
      state.askedAt = this.now();
      await context.sendActivity(this.say(state, 'openQuestion'));
    } else {
      await this.askCurrentIn(context, state, []);
    }
  }

  private async onOpenAnswer(dc: DialogContext, state: CheckInState, command: string | null): Promise<DialogTurnResult> {
    const text = dc.context.activity.text?.trim();
    if (text && command !== 'skip' && !isNothingToAdd(text)) {
      await this.deps.history.recordNote(state.clientId, this.note(state, text, dc.context));
      await dc.context.sendActivity(this.say(state, 'noteThanks'));
    }
    return this.finish(dc, state, 'completed');
  }

  private async record(
    dc: DialogContext,
    state: CheckInState,
    answer: Pick<ItemResponseRecord, 'value' | 'optionId' | 'status' | 'raw'>,
    lead: string[] = [],
  ): Promise<DialogTurnResult> {
    lead.push(...(await this.keep(dc, state, answer)));
    if (state.index < state.steps.length) {
      await this.askCurrent(dc, state, lead);
      return Dialog.EndOfTurn;
    }
    state.phase = 'openQuestion';
    state.askedAt = this.now();
    await dc.context.sendActivities([...lead, this.say(state, 'openQuestion')].map((text) => ({ type: ActivityTypes.Message, text })));
    return Dialog.EndOfTurn;
  }

  /** Stores an answer to the current item and moves past it; what to say first (an instrument's thanks). */
  private async keep(dc: DialogContext, state: CheckInState, answer: Pick<ItemResponseRecord, 'value' | 'optionId' | 'status' | 'raw'>): Promise<string[]> {
    const lead: string[] = [];
    const { instrument, item } = this.current(state);
    await this.deps.history.recordResponse(state.clientId, {
      checkInId: state.checkInId,
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      itemId: item.id,
      ...answer,
      channel: dc.context.activity.channelId,
      answeredAt: this.now(),
      ...effectKeyOf(dc.context, 'answer'),
    });
    state.values[stepKey(instrument.id, item.id)] = answer.value;
    if (instrument.thanks && instrument.items.at(-1)!.id === item.id) lead.push(instrument.thanks);
    if (state.index === 0 && state.occurrenceKey) await this.deps.hooks?.answered(state.clientId, state.occurrenceKey);
    state.index += 1;
    state.misses = 0;
    return lead;
  }

  private async finish(dc: DialogContext, state: CheckInState, status: CheckInStatus): Promise<DialogTurnResult> {
    await this.deps.history.endCheckIn(state.clientId, state.checkInId, { status, endedAt: this.now() }, this.scores(state));
    await this.deps.hooks?.closed(state.clientId, state.checkInId);
    await dc.context.sendActivity(this.say(state, status === 'completed' ? 'thanks' : 'stopped'));
    return dc.endDialog({ status });
  }

  /**
   * Scores of the instruments whose every item was reached (answered, skipped or missing), with
   * their band, flags and item bands; none for an instrument reported item by item with no bands.
   */
  private scores(state: CheckInState): ScoreRecord[] {
    return this.instrumentsOf(state.instrumentIds).flatMap((instrument) => {
      const keys = instrument.items.map((item) => stepKey(instrument.id, item.id));
      if (!keys.every((k) => k in state.values)) return [];
      const values = instrument.items.map((item) => ({ itemId: item.id, value: state.values[stepKey(instrument.id, item.id)] ?? null }));
      const scored = scoreInstrument(instrument, values);
      if (!scored) return [];
      const { score, rawScore, complete, band, flags, itemBands } = scored;
      return [
        {
          checkInId: state.checkInId,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          score,
          complete,
          computedAt: this.now(),
          ...(rawScore !== undefined ? { rawScore } : {}),
          band,
          flags,
          ...(itemBands ? { itemBands } : {}),
        },
      ];
    });
  }

  private async reprompt(dc: DialogContext, state: CheckInState, lead: string[]): Promise<DialogTurnResult> {
    if (state.phase === 'openQuestion') {
      state.askedAt = this.now();
      await dc.context.sendActivities([...lead, this.say(state, 'openQuestion')].map((text) => ({ type: ActivityTypes.Message, text })));
    } else {
      await this.askCurrent(dc, state, lead);
    }
    return Dialog.EndOfTurn;
  }

  private askCurrent(dc: DialogContext, state: CheckInState, lead: string[]): Promise<void> {
    return this.askCurrentIn(dc.context, state, lead);
  }

  private async askCurrentIn(context: TurnContext, state: CheckInState, lead: string[]): Promise<void> {
    const { instrument, item } = this.current(state);
    const firstOfInstrument = instrument.items[0]!.id === item.id && state.misses === 0;
    const intro = firstOfInstrument && instrument.intro ? [instrument.intro] : [];
    state.askedAt = this.now();
    // The item is always shown whole, so a re-ask shows the options again (buttons or a numbered list).
    await context.sendActivity(itemPrompt(item, context.activity.channelId, [...lead, ...intro]));
  }

  private instrumentsOf(ids: readonly string[]): Instrument[] {
    return ids.map((id) => {
      const instrument = this.instruments.get(id);
      if (!instrument) throw new Error(`No instrument "${id}" (the programme file is checked for this at start-up)`);
      return instrument;
    });
  }

  private current(state: CheckInState) {
    const step = state.steps[state.index]!;
    return this.items.get(stepKey(step.instrumentId, step.itemId))!;
  }

  private note(state: CheckInState, text: string, context: TurnContext) {
    return { checkInId: state.checkInId, text, channel: context.activity.channelId, createdAt: this.now(), ...effectKeyOf(context, 'note') };
  }

  private say(state: CheckInState, key: keyof Wording, extra: WordingValues = {}): string {
    const wording = state.language && this.deps.wordingIn ? this.deps.wordingIn(state.language) : this.deps.wording;
    return fill(wording[key], {
      clientName: state.clientName,
      linkWorkerName: state.linkWorkerName,
      programmeName: state.programmeName,
      ...extra,
    });
  }

  private now(): string {
    return this.deps.clock.now().toISO()!;
  }
}

function stepKey(instrumentId: string, itemId: string): string {
  return `${instrumentId}/${itemId}`;
}

/** A button pressed on an earlier question's card: not an answer to this one. */
function isStaleButton(value: unknown, currentItemId: string): boolean {
  return !!value && typeof value === 'object' && 'itemId' in value && (value as { itemId: unknown }).itemId !== currentItemId;
}

/** What the client actually sent, for the record: their words, or the button they pressed. */
function rawReply(activity: { text?: string; value?: unknown }): string | null {
  if (activity.text) return activity.text;
  const value = (activity.value as { value?: unknown } | undefined)?.value;
  return value === undefined ? null : `[button ${String(value)}]`;
}
