import type { ClientChangedListener } from './clientChanges.js';
import type { Activity, ConversationReference, Storage } from 'botbuilder-core';
import type {
  CheckInRecord,
  ClientEvent,
  InboundSmsRecord,
  OutboundSmsRecord,
  ClientHistory,
  ClientRecord,
  ItemResponseRecord,
  NewClient,
  NoteRecord,
  ScoreRecord,
  ScheduleDecisionRecord,
  ScheduleLedgerRecord,
  AlertRecord,
  AttendanceRecord,
  TaskRecord,
} from './records.js';

export type CreateClientResult = { ok: true; client: ClientRecord } | { ok: false; reason: 'duplicate_phone' };

/** Enrolled clients. */
export interface ClientRepository {
  create(input: NewClient): Promise<CreateClientResult>;
  get(id: string): Promise<ClientRecord | undefined>;
  findByPhone(phone: string): Promise<ClientRecord | undefined>;
  list(): Promise<ClientRecord[]>;
  /** The clients among `ids` (those that exist, in no set order): the clients a page of alerts is about. */
  getMany(ids: readonly string[]): Promise<ClientRecord[]>;
  /** The clients of one link worker, or linked to one group (any link status), by index: never every client read. */
  find(filter: { linkWorkerId: string } | { groupId: string }): Promise<ClientRecord[]>;
  /** Change a client's record (not its id or phone; unchanged is not written); undefined when there is no such client. */
  update(id: string, change: (client: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined>;
  /** Remove a client and everything kept about them here (record and history); false when there is no such client. */
  erase(id: string): Promise<boolean>;
  /**
   * Be told, in this process, once a client is added or their record has changed (written already).
   * Other instances' changes are not told here: they reach the scheduler through ClientAttention.
   * Returns the way to stop listening.
   */
  onChanged(listener: ClientChangedListener): () => void;
}

/** A client taken for planning, with the token that lets the plan set when they are next due. */
export interface TakenClient {
  client: ClientRecord;
  token: string;
}

/**
 * When each client next needs the scheduler: due work is found by asking for it (an index on that
 * time in PostgreSQL), never by reading every client. A client is due when new, when their record
 * has changed, when woken, and when the time set by their last plan has come.
 */
export interface ClientAttention {
  /**
   * Take up to `limit` clients due at `now` (ISO), longest due first. Each is held until `holdUntil`
   * (another instance, or a later call, passes over them meanwhile; after it they are due again, so
   * an instance that dies while planning leaves nobody behind) and comes with a token for planned().
   */
  take(now: string, holdUntil: string, limit: number): Promise<TakenClient[]>;
  /** A plan is made: due again at `at`. False, leaving them due now, when woken or changed since taken with `token`. */
  planned(clientId: string, token: string, at: string): Promise<boolean>;
  /** Due now: something a plan must see has changed (an answer, a setting). */
  wake(clientId: string): Promise<void>;
  /**
   * Every client due now, at start-up, because the programme or the code may have changed what is
   * planned; unless `basis` (naming both) is the one the kept plans were made under, when they are
   * kept (a restart or another instance joining plans nobody again). Without a basis, always.
   * True when everyone was woken.
   */
  wakeAll(basis?: string): Promise<boolean>;
  /** When the next client is due, as of `now` (now itself when one is due already); undefined with no clients. */
  soonest(now: string): Promise<string | undefined>;
}

/** What a client has said and been asked, kept per client. */
export interface ClientHistoryRepository {
  /** Everything kept about a client; with `months` ('yyyy-mm'), only the records of those months (a long history is not read whole). */
  history(clientId: string, months?: readonly string[]): Promise<ClientHistory>;
  /**
   * The same as history(), for a caller that changes nothing in it (reports reading many clients):
   * a backend may hand out its own records without copying them.
   */
  readOnlyHistory(clientId: string, months?: readonly string[]): Promise<Readonly<ClientHistory>>;
  saveConversationReference(clientId: string, channelKey: string, reference: Partial<ConversationReference>): Promise<void>;
  conversationReference(clientId: string, channelKey: string): Promise<Partial<ConversationReference> | undefined>;
  startCheckIn(checkIn: CheckInRecord): Promise<void>;
  recordResponse(clientId: string, response: ItemResponseRecord): Promise<void>;
  recordNote(clientId: string, note: NoteRecord): Promise<void>;
  /** Close a check-in (or change how it closed: a late answer clears `waitingFor`), adding its scores. */
  endCheckIn(clientId: string, checkInId: string, end: Pick<CheckInRecord, 'status' | 'endedAt' | 'waitingFor'>, scores: ScoreRecord[]): Promise<void>;
  recordEvent(clientId: string, event: ClientEvent): Promise<void>;
  /** Create or change the record of one group session (kept in the month the session starts); returns it as stored. */
  recordAttendance(
    clientId: string,
    session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
    change: (current: AttendanceRecord | undefined) => AttendanceRecord,
  ): Promise<AttendanceRecord>;
  addTask(clientId: string, task: TaskRecord): Promise<void>;
  /**
   * Replace the words a client wrote before `before` (notes, the raw text of answers, what they said
   * of a group session) with `placeholder`; coded answers, scores and events stay. Returns how many
   * records changed.
   */
  removeWordsBefore(clientId: string, before: string, placeholder: string): Promise<number>;
  /** Change a task (mark it done); undefined when the client has no such task. */
  updateTask(clientId: string, taskId: string, change: (task: TaskRecord) => TaskRecord): Promise<TaskRecord | undefined>;
}

/** Text messages received and not yet handled, and which ones were handled already. */
export interface SmsInbox {
  /** Keep a message until it is handled; false when this MessageSid was accepted before (a Twilio retry). */
  accept(message: InboundSmsRecord): Promise<boolean>;
  /** The message's turn has run: forget its text, remember its sid. */
  markHandled(sid: string): Promise<void>;
  /** Accepted and not yet handled, oldest first (after a restart). */
  unhandled(): Promise<InboundSmsRecord[]>;
  /** Drop a client's texts not yet handled (their data was erased); returns how many went. */
  removePendingFor(clientId: string): Promise<number>;
  /** Forget the sids of texts handled more than a week ago. */
  pruneHandled(): Promise<void>;
}

/** Every text message Linkwell sends, written before it is sent. */
export interface SmsOutbox {
  /** Write a new message; false (and nothing written) when a message with its id exists, sent or not. */
  add(record: OutboundSmsRecord): Promise<boolean>;
  get(id: string): Promise<OutboundSmsRecord | undefined>;
  /** Change a record under its lock; undefined when there is none. */
  update(id: string, change: (record: OutboundSmsRecord) => OutboundSmsRecord): Promise<OutboundSmsRecord | undefined>;
  /** Queued or sending, oldest first: what a restart must finish. */
  unsent(): Promise<OutboundSmsRecord[]>;
  /**
   * What `owner` (an instance's sender) may take on at `now`, of the unsent messages: none it holds,
   * and none of a client another holder has a live lease on for any of their unsent messages (so a
   * client's texts keep their order); oldest first, at most `limit`. Found in the store, not by
   * reading every unsent message: another live instance's queue may be long.
   */
  leftOver(owner: string, now: string, limit: number): Promise<OutboundSmsRecord[]>;
  /**
   * Extend to `until` the leases `owner` holds on the unsent messages `ids`, each only if its lease
   * has not run out at `now` (one that has is anyone's to take). Returns how many were extended.
   */
  renewLeases(owner: string, ids: readonly string[], now: string, until: string): Promise<number>;
  /** Every message to a client, sent or not, oldest first (an export reads the whole outbox). */
  forClient(clientId: string): Promise<OutboundSmsRecord[]>;
  /** Remove every message to a client and the sids claimed for their number; returns how many went. */
  removeForClient(clientId: string, to: string): Promise<number>;
  /**
   * Record that Twilio message `sid` (to `to`) is outbox message `messageId`, durably; false when the
   * sid already belongs to another message. A sid is never taken for two messages, across restarts.
   */
  claimSid(to: string, sid: string, messageId: string, at: string): Promise<boolean>;
}

/** A client's one web chat conversation: which it is, whether it has begun, and how far the page has read. */
export interface WebChatConversation {
  conversationId: string;
  /** The welcome has run (it runs once, when the conversation is first opened). */
  started: boolean;
  /** The place after the last activity a page has fetched, and when (undefined: never fetched). */
  seen?: { upTo: number; at: string } | undefined;
}

/**
 * Every activity in and out of each client's web chat, kept so the chat continues across reloads,
 * tabs and restarts: one conversation per client, activities numbered in order from 0 (their place
 * is the Direct Line watermark), at most WEB_CHAT_KEPT activities and bytes each (the oldest go first).
 */
export interface WebChatTranscripts {
  /** The client's conversation, made with id `newId` if they have none yet (a later call gets the first id). */
  open(clientId: string, newId: string): Promise<WebChatConversation>;
  /** The client's conversation, if they have one. */
  get(clientId: string): Promise<WebChatConversation | undefined>;
  /** Mark the conversation begun; false when it already was (only one opener runs the welcome). */
  markStarted(clientId: string): Promise<boolean>;
  /**
   * Append activities in order, each given its id (`<conversation id>|<place>`), and return the ids.
   * A posted activity whose `channelData.clientActivityID` is among those kept already is not
   * appended again: its earlier id comes back with `duplicate` (a page retrying a send).
   */
  append(clientId: string, activities: Partial<Activity>[]): Promise<Array<{ id: string; duplicate: boolean }>>;
  /** Activities from place `from` on (those kept), and the place to read from next. */
  since(clientId: string, from: number): Promise<{ activities: Activity[]; next: number }>;
  /** A page has read up to place `upTo` at `at` (never moves back). */
  markSeen(clientId: string, upTo: number, at: string): Promise<void>;
  /** Remove activities older than `before` (ISO time); returns how many went. */
  removeBefore(clientId: string, before: string): Promise<number>;
  /** Remove the client's conversation and everything in it; false when they had none. */
  erase(clientId: string): Promise<boolean>;
}

/** The most activities and bytes (as JSON) kept of one web chat conversation: the oldest go first. */
export const WEB_CHAT_KEPT = { activities: 500, bytes: 256 * 1024 } as const;

/**
 * The scheduler's durable ledger, per client. An occurrence is claimed (on disk) before it is sent
 * and settled after, so a crash in between leaves a claim to be checked, never a silent double send.
 */
export interface ScheduleLedgerRepository {
  /** The client's ledger (empty when nothing was ever scheduled). */
  read(clientId: string): Promise<ScheduleLedgerRecord>;
  /** Remove the client's ledger (their data was erased). */
  erase(clientId: string): Promise<void>;
  /** Claim an occurrence before sending it; false when it is already claimed or decided. */
  claim(clientId: string, key: string, at: string): Promise<boolean>;
  /** Record what became of an occurrence for good (and drop its claim); a send counts towards `week`. */
  settle(clientId: string, key: string, decision: ScheduleDecisionRecord, week?: string): Promise<void>;
  /** Record several skips at once (one write): what a pass found it will never send. */
  settleAll(clientId: string, decisions: ReadonlyArray<{ key: string; decision: ScheduleDecisionRecord }>): Promise<void>;
  /** Drop a claim without deciding (the send did not happen and may be tried again). */
  release(clientId: string, key: string): Promise<void>;
  markAnswered(clientId: string, key: string, at: string): Promise<void>;
  /** Just the open check-in, if any (cheap: asked on every reply in a check-in). */
  openCheckIn(clientId: string): Promise<ScheduleLedgerRecord['openCheckIn']>;
  /** Keep what score triggers look back on (the baseline and the last few check-ins). */
  setRiskHistory(clientId: string, history: NonNullable<ScheduleLedgerRecord['riskHistory']>): Promise<void>;
  /** Remember the check-in open now (or none), so the scheduler can close it when its window passes. */
  setOpenCheckIn(clientId: string, open: ScheduleLedgerRecord['openCheckIn'] | undefined): Promise<void>;
}

/**
 * Risk alerts, never deleted (but for an erasure). Resolved ones pile up over the years, so what is
 * being dealt with, what is due and an alert by its code are found by index (on PostgreSQL), never
 * by reading every alert. Several instances may share one store: each query answers as the store is now.
 */
export interface AlertRepository {
  /**
   * Keep a new alert (on disk before anyone is told). Its code is unique among every alert kept,
   * whichever instance adds them: `code_taken` (nothing kept) when another alert has it. The same id
   * twice is an error.
   */
  add(alert: AlertRecord): Promise<{ ok: true } | { ok: false; reason: 'code_taken' }>;
  get(id: string): Promise<AlertRecord | undefined>;
  /** The alert with this code (as staff were sent it, upper case), resolved or not. */
  byCode(code: string): Promise<AlertRecord | undefined>;
  /** Change an alert under its lock; undefined when there is none. */
  update(id: string, change: (alert: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined>;
  /**
   * The alerts matching every filter given, newest first (created, then id): about one client (null:
   * a number that is not enrolled) or any of `clientIds` (none: no alerts), in one state or
   * `unresolved` (open or acknowledged: those being dealt with), at most `limit`.
   */
  find(query: {
    clientId?: string | null | undefined;
    clientIds?: readonly string[] | undefined;
    state?: AlertRecord['state'] | 'unresolved' | undefined;
    limit?: number | undefined;
  }): Promise<AlertRecord[]>;
  /** Resolved alerts (of `clientIds` only, when given), the most recently resolved first, at most `limit`. */
  recentlyResolved(query: { clientIds?: readonly string[] | undefined; limit: number }): Promise<AlertRecord[]>;
  /**
   * Unresolved alerts due by `now` (ISO), soonest first, at most `limit`. An alert is due at the
   * earliest of: while open, `escalateAt` and `notifyAt`; while not resolved, the `retryAt` of a
   * failed notification (see alertDueAt).
   */
  due(now: string, limit: number): Promise<AlertRecord[]>;
  /** When the next alert falls due (ISO, UTC; it may have passed already), undefined when none will. */
  soonestDue(): Promise<string | undefined>;
  /** Every alert, oldest first: reads every one kept (tests and tools; never the service or the pages). */
  list(): Promise<AlertRecord[]>;
  /** Remove an alert for good (the client's data was erased). */
  remove(id: string): Promise<void>;
}

/** Who exported or erased whose data, and when: never what the data said. */
export interface PrivacyAuditEntry {
  at: string;
  action: 'export' | 'erase';
  clientId: string;
  by: string;
  /** For an erase: how many records of each kind went. */
  removed?: Record<string, number> | undefined;
}

/**
 * Small facts kept a short while and shared by every instance, each under a key it never keeps in
 * plain (hashed): that a text came from a number nobody is enrolled with (its Twilio retry gets no
 * second reply), or the wrong passwords given for an email with no account. Each is forgotten once
 * it expires. Nothing about a client is kept here.
 */
export interface ExpiringRecords<T> {
  /**
   * Change the record of `key` under its lock: `change` gets it (undefined when there is none or it
   * expired by `now`) and returns the new one and until when it is kept. Returns the new record.
   */
  change(key: string, now: string, change: (current: T | undefined) => { value: T; expiresAt: string }): Promise<T>;
}

export interface PrivacyAudit {
  record(entry: PrivacyAuditEntry): Promise<void>;
  list(): Promise<PrivacyAuditEntry[]>;
}

// The outcome tally (issue 19). Imported here, not above, so this section stays self-contained.
import type { OutcomeFacts } from './outcomeFacts.js';

/**
 * What the programme outcomes are worked out from: each client's facts (storage/outcomeFacts.ts),
 * written by the client history with the records they come from, in the same call (the same
 * transaction on PostgreSQL), and gone with the client when they are erased. Read for a whole
 * programme without reading anyone's history, so every instance shows the same figures at once.
 */
export interface OutcomeTally {
  /**
   * The facts of every client whose record names `programmeId` now and who has any, a few at a time
   * as they are read (caught up first: see catchUp), in no set order. Read-only: the store may hand
   * out its own objects.
   */
  forProgramme(programmeId: string): AsyncIterable<{ clientId: string; facts: Readonly<OutcomeFacts> }>;
  /**
   * Work out again, from their histories, the facts of clients whose records were written without
   * them (stored before the tally existed, copied in, left behind by a crash); returns how many.
   * Cheap when there are none.
   */
  catchUp(): Promise<number>;
}

// Staff accounts (issue 8). Imported here, not above, so this section stays self-contained.
import type { StaffAccountRecord, StaffSessionRecord } from './records.js';

export type CreateStaffResult = { ok: true; account: StaffAccountRecord } | { ok: false; reason: 'duplicate_email' };

/** Staff accounts for the web pages. */
export interface StaffRepository {
  /** Add an account; its email (compared without case) must not be taken. */
  create(account: StaffAccountRecord): Promise<CreateStaffResult>;
  get(id: string): Promise<StaffAccountRecord | undefined>;
  /** The account with this email, in any case. */
  findByEmail(email: string): Promise<StaffAccountRecord | undefined>;
  list(): Promise<StaffAccountRecord[]>;
  /** Change an account under its lock (not its id or email); undefined when there is none. */
  update(id: string, change: (account: StaffAccountRecord) => StaffAccountRecord): Promise<StaffAccountRecord | undefined>;
}

/** Staff sessions, kept on disk so a restart signs nobody out. Keyed by the hash of the session id. */
export interface StaffSessionRepository {
  add(session: StaffSessionRecord): Promise<void>;
  get(idHash: string): Promise<StaffSessionRecord | undefined>;
  update(idHash: string, change: (session: StaffSessionRecord) => StaffSessionRecord): Promise<StaffSessionRecord | undefined>;
  remove(idHash: string): Promise<void>;
  list(): Promise<StaffSessionRecord[]>;
}

// Web Push subscriptions (issue 18). The record is defined here, not in records.ts, so this section stays self-contained.

/** One browser's push subscription for a client, as the browser gave it (PushSubscription.toJSON()). */
export interface PushSubscriptionRecord {
  /** The push service URL this browser is reached at (https); it identifies the subscription. */
  endpoint: string;
  /** When the push service will end the subscription (milliseconds since the epoch), if it said. */
  expirationTime?: number | null | undefined;
  /** The browser's P-256 public key and auth secret (base64url) that each message is encrypted to. */
  keys: { p256dh: string; auth: string };
  /** When it was added (ISO); the oldest goes first when a client has too many. */
  createdAt: string;
}

/** At most this many browsers per client get pushes; adding another drops the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_CLIENT = 5;

/** The browsers each web chat client agreed to get notifications on. */
export interface PushSubscriptionStore {
  /** Keep a subscription; one with the same endpoint is replaced, and past the limit the oldest goes. */
  add(clientId: string, subscription: PushSubscriptionRecord): Promise<void>;
  /** The client's subscriptions, oldest first (none is an empty list). */
  list(clientId: string): Promise<PushSubscriptionRecord[]>;
  /** Forget one subscription; false when the client had none with this endpoint. */
  remove(clientId: string, endpoint: string): Promise<boolean>;
  /** Forget every subscription of the client (their data was erased, or their links withdrawn); returns how many went. */
  removeForClient(clientId: string): Promise<number>;
}

// The whole store: every port, for whichever backend is configured.

/** Documents kept by id, each written whole and atomically (a programme's group directory entries). */
export interface EntryStore<T extends { id: string }> {
  /** Every entry kept (none at first), by id. */
  readAll(): Promise<T[]>;
  /** Keep an entry, replacing the one with the same id. */
  write(entry: T): Promise<void>;
}

/** One turn at a time per conversation, across every instance sharing the store. */
export interface TurnLocks {
  /** Run `work` once no other holder of `key` (here or in another instance) is running; in arrival order here. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** Every port of the configured backend (see storage/open/openStore.ts). */
export interface Store {
  backend: 'lowdb' | 'postgres';
  turnLocks: TurnLocks;
  clients: ClientRepository & ClientHistoryRepository;
  /** When each client next needs the scheduler (a change to a client's record makes them due). */
  attention: ClientAttention;
  /** botbuilder Storage for dialog and conversation state; `removeMentioning` for an erasure. */
  botStorage: Storage & { removeMentioning(text: string): Promise<number> };
  smsInbox: SmsInbox;
  smsOutbox: SmsOutbox;
  schedule: ScheduleLedgerRepository;
  alerts: AlertRepository;
  privacyAudit: PrivacyAudit;
  /** What the programme outcomes are worked out from, kept up to date as answers are written. */
  outcomes: OutcomeTally;
  webChat: WebChatTranscripts;
  pushSubscriptions: PushSubscriptionStore;
  staffAccounts: StaffRepository;
  staffSessions: StaffSessionRepository;
  /** A programme's group directory entries. */
  groupEntries<T extends { id: string }>(programmeId: string): EntryStore<T>;
  /** Short-lived records of one kind (see ExpiringRecords), shared by every instance on the store. */
  expiring<T>(kind: string): ExpiringRecords<T>;
  /**
   * Say this instance runs the programme file with this SHA-256, for as long as it runs; refuses
   * (ProgrammeMismatchError) when a live instance on the same store runs a different one.
   */
  joinAs(programmeSha256: string): Promise<void>;
  /** How many instances run on this store now (this one included): they share the send rate. */
  liveInstances(): Promise<number>;
  close(): Promise<void>;
}
