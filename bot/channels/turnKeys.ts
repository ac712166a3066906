/** turnState key for the enrolled client a turn belongs to. Set only by trusted channel code, never from user input. */
export const CLIENT_ID = Symbol('linkwell.clientId');

/** turnState key for the enrolled client's record, as the router read it at the start of the turn (dialogs read it, never set it). */
export const TURN_CLIENT = Symbol('linkwell.turnClient');

/** Event that asks the bot to start a check-in in an existing conversation (proactive). */
export const START_CHECK_IN_EVENT = 'linkwell/startCheckIn';

/** turnState key where the bot reports whether a requested check-in started. */
export const CHECK_IN_STARTED = Symbol('linkwell.checkInStarted');

/** Channel key under which a client's conversation reference is kept (one per channel kind). */
export function channelKey(channelId: string): string {
  return channelId === 'sms' ? 'sms' : channelId === 'webchat' ? 'webchat' : channelId;
}

/** Event that delivers a scheduled message (its value a ScheduledMessage) in a client's conversation. */
export const SCHEDULED_MESSAGE_EVENT = 'linkwell/scheduledMessage';

/** Event that closes a check-in whose window passed (its value `{ checkInId }`). */
export const EXPIRE_CHECK_IN_EVENT = 'linkwell/expireCheckIn';

/** turnState key: the schedule occurrence a proactive turn delivers (channels tag what they send with it). */
export const OCCURRENCE_KEY = Symbol('linkwell.occurrenceKey');

/** turnState key where the bot reports what became of a scheduled message (a DeliveryOutcome). */
export const SCHEDULED_OUTCOME = Symbol('linkwell.scheduledOutcome');

/**
 * Event of a client reopening their web chat (a reload, a new tab, tomorrow): its value says what
 * arrived while no page was reading (a ChatReopened), so the bot can point to it.
 */
export const CHAT_REOPENED_EVENT = 'linkwell/chatReopened';

/** What a reopened web chat had waiting: bot messages no page has fetched, since when. */
export interface ChatReopened {
  unseenMessages: number;
  /** When a page last read the chat (undefined: never). */
  lastSeenAt?: string | undefined;
}
