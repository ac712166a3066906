import type { ConversationReference } from 'botbuilder';

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
}

export type NewClient = Omit<ClientRecord, 'id'>;

export type CheckInStatus = 'open' | 'completed' | 'stopped' | 'abandoned';

export interface CheckInRecord {
  id: string;
  clientId: string;
  channel: string;
  instrumentIds: string[];
  status: CheckInStatus;
  startedAt: string;
  endedAt?: string;
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
}

export interface ScoreRecord {
  checkInId: string;
  instrumentId: string;
  instrumentVersion: string;
  score: number | null;
  complete: boolean;
  computedAt: string;
}

/** Free text the client wants their link worker to see. */
export interface NoteRecord {
  checkInId: string | null;
  text: string;
  channel: string;
  createdAt: string;
}

/** Everything held about one client beyond the index: one file per client. */
export interface ClientHistory {
  clientId: string;
  conversationReferences: Partial<Record<string, Partial<ConversationReference>>>;
  checkIns: CheckInRecord[];
  responses: ItemResponseRecord[];
  scores: ScoreRecord[];
  notes: NoteRecord[];
}
