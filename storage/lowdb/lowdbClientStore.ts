import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { ClientHistoryRepository, ClientRepository, CreateClientResult } from '../ports.js';
import type {
  CheckInRecord,
  ClientHistory,
  ClientRecord,
  ItemResponseRecord,
  NewClient,
  NoteRecord,
  ScoreRecord,
} from '../records.js';
import { DocumentStore } from './documentStore.js';

interface ClientIndex {
  version: 1;
  clients: ClientRecord[];
}

const INDEX_KEY = 'index';

/**
 * Clients on lowdb. A small index (one entry per client, kept in memory) answers look-ups by id
 * and phone; each client's history lives in its own file, so a turn rewrites only that client's
 * data, never the whole store.
 */
export class LowdbClientStore implements ClientRepository, ClientHistoryRepository {
  private readonly byId = new Map<string, ClientRecord>();
  private readonly byPhone = new Map<string, ClientRecord>();

  private constructor(
    private readonly index: DocumentStore<ClientIndex>,
    private readonly histories: DocumentStore<ClientHistory>,
  ) {}

  /** Load the index; throws CorruptDataError when it cannot be parsed. */
  static async open(dir: string): Promise<LowdbClientStore> {
    const index = new DocumentStore<ClientIndex>(dir, () => 'index.json', 1);
    const histories = new DocumentStore<ClientHistory>(dir, (id) => `${id.slice(0, 2)}/${id}.json`, 500);
    const store = new LowdbClientStore(index, histories);
    for (const client of (await index.read(INDEX_KEY))?.clients ?? []) store.remember(client);
    return store;
  }

  async create(input: NewClient): Promise<CreateClientResult> {
    const result = await this.index.update<CreateClientResult>(INDEX_KEY, (current) => {
      // Checked against the file's list, not the in-memory map, so two racing enrolments can't both win.
      if (current?.clients.some((c) => c.phone === input.phone)) {
        return { result: { ok: false, reason: 'duplicate_phone' } };
      }
      const client: ClientRecord = { ...input, id: randomUUID() };
      return { next: { version: 1, clients: [...(current?.clients ?? []), client] }, result: { ok: true, client } };
    });
    // Only once the index is on disk, so a failed write leaves no phantom client in memory.
    if (result.ok) this.remember(result.client);
    return result;
  }

  async get(id: string): Promise<ClientRecord | undefined> {
    return this.byId.get(id);
  }

  async findByPhone(phone: string): Promise<ClientRecord | undefined> {
    return this.byPhone.get(phone);
  }

  async list(): Promise<ClientRecord[]> {
    return [...this.byId.values()];
  }

  async history(clientId: string): Promise<ClientHistory> {
    const stored = await this.histories.read(clientId);
    return stored ? structuredClone(stored) : emptyHistory(clientId);
  }

  async saveConversationReference(
    clientId: string,
    channelKey: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    await this.change(clientId, (h) => {
      const before = h.conversationReferences[channelKey];
      if (before && JSON.stringify(before) === JSON.stringify(reference)) return false;
      h.conversationReferences[channelKey] = reference;
      return true;
    });
  }

  async conversationReference(clientId: string, channelKey: string): Promise<Partial<ConversationReference> | undefined> {
    const reference = (await this.histories.read(clientId))?.conversationReferences[channelKey];
    return reference && structuredClone(reference);
  }

  async startCheckIn(checkIn: CheckInRecord): Promise<void> {
    await this.change(checkIn.clientId, (h) => {
      h.checkIns.push(checkIn);
      return true;
    });
  }

  async recordResponse(clientId: string, response: ItemResponseRecord): Promise<void> {
    await this.change(clientId, (h) => {
      h.responses.push(response);
      return true;
    });
  }

  async recordNote(clientId: string, note: NoteRecord): Promise<void> {
    await this.change(clientId, (h) => {
      h.notes.push(note);
      return true;
    });
  }

  async endCheckIn(
    clientId: string,
    checkInId: string,
    end: Pick<CheckInRecord, 'status' | 'endedAt'>,
    scores: ScoreRecord[],
  ): Promise<void> {
    await this.change(clientId, (h) => {
      const checkIn = h.checkIns.find((c) => c.id === checkInId);
      if (!checkIn) return false;
      Object.assign(checkIn, end);
      h.scores.push(...scores);
      return true;
    });
  }

  private change(clientId: string, mutate: (history: ClientHistory) => boolean): Promise<void> {
    if (!this.byId.has(clientId)) return Promise.reject(new Error(`Unknown client ${clientId}`));
    return this.histories.update(clientId, (current) => {
      const history = current ?? emptyHistory(clientId);
      return { next: mutate(history) ? history : undefined, result: undefined };
    });
  }

  private remember(client: ClientRecord): void {
    this.byId.set(client.id, client);
    this.byPhone.set(client.phone, client);
  }
}

function emptyHistory(clientId: string): ClientHistory {
  return { clientId, conversationReferences: {}, checkIns: [], responses: [], scores: [], notes: [] };
}
