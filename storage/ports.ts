import type { ConversationReference } from 'botbuilder';
import type {
  CheckInRecord,
  ClientHistory,
  ClientRecord,
  ItemResponseRecord,
  NewClient,
  NoteRecord,
  ScoreRecord,
} from './records.js';

export type CreateClientResult = { ok: true; client: ClientRecord } | { ok: false; reason: 'duplicate_phone' };

/** Enrolled clients. */
export interface ClientRepository {
  create(input: NewClient): Promise<CreateClientResult>;
  get(id: string): Promise<ClientRecord | undefined>;
  findByPhone(phone: string): Promise<ClientRecord | undefined>;
  list(): Promise<ClientRecord[]>;
}

/** What a client has said and been asked, kept per client. */
export interface ClientHistoryRepository {
  history(clientId: string): Promise<ClientHistory>;
  saveConversationReference(clientId: string, channelKey: string, reference: Partial<ConversationReference>): Promise<void>;
  conversationReference(clientId: string, channelKey: string): Promise<Partial<ConversationReference> | undefined>;
  startCheckIn(checkIn: CheckInRecord): Promise<void>;
  recordResponse(clientId: string, response: ItemResponseRecord): Promise<void>;
  recordNote(clientId: string, note: NoteRecord): Promise<void>;
  endCheckIn(clientId: string, checkInId: string, end: Pick<CheckInRecord, 'status' | 'endedAt'>, scores: ScoreRecord[]): Promise<void>;
}
