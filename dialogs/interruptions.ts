import type { ClientRecord } from '../storage/records.js';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Clock } from '../bot/time/clock.js';
import { flagQuietly, isModelFlagOnly, respondToRisk, type RiskResponseDeps } from '../bot/care/alerts/riskResponse.js';
import type { RiskScreen } from '../bot/care/alerts/riskScreen.js';
import { smsKeywordTurn, type SmsKeywordDeps } from '../bot/channels/sms/smsKeywordTurn.js';
import { SMS_CHANNEL_ID } from '../bot/channels/sms/twilioSmsAdapter.js';
import type { ClientWording } from './clientWording.js';
import { recognizeCommand } from './understanding/recognizeCommand.js';

export interface InterruptionDeps {
  screen: RiskScreen;
  risk: RiskResponseDeps;
  keywords: SmsKeywordDeps;
  wording: ClientWording;
  clock: Clock;
  /** Ends every conversation waiting (the check-in is kept as stopped, a group question let go). */
  endAll: (dc: DialogContext) => Promise<void>;
}

/**
 * What comes before any dialog hears a message, in one place. First the risk screen: a risk gets
 * its reply at once, whatever was waiting (see respondToRisk). Then what a client may say at any
 * time: an SMS keyword (STOP, START, HELP, PAUSE, RESUME) or "menu". Only then does the message go
 * its usual way (`carryOn`: a group question, the check-in, or a message between check-ins); a flag
 * from the trained model alone is raised after it has.
 */
export class Interruptions {
  constructor(private readonly deps: InterruptionDeps) {}

  async run(dc: DialogContext, client: ClientRecord, carryOn: () => Promise<void>): Promise<void> {
    const { context } = dc;
    const finding = this.deps.screen(context.activity.text ?? '');
    if (finding && !isModelFlagOnly(finding)) {
      await respondToRisk(dc, client, finding, this.deps.risk);
      return;
    }
    const since = this.deps.clock.now();
    if (!(await this.keyword(dc, client))) await carryOn();
    if (finding) await flagQuietly(dc, client, finding, this.deps.risk, since);
  }

  /** An SMS keyword or "menu", answered; false when the message is neither. */
  private async keyword(dc: DialogContext, client: ClientRecord): Promise<boolean> {
    const { context } = dc;
    if (context.activity.channelId === SMS_CHANNEL_ID && (await smsKeywordTurn(dc, client, this.deps.keywords))) return true;
    if (recognizeCommand(context.activity.text?.trim() ?? '') !== 'menu') return false;
    // Whatever is open ends (a check-in is kept as stopped): no one can get stuck.
    await this.deps.endAll(dc);
    await context.sendActivity(this.deps.wording.offering(client, this.deps.wording.say('menu', client)));
    return true;
  }
}
