import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder-core';
import type { DialogContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import type { ClientHistoryRepository, ClientRepository } from '../storage/ports.js';
import type { ClientRecord } from '../storage/records.js';
import type { Clock } from '../bot/time/clock.js';
import { effectKeyOf, noteOutsideCheckIn, turnMessageKey } from '../bot/channels/turnEffects.js';
import { agreementsOf, hasAgreed, type ContactPreferences } from '../bot/channels/contactPreferences.js';
import type { CheckInDialog } from './checkInDialog.js';
import type { ClientWording } from './clientWording.js';
import { DialogIds } from './dialogIds.js';
import { interpretReply } from './understanding/interpretReply.js';
import { normalizeReply } from './understanding/normalizeReply.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';

export interface BetweenCheckInsDeps {
  conversationState: ConversationState;
  checkInDialog: CheckInDialog;
  clients: Pick<ClientRepository, 'get'>;
  history: Pick<ClientHistoryRepository, 'history' | 'recordResponse' | 'endCheckIn' | 'recordNote'>;
  contact: Pick<ContactPreferences, 'consent'>;
  wording: ClientWording;
  clock: Clock;
}

const AGREEMENTS = new Set(['yes', 'y', 'yes please', 'yep', 'yeah', 'ok', 'okay', 'i agree', 'agree', 'agreed', 'yes i agree', 'happy to']);
/** "Not now" to the welcome's question (the button, or the same in words). */
export const NOT_NOW = /^\s*(?:no|nope|nah|not now|not yet|later|maybe later|not today|no thanks?|no thank you)\W*$/i;
const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'morning', 'good morning', 'afternoon', 'good afternoon', 'evening', 'good evening']);
/** How long after a check-in was missed an answer to its waiting question is still taken (marked late). */
const LATE_ANSWER_DAYS = 7;

/** A reply that agrees to check-ins ("YES", "yes please", "ok"). */
function isAgreement(text: string): boolean {
  return AGREEMENTS.has(normalizeReply(text));
}

/**
 * A message when no question waits: agreement to check-ins (or "not now"), a command (check in,
 * help, a greeting), a late answer to a missed check-in's question, or words for the link worker.
 */
export class BetweenCheckIns {
  /** The client asked for a check-in before agreeing: it starts when they say YES. */
  private readonly checkInAsked: StatePropertyAccessor<boolean>;

  constructor(private readonly deps: BetweenCheckInsDeps) {
    this.checkInAsked = deps.conversationState.createProperty<boolean>('checkInAskedBeforeAgreeing');
  }

  async reply(dc: DialogContext, client: ClientRecord, text: string): Promise<void> {
    const { context } = dc;
    const { wording } = this.deps;
    // YES to the welcome; also the same YES run again after a crash, which then says the same.
    const message = turnMessageKey(context);
    if (isAgreement(text) && (!hasAgreed(client) || (message !== undefined && agreementsOf(client).texts?.messageKey === message))) {
      await this.deps.contact.consent(client.id, context.activity.channelId, message);
      // They asked for a check-in before agreeing: it starts now. Else web chat offers one.
      if (await this.checkInAsked.get(context, false)) {
        await this.checkInAsked.delete(context);
        await context.sendActivity(wording.say('consentThanks', client));
        await dc.beginDialog(DialogIds.checkIn, wording.checkInOptions(client));
      } else {
        const agreed = (await this.deps.clients.get(client.id)) ?? client;
        await context.sendActivity(wording.offering(agreed, wording.say('consentThanks', agreed)));
      }
      return;
    }
    if (!hasAgreed(client) && NOT_NOW.test(text)) {
      await this.checkInAsked.delete(context);
      await context.sendActivity(wording.offering(client, wording.say('consentNotNow', client)));
      return;
    }
    const command = recognizeCommand(text);
    if (command === 'checkIn' && !hasAgreed(client)) {
      // Nothing they answer is kept before they agree: ask first, and start once they do.
      await this.checkInAsked.set(context, true);
      await context.sendActivity(wording.offering(client, wording.say('consentBeforeCheckIn', client)));
      return;
    }
    if (command === 'checkIn') {
      await dc.beginDialog(DialogIds.checkIn, wording.checkInOptions(client));
    } else if (command === 'help') {
      await context.sendActivity(wording.offering(client, wording.say('help', client)));
    } else if (text === '' || GREETINGS.has(greeting(text)) || command !== null) {
      await context.sendActivity(wording.welcome(client));
    } else if (await this.lateAnswer(context, client, text)) {
      await context.sendActivity(wording.offering(client, wording.say('lateAnswer', client)));
    } else if (NOT_NOW.test(text)) {
      // "Not now" to an offer of a check-in: nothing for the link worker to read.
      await context.sendActivity(wording.offering(client, wording.say('checkInNotNow', client)));
    } else {
      // Outside a check-in, what a client writes is for their link worker.
      await this.keepNote(client, text, context);
      await context.sendActivity(wording.offering(client, wording.say('noteReceived', client)));
    }
  }

  /** Keeps a message outside a check-in for the link worker. */
  async keepNote(client: ClientRecord, text: string, context: TurnContext): Promise<void> {
    await this.deps.history.recordNote(client.id, noteOutsideCheckIn(context, text, this.deps.clock.now().toISO()!));
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
}

function greeting(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();
}

/**
 * The months whose records hold any check-in still open or closed within the last week: one
 * started at most a wave's window (four weeks) before, so the last three months.
 */
export function recentMonths(now: DateTime): string[] {
  return [2, 1, 0].map((n) => now.toUTC().minus({ months: n }).toFormat('yyyy-LL'));
}
