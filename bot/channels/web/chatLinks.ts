import { DateTime } from 'luxon';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { ClientRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { TokenSigner } from '../../platform/signedToken.js';

export interface ChatLink {
  url: string;
  expiresAt: string;
}

/** Why a link or a conversation made from it no longer opens. */
export type LinkRefusal = 'expired' | 'withdrawn' | 'invalid';

/**
 * A client's web chat links: signed, expiring, and withdrawable. Each link carries the client's
 * link generation when it was issued; withdrawing moves the generation on, so every earlier link
 * and every conversation token made from one stops at once (the chat itself is kept, for the
 * client's next link). Issuing a link never withdraws older ones unless asked.
 */
export class ChatLinks {
  constructor(
    private readonly deps: {
      signer: TokenSigner;
      clients: ClientRepository;
      history: Pick<ClientHistoryRepository, 'recordEvent'>;
      clock: Clock;
      ttlHours: number;
      baseUrl: () => string;
      /** Told when a client's links are withdrawn (their browsers stop getting notices). */
      withdrawn?: (clientId: string) => Promise<unknown>;
    },
  ) {}

  /** A new link for the client (withdrawing every earlier one first when asked); undefined for no such client. */
  async issue(clientId: string, options: { withdrawOthers?: { by: string } } = {}): Promise<ChatLink | undefined> {
    const client = options.withdrawOthers ? await this.withdraw(clientId, options.withdrawOthers.by) : await this.deps.clients.get(clientId);
    if (!client) return undefined;
    const exp = this.deps.signer.expiresIn(this.deps.ttlHours * 3600);
    const token = this.deps.signer.sign({ typ: 'link', sub: client.id, exp, gen: client.chatLinkGeneration ?? 0 });
    return { url: `${this.deps.baseUrl()}/chat?t=${token}`, expiresAt: DateTime.fromSeconds(exp, { zone: 'utc' }).toISO()! };
  }

  /** Withdraw every link issued to the client so far; resolves with the client as now stored. */
  async withdraw(clientId: string, by: string): Promise<ClientRecord | undefined> {
    const client = await this.deps.clients.update(clientId, (c) => ({ ...c, chatLinkGeneration: (c.chatLinkGeneration ?? 0) + 1 }));
    if (!client) return undefined;
    await this.deps.history.recordEvent(client.id, { type: 'chat-links-withdrawn', at: this.deps.clock.now().toISO()!, by });
    await this.deps.withdrawn?.(client.id);
    return client;
  }

  /** Whether a link (or a conversation made from one) of generation `gen` still opens for this client. */
  async standing(clientId: string, gen: number | undefined): Promise<LinkRefusal | 'ok'> {
    const client = await this.deps.clients.get(clientId);
    if (!client) return 'invalid';
    return (gen ?? 0) < (client.chatLinkGeneration ?? 0) ? 'withdrawn' : 'ok';
  }
}
