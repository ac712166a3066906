/** turnState key for the enrolled client a turn belongs to. Set only by trusted channel code, never from user input. */
export const CLIENT_ID = Symbol('linkwell.clientId');

/** Event that asks the bot to start a check-in in an existing conversation (proactive). */
export const START_CHECK_IN_EVENT = 'linkwell/startCheckIn';

/** turnState key where the bot reports whether a requested check-in started. */
export const CHECK_IN_STARTED = Symbol('linkwell.checkInStarted');

/** Channel key under which a client's conversation reference is kept (one per channel kind). */
export function channelKey(channelId: string): string {
  return channelId === 'sms' ? 'sms' : channelId === 'webchat' ? 'webchat' : channelId;
}
