import type { CheckInKind } from '../../storage/records.js';

/** A message the scheduler asks the bot to deliver in a client's conversation. */
export type ScheduledMessage =
  | { kind: 'check-in'; occurrenceKey: string; checkInKind: Exclude<CheckInKind, 'on-request'>; instrumentIds: string[]; expiresAt: string }
  /** A reminder of the check-in started for `checkInKey`, if it is still waiting for its first answer. */
  | { kind: 'reminder'; occurrenceKey: string; checkInKey: string }
  /** Programme ending notices and the goodbye. */
  | { kind: 'notice'; occurrenceKey: string; notice: 'ending' | 'goodbye'; weeks?: number | undefined; endDate?: string | undefined }
  /** The enrolment welcome with its request for consent. */
  | { kind: 'welcome'; occurrenceKey: string }
  /** Ask again the question of a check-in the client put off ("later"), if it is still waiting. */
  | { kind: 'resume'; occurrenceKey: string; checkInId: string }
  /** The client has a new link worker: they are told the name. */
  | { kind: 'link-worker-changed'; occurrenceKey: string }
  /** A reminder of a group session ahead, or "did you make it?" after it. */
  | { kind: 'group-nudge' | 'group-follow-up'; occurrenceKey: string; groupId: string; sessionKey: string; sessionStart: string };

/**
 * What became of it: sent; not sent because another check-in is open, another group question is being answered, the check-in to remind of is
 * no longer waiting, the client has opted out, there is no conversation to send it in, or it is not
 * needed (a welcome to someone who has already written in and been welcomed).
 */
export type DeliveryOutcome = 'sent' | 'check-in-open' | 'group-question-open' | 'nothing-to-remind' | 'opted-out' | 'no-conversation' | 'not-needed';
