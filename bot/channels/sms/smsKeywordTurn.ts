import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import type { DialogContext } from 'botbuilder-dialogs';
import { recognizeSmsKeyword } from '../../../dialogs/understanding/recognizeSmsKeyword.js';
import type { Wording, WordingValues } from '../../../dialogs/wording/wording.js';
import type { ClientRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { ContactPreferences } from '../contactPreferences.js';
import { SMS_CHANNEL_ID, type SmsChannelData } from './twilioSmsAdapter.js';

/** What the SMS keywords need of the bot. */
export interface SmsKeywordDeps {
  clock: Clock;
  contact: ContactPreferences;
  say: (key: keyof Wording, client: ClientRecord, values?: WordingValues) => string;
  /** Keep what the client wrote for their link worker. */
  keepNote: (client: ClientRecord, text: string, context: TurnContext) => Promise<void>;
  /** Forget a group question waiting for a reply (STOP and PAUSE end every conversation). */
  clearGroupQuestion: (context: TurnContext) => Promise<void>;
}

/**
 * What a text message can mean before anything else, at any point in any dialog: STOP and the
 * other opt-out words, START/UNSTOP/YES after an opt-out, HELP/INFO, PAUSE and RESUME; and a
 * text with no words. While opted out, nothing is sent but the replies to START and HELP; what
 * the client writes is still kept for their link worker. True when the text was handled here.
 */
export async function smsKeywordTurn(dc: DialogContext, client: ClientRecord, deps: SmsKeywordDeps): Promise<boolean> {
  const { context } = dc;
  const text = context.activity.text?.trim() ?? '';
  const keyword = recognizeSmsKeyword(text, deps.clock.now().setZone(client.timezone));
  // With Twilio's own opt-out handling on, Twilio has already answered STOP, START and HELP.
  const twilioAnswered = Boolean((context.activity.channelData as SmsChannelData | undefined)?.optOutType);
  const comply = async (key: keyof Wording, values: WordingValues = {}) => {
    if (twilioAnswered) return;
    await context.sendActivity({ type: ActivityTypes.Message, text: deps.say(key, client, values), channelData: { compliance: true } });
  };

  if (client.optedOutAt) {
    if (keyword?.kind === 'optIn') {
      await deps.contact.optIn(client.id, 'sms-keyword', SMS_CHANNEL_ID);
      await comply('smsOptedIn');
    } else if (keyword?.kind === 'help') {
      await comply('smsHelp');
    } else if (text !== '') {
      await deps.keepNote(client, text, context);
    }
    return true;
  }
  switch (keyword?.kind) {
    case 'optOut':
      await dc.cancelAllDialogs();
      await deps.clearGroupQuestion(context);
      await deps.contact.optOut(client.id, twilioAnswered ? 'twilio-opt-out' : 'sms-keyword', SMS_CHANNEL_ID);
      await comply('smsOptedOut');
      return true;
    case 'help':
      await comply('smsHelp');
      if (dc.activeDialog) await dc.repromptDialog();
      return true;
    case 'pause':
      await dc.cancelAllDialogs();
      await deps.clearGroupQuestion(context);
      await deps.contact.pause(client.id, keyword.resumeOn, 'sms-keyword', SMS_CHANNEL_ID);
      await context.sendActivity(deps.say('smsPaused', client, { date: keyword.resumeOn.setLocale('en-GB').toFormat('cccc d LLLL') }));
      return true;
    case 'resume':
      await deps.contact.resume(client.id, 'sms-keyword', SMS_CHANNEL_ID);
      await context.sendActivity(deps.say('smsResumed', client));
      return true;
    default:
      break;
  }
  if (text === '') {
    // A picture or other attachment with no words, or an empty text.
    await context.sendActivity(deps.say('smsTextOnly', client));
    if (dc.activeDialog) await dc.repromptDialog();
    return true;
  }
  return false;
}
