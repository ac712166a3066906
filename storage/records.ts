import type { ConversationReference } from 'botbuilder-core';

/** Channels a client can be reached on. */
export type ClientChannel = 'sms' | 'webchat';

/** An enrolled client, as kept in the client index. */
export interface ClientRecord {
  id: string;
  programmeId: string;
  name: string;
  /** E.164. */
  phone: string;
  /** IANA time zone. */
  timezone: string;
  linkWorkerId: string;
  channel: ClientChannel;
  createdAt: string;
  /** When the client agreed (replied YES) to Linkwell's check-ins; nothing is scheduled before. */
  consentedAt?: string | undefined;
  /**
   * What the client agreed to, each kept apart with when and on which channel: texts (weekly
   * check-ins and reminders) and sharing their answers with their link worker. Nothing they answer is
   * stored before both (one YES to the welcome gives both; consentedAt is the time of `texts`).
   */
  agreements?: { texts?: Agreement | undefined; sharing?: Agreement | undefined } | undefined;
  /**
   * Web chat links carry the generation they were issued in; withdrawing a client's links moves
   * this on, and every link (and conversation) of an earlier generation stops working. Unset is 0.
   */
  chatLinkGeneration?: number | undefined;
  /** Set while the client has opted out of all messages (STOP); cleared when they opt back in. */
  optedOutAt?: string | undefined;
  /** No scheduled messages before this instant (PAUSE). */
  pausedUntil?: string | undefined;
  /**
   * The client is to be told the name of their new link worker, not before this time (their pause
   * or quiet hours end): kept here, not on a timer, so a restart or another instance still tells them.
   */
  linkWorkerNotice?: { linkWorkerId: string; notBefore: string } | undefined;
  /** Set while an urgent or same-day alert about the client is open: group nudges wait, humans take over. */
  riskOpenSince?: string | undefined;
  /** Text messages in a row that did not reach the client (reset by a delivery). */
  deliveryFailuresInARow?: number | undefined;
  /** The client's own check-in day, overriding the programme's (lower-case weekday). */
  preferredDay?: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday' | undefined;
  /** The local time span the client likes to hear from Linkwell ("HH:mm"); check-ins start at its start. */
  preferredTimeWindow?: { start: string; end: string } | undefined;
  /** Language of the programme's wording for this client (a key of the programme's translations); default the programme's own. */
  language?: string | undefined;
  /** Local date (yyyy-MM-dd) the client's programme started, when not the day they were enrolled: waves and the end count from it. */
  programmeStartDate?: string | undefined;
  /** Community groups the link worker has linked the client to, with how the client wants to be nudged. */
  groups?: ClientGroupLink[] | undefined;
}

/** Where a client stands with a group, as their link worker set it: nudges go only to `interested` and `going`. */
export type GroupLinkStatus = 'interested' | 'going' | 'stopped';

/** When a client is reminded of a session: never, the day before (at `nudgeTime`, default 18:00), or the morning of (default 09:00). */
export type NudgePreference = 'off' | 'day-before' | 'morning-of';

/** A client's link to one group of the programme's directory. */
export interface ClientGroupLink {
  groupId: string;
  status: GroupLinkStatus;
  nudge: NudgePreference;
  /** Local "HH:mm" the nudge is sent (see NudgePreference for the defaults). */
  nudgeTime?: string | undefined;
  /** When nudges for this group were stopped by what the client said (then `status` is 'stopped'). */
  stoppedBecause?: 'not-welcome-twice' | 'does-not-want-to-go-back' | undefined;
  /** When the link was last set. */
  since: string;
}

export type NewClient = Omit<ClientRecord, 'id'>;

/** `missed`: its window passed before the client finished it (answers given are kept). */
export type CheckInStatus = 'open' | 'completed' | 'stopped' | 'abandoned' | 'missed';

/** Why a check-in was started: by the schedule (routine, a measurement wave, a follow-up), or asked for. */
export type CheckInKind = 'routine' | 'wave' | 'follow-up' | 'on-request';

export interface CheckInRecord {
  id: string;
  clientId: string;
  channel: string;
  instrumentIds: string[];
  status: CheckInStatus;
  startedAt: string;
  endedAt?: string;
  kind?: CheckInKind | undefined;
  /** The schedule occurrence it was started for (absent when asked for). */
  occurrenceKey?: string | undefined;
  /** When it closes unanswered and is recorded as missed. */
  expiresAt?: string | undefined;
  /** The question left waiting when it was missed: an answer to it that comes later is still kept, marked late. */
  waitingFor?: { instrumentId: string; itemId: string } | undefined;
}

