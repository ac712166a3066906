import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { DateTime } from 'luxon';
import type { DialogContext } from 'botbuilder-dialogs';
import type { RiskFinding } from '../../../dialogs/safety/screenMessage.js';
import type { Wording, WordingValues } from '../../../dialogs/wording/wording.js';
import type { ClientHistoryRepository } from '../../../storage/ports.js';
import type { ClientRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { Programme } from '../../config/programmeSchema.js';
import type { AlertService } from './alertService.js';
import { crisisContactsText } from './crisisContacts.js';
import { effectKeyOf } from '../../channels/turnEffects.js';

/** What the reply to a risky message needs of the bot. */
export interface RiskResponseDeps {
  programme: Programme;
  alerts: Pick<AlertService, 'raise'>;
  history: Pick<ClientHistoryRepository, 'recordNote' | 'history'>;
  clock: Clock;
  say: (key: keyof Wording, client: ClientRecord, values?: WordingValues) => string;
  /** Forget a group question waiting for a reply (an urgent message ends every conversation). */
  clearGroupQuestion: (context: TurnContext) => Promise<void>;
  /** Store the message as the answer to the check-in question waiting, if it is one (see CheckInDialog.keepAnswer). */
  keepAnswer: (dc: DialogContext, options?: { closeOpenQuestion?: boolean }) => Promise<boolean>;
  /** Take the message as the answer to the group question waiting, if it is one; true when it was. */
  answerGroupQuestion: (dc: DialogContext, client: ClientRecord) => Promise<boolean>;
  /** The record id of the check-in open in this conversation, if any (see CheckInDialog.openCheckIn). */
  openCheckInId: (dc: DialogContext) => string | undefined;
}

/**
 * Whether a finding is only the trained model's flag (no rule found anything): then the message
 * goes on as it would (an answer, a note), and the flag is raised without a further word to the
 * client (flagQuietly). The model alone is the least sure reader, and a flag costs only a look.
 */
export function isModelFlagOnly(finding: RiskFinding): boolean {
  return finding.tier === 'routine' && finding.matches.filter((m) => m.tier === 'routine').every((m) => m.layer === 'model');
}

/**
 * Raises a flag after the message has gone its usual way, saying nothing more to the client; the
 * message is kept for the link worker unless that way kept it already (as a note, a group reply or
 * a check-in remark since `since`), so it is never there twice.
 */
export async function flagQuietly(dc: DialogContext, client: ClientRecord, finding: RiskFinding, deps: RiskResponseDeps, since: DateTime): Promise<void> {
  const { context } = dc;
  const text = context.activity.text ?? '';
  const { notes } = await deps.history.history(client.id, [since.toUTC().toFormat('yyyy-LL')]);
  const kept = notes.some((n) => n.text.trim() === text.trim() && DateTime.fromISO(n.createdAt) >= since);
  if (!kept) await keepMessage(dc, client, deps);
  await raiseAlert(dc, client, finding, deps);
}

/** Keeps the message for the link worker, with its id, so the alert page shows exactly it. */
async function keepMessage(dc: DialogContext, client: ClientRecord, deps: RiskResponseDeps): Promise<void> {
  const { activity } = dc.context;
  await deps.history.recordNote(client.id, {
    checkInId: deps.openCheckInId(dc) ?? null,
    text: activity.text ?? '',
    channel: activity.channelId,
    createdAt: deps.clock.now().toISO()!,
    ...(activity.id ? { messageId: activity.id } : {}),
    ...effectKeyOf(dc.context, 'note'),
  });
}

function raiseAlert(dc: DialogContext, client: ClientRecord, finding: RiskFinding, deps: RiskResponseDeps) {
  const { activity } = dc.context;
  return deps.alerts.raise({
    clientId: client.id,
    tier: finding.tier,
    categories: finding.categories,
    trigger: { kind: 'message', messageId: activity.id ?? '', channel: activity.channelId },
  });
}

/**
 * A message that screened as a risk, whatever was going on: kept for the link worker, an alert
 * raised (it never waits for the client to confirm), and a reply at once. Urgent: crisis contacts,
 * who has been told and when to expect contact, and the open check-in stops. Same-day and
 * routine: a gentle acknowledgement (crisis numbers never for routine), and the check-in carries
 * on with its next question. A message that also answers the question waiting is stored as that
 * answer. The urgent reply goes even to a client who has opted out; the others do not.
 */
export async function respondToRisk(dc: DialogContext, client: ClientRecord, finding: RiskFinding, deps: RiskResponseDeps): Promise<void> {
  const { context } = dc;
  const send = (body: string) => context.sendActivity({ type: ActivityTypes.Message, text: body, channelData: { compliance: true } });
  // The crisis contacts go out before anything else, staff's texts included.
  if (finding.tier === 'urgent') await send(deps.say('riskUrgent', client, { crisisContacts: crisisContactsText(deps.programme) }));
  await keepMessage(dc, client, deps);
  const { route } = await raiseAlert(dc, client, finding, deps);
  if (finding.tier === 'urgent') {
    // A reply that answers the question and tells of a risk ("sometimes. cut myself again") is both.
    await deps.keepAnswer(dc);
    await dc.cancelAllDialogs();
    await deps.clearGroupQuestion(context);
    await send(deps.say(route.inHours ? 'riskToldInHours' : 'riskToldOutOfHours', client));
    return;
  }
  // A client who texted STOP hears only what keeps them safe: the alert still reaches staff.
  if (client.optedOutAt) return;
  await send(deps.say(finding.tier === 'same-day' ? 'riskSameDay' : 'riskRoutine', client));
  // The conversation carries on with the message as its answer, where it is one: to a group
  // question ("no, it was cancelled, nobody there"), or to the check-in's (the next is asked).
  if (await deps.answerGroupQuestion(dc, client)) return;
  if (dc.activeDialog) {
    await deps.keepAnswer(dc, { closeOpenQuestion: true });
    if (dc.activeDialog) await dc.repromptDialog();
  }
}
