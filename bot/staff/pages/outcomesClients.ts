import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ClientRecord } from '../../../storage/records.js';

/** Clients between two turns of the event loop while reading every client's history. */
const CLIENTS_PER_TURN = 25;

/**
 * The clients of a programme, handed out with a turn of the event loop every few clients. Reading a
 * history is mostly synchronous file work: without the breaks, reading 2,000 clients' histories
 * for the outcomes would hold up every text and chat turn for seconds.
 */
export async function* programmeClients(clients: readonly ClientRecord[], programmeId: string): AsyncGenerator<ClientRecord> {
  let handed = 0;
  for (const client of clients) {
    if (client.programmeId !== programmeId) continue;
    yield client;
    handed += 1;
    if (handed % CLIENTS_PER_TURN === 0) await nextTurn();
  }
}