/** One item's answer. `value` is null when the item was skipped or never understood. */
export interface ItemResponseRecord {
  checkInId: string;
  instrumentId: string;
  instrumentVersion: string;
  itemId: string;
  value: number | null;
  optionId: string | null;
  status: 'answered' | 'skipped' | 'missing';
  raw: string | null;
  channel: string;
  answeredAt: string;
  /** Given after the check-in had closed (its window passed). */
  late?: boolean | undefined;
  /** The effect of a received text's turn this is (see dialogs/turnEffects): kept once however often that turn runs. */
  effectKey?: string | undefined;
}

/** One instrument's score in a check-in (see scoreInstrument); never computed from items of another. */
export interface ScoreRecord {
  checkInId: string;
  instrumentId: string;
  instrumentVersion: string;
  /** Null when the instrument's missing-data rule was not met, or it has no total (ONS4). */
  score: number | null;
  complete: boolean;
  computedAt: string;
  /** The raw total before conversion, for an instrument with a conversion table. */
  rawScore?: number | null | undefined;
  /** The score's band (UCLA-3 "lonely"), null when none applies. */
  band?: string | null | undefined;
  /** Thresholds the score reached (K6 "probable serious psychological distress"). */
  flags?: string[] | undefined;
  /** Item id -> the band of its answer, for instruments banded item by item (ONS4); null when not answered. */
  itemBands?: Record<string, string | null> | undefined;
}

/** Free text the client wants their link worker to see. */
export interface NoteRecord {
  checkInId: string | null;
  text: string;
  channel: string;
  createdAt: string;
  /** The channel's id of the message (kept for a message that raised an alert, which names it). */
  messageId?: string | undefined;
  /** The effect of a received text's turn this is (see dialogs/turnEffects): kept once however often that turn runs. */
  effectKey?: string | undefined;
}

/** One agreement: when, on which channel, and the text that gave it (so a replay of that text is known). */
export interface Agreement {
  at: string;
  channel: string;
  messageKey?: string | undefined;
}

/** Where a change to a client's contact arrangements came from. */
export type ContactSource = 'sms-keyword' | 'reply' | 'twilio-opt-out' | 'delivery-error' | 'staff';

/** Delivery problems a link worker should hear about. */
export type DeliveryProblem = 'opted-out-at-carrier' | 'unreachable' | 'unknown-number' | 'landline' | 'repeated-failures';

/** Something that happened to how Linkwell may reach a client, kept with time and source for the link worker. */
export type ClientEvent =
  | { type: 'consented' | 'opted-out' | 'opted-in' | 'resumed'; at: string; source: ContactSource; channel: string }
  /** Agreed that their answers go to their link worker (see ClientRecord.agreements). */
  | { type: 'agreed-to-sharing'; at: string; source: ContactSource; channel: string }
  | { type: 'paused'; at: string; until: string; source: ContactSource; channel: string }
  | { type: 'delivery-problem'; at: string; problem: DeliveryProblem; code: number | null; messageId: string }
  /** Staff changed the client's settings (admin API); `by` is who, as they gave it. */
  | { type: 'settings-changed'; at: string; by: string; changes: ClientSettingChange[] }
  /** The client moved to another link worker, with the note the previous one left for the next. */
  | { type: 'handover'; at: string; by: string; from: string; to: string; note: string; clientTold: boolean }
  /** Staff withdrew every web chat link issued to the client so far (their open chats end at once). */
  | { type: 'chat-links-withdrawn'; at: string; by: string };

/** One setting as stored before and after a change (null: not set). */
export interface ClientSettingChange {
  field: keyof ClientRecord;
  from: string | { start: string; end: string } | null;
  to: string | { start: string; end: string } | null;
}

/** Everything held about one client beyond the index. */
export interface ClientHistory {
  clientId: string;
  conversationReferences: Partial<Record<string, Partial<ConversationReference>>>;
  checkIns: CheckInRecord[];
  responses: ItemResponseRecord[];
  scores: ScoreRecord[];
  notes: NoteRecord[];
  events: ClientEvent[];
  /** One record per group session the client was nudged about or asked after (oldest first). */
  attendance: AttendanceRecord[];
  /** Work for the link worker that came from what the client said (oldest first). */
  tasks: TaskRecord[];
}

/** Whether the client went to a session: `unknown` until they say. */
export type AttendanceStatus = 'went' | 'didnt' | 'unknown';

/** What the client said of a group session they were nudged about or asked after. */
export interface AttendanceRecord {
  /** groupSessions' key: `walk|2026-12-03T10:00`. */
  sessionKey: string;
  groupId: string;
  /** The session's start (ISO, UTC). */
  sessionStart: string;
  attendance: AttendanceStatus;
  /** The answer to the nudge: going, or something in the way (then no follow-up is asked). */
  intention?: 'going' | 'not-going' | undefined;
  /** What got in the way (interpretBarrier's ids), with the client's own words when they gave them. */
  barriers: string[];
  barrierText?: string | undefined;
  /** "How was it?" in the client's words. */
  howItWent?: string | undefined;
  /** "Did you feel welcome?" */
  fit?: 'yes' | 'a-bit' | 'no' | undefined;
  /** The client would like someone to go with them next time. */
  wantsCompany?: boolean | undefined;
  channel: string;
  updatedAt: string;
}

/**
 * Something a link worker should do because of what a client said: arrange for someone to go with
 * them, hear that nudges for a group were stopped, or follow up a barrier.
 */
export interface TaskRecord {
  id: string;
  kind: 'accompany' | 'nudges-stopped' | 'barrier';
  groupId: string;
  sessionKey?: string | undefined;
  /** One line for the link worker. */
  detail: string;
  state: 'open' | 'done';
  createdAt: string;
  doneAt?: string | undefined;
  doneBy?: string | undefined;
}

export type AlertTier = 'urgent' | 'same-day' | 'routine';
export type AlertState = 'open' | 'acknowledged' | 'resolved';

/** A member of staff an alert can go to: the client's link worker, a duty contact, or the programme lead. */
export interface AlertContact {
  role: 'link-worker' | 'duty' | 'lead';
  id: string;
  name: string;
}

/** One attempt to tell someone about an alert. */
export interface AlertNotification {
  at: string;
  to: AlertContact | { role: 'webhook'; id: 'webhook'; name: string };
  channel: 'sms' | 'webhook';
  /** The outbox message id (SMS). */
  messageId?: string | undefined;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  /** The next try of a webhook that failed. */
  retryAt?: string | undefined;
  attempts: number;
  /** Informational (a link worker told out of hours while the duty contact is asked to act). */
  fyi?: boolean | undefined;
}

/**
 * A risk alert: raised by what a client wrote or by their scores, told to their link worker (or the
 * duty contact out of hours), escalated until someone acknowledges it, closed only by staff with a
 * note. Never deleted. The message text is not kept here (it is in the client's history, by id).
 */
export interface AlertRecord {
  id: string;
  /** Short code staff reply with: ACK K7QM. */
  code: string;
  /** Null for a number that is not enrolled (then `fromPhone` says who to call back). */
  clientId: string | null;
  fromPhone?: string | undefined;
  tier: AlertTier;
  categories: string[];
  trigger: { kind: 'message'; messageId: string; channel: string } | { kind: 'score'; reason: string; checkInId: string };
  state: AlertState;
  createdAt: string;
  /** Who is asked to act, in order; `step` is how far it has gone. */
  chain: AlertContact[];
  step: number;
  /** When it goes to the next in the chain if nobody has acknowledged it. */
  escalateAt?: string | undefined;
  /** A routine alert raised out of hours waits for working hours. */
  notifyAt?: string | undefined;
  /** Later messages or scores that would have raised the same alert while it was open. */
  furtherTriggers?: Array<AlertRecord['trigger'] & { at: string }> | undefined;
  notifications: AlertNotification[];
  escalations: Array<{ at: string; to: AlertContact; reason: 'not-acknowledged' | 'undeliverable' }>;
  acknowledgedAt?: string | undefined;
  acknowledgedBy?: { id: string; via: 'sms' | 'admin-api' | 'staff-pages' } | undefined;
  resolvedAt?: string | undefined;
  resolvedBy?: string | undefined;
  resolutionNote?: string | undefined;
}

/** A closed check-in as score triggers need it: its kind, how it ended, its scores and answers. */
export interface CheckInSummaryRecord {
  checkInId: string;
  kind: CheckInKind | undefined;
  status: string;
  endedAt?: string | undefined;
  waveId?: string | undefined;
  scores: Array<{ instrumentId: string; score: number | null; flags?: string[] | undefined }>;
  responses: Array<{ instrumentId: string; itemId: string; optionId: string | null; value: number | null }>;
}

/** What the scheduler decided for good about one occurrence. */
export type ScheduleDecisionRecord = { outcome: 'sent'; at: string } | { outcome: 'skipped'; at: string; reason: string };

/**
 * The scheduler's ledger for one client: every occurrence (by its stable key) decided for good, the
 * ones being sent right now (claimed before a send, settled after it), routine check-ins answered,
 * and the count of messages Linkwell started per local week (for the weekly cap).
 */
export interface ScheduleLedgerRecord {
  clientId: string;
  decided: Record<string, ScheduleDecisionRecord>;
  /** Occurrence key -> when the claim was made. A claim left by a crash is checked against what was sent. */
  claimed: Record<string, string>;
  answered: Record<string, string>;
  /** '2026-W48' -> messages started that week. */
  weeks: Record<string, number>;
  /** What score triggers look back on: the baseline check-in and the last few, summarised (see scoreAlerts). */
  riskHistory?: { baseline?: CheckInSummaryRecord | undefined; recent: CheckInSummaryRecord[] } | undefined;
  /** The check-in open now, if any, and when it closes. */
  openCheckIn?: { checkInId: string; occurrenceKey: string | null; expiresAt: string; resumeAt?: string | undefined } | undefined;
}

/** A text message received from an enrolled client, held until its turn has run. */
export interface InboundSmsRecord {
  /** Twilio's MessageSid: the same message retried by Twilio has the same one. */
  sid: string;
  clientId: string;
  body: string;
  numMedia: number;
  /** Set by Twilio when its own opt-out handling recognised a keyword (STOP, START, HELP). */
  optOutType: string | null;
  receivedAt: string;
}

export type OutboundSmsStatus = 'queued' | 'sending' | 'sent' | 'failed';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** One text message Linkwell sends, from the moment it is decided until Twilio reports its fate. */
export interface OutboundSmsRecord {
  /** Linkwell's id: the idempotency key that keeps a restart from sending it twice. */
  id: string;
  clientId: string;
  to: string;
  body: string;
  /** Order among the client's messages. */
  seq: number;
  createdAt: string;
  status: OutboundSmsStatus;
  attempts: number;
  nextAttemptAt: string;
  /** Compliance replies (STOP/START confirmations, HELP) go out even to a client who has opted out. */
  compliance?: boolean | undefined;
  /** Times it was sent again after Twilio reported the handset unreachable (30003). */
  redeliveries?: number | undefined;
  /** When the last attempt began: a restart finding `sending` must ask Twilio whether it arrived. */
  sendingSince?: string | undefined;
  twilioSid?: string | undefined;
  sentAt?: string | undefined;
  lastError?: { httpStatus: number | null; code: number | null; reason: string } | undefined;
  /** The latest status Twilio reported through the status callback. */
  delivery?: { status: DeliveryStatus; errorCode: number | null; at: string } | undefined;
  /** A message to staff about an alert (then `clientId` is 'staff:<contact id>', for ordering only). */
  staff?: { alertId: string; contactId: string } | undefined;
  /** The instance sending it, until when: no other instance touches it before then (a dead one's lease runs out). */
  lease?: { owner: string; until: string } | undefined;
}

/** What a staff member may see: a link worker their own caseload; duty and admin the whole programme. */
export type StaffRole = 'link-worker' | 'duty' | 'admin';

/** A staff account for the web pages. The password is kept only as a salted scrypt hash. */
export interface StaffAccountRecord {
  id: string;
  /** Lower-case; unique. */
  email: string;
  name: string;
  role: StaffRole;
  /** The programme's link worker this account is (role 'link-worker' only). */
  linkWorkerId?: string | undefined;
  /** `scrypt$N$r$p$salt$hash` (base64url salt and hash). */
  passwordHash: string;
  /** Wrong passwords in a row since the last sign-in or lock-out. */
  failedAttempts: number;
  /** Sign-in is refused until this instant. */
  lockedUntil?: string | undefined;
  createdAt: string;
  disabled?: boolean | undefined;
}

/** A signed-in browser. Only a hash of the session id is kept: a copy of the data cannot sign anyone in. */
export interface StaffSessionRecord {
  /** SHA-256 of the session id in the cookie (hex). */
  idHash: string;
  staffId: string;
  /** The synchronizer token every form and state-changing request of this session must carry. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}
