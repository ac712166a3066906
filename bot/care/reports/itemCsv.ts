import type { ClientHistoryRepository } from '../../../storage/ports.js';
import type { CheckInRecord, ClientHistory, ClientRecord } from '../../../storage/records.js';
import { waveIdOf } from '../alerts/scoreAlerts.js';
import { csvLine } from './csv.js';

/** The item-level export's columns, in order. No name, phone, raw reply or note is ever among them. */
export const ITEM_CSV_COLUMNS = [
  'client_id',
  'wave_id',
  'check_in_id',
  'check_in_kind',
  'instrument_id',
  'instrument_version',
  'item_id',
  'option_id',
  'value',
  'status',
  'late',
  'answered_at',
  'channel',
] as const;

/**
 * The item-level export for the programme's analyst, one CRLF-ended line at a time: the header,
 * then one row per stored answer (answered, skipped or missing; late ones too, marked), client by
 * client in the order given, each client's history read only when its turn comes. Not suppressed:
 * it is raw data, keyed by the client's pseudonymous id.
 */
export async function* itemCsvLines(
  clients: Iterable<Pick<ClientRecord, 'id'>> | AsyncIterable<Pick<ClientRecord, 'id'>>,
  history: Pick<ClientHistoryRepository, 'history'>,
): AsyncGenerator<string> {
  yield csvLine(ITEM_CSV_COLUMNS);
  for await (const client of clients) yield* itemRows(client.id, await history.history(client.id));
}

/** The whole item-level export as one string, for histories already in memory (see itemCsvLines). */
export function itemCsv(histories: Iterable<Pick<ClientHistory, 'clientId' | 'checkIns' | 'responses'>>): string {
  let text = csvLine(ITEM_CSV_COLUMNS);
  for (const history of histories) for (const line of itemRows(history.clientId, history)) text += line;
  return text;
}

/** One client's answers as CSV lines, in the order they were stored. */
export function* itemRows(clientId: string, history: Pick<ClientHistory, 'checkIns' | 'responses'>): Generator<string> {
  const checkIns = new Map<string, CheckInRecord>(history.checkIns.map((c) => [c.id, c]));
  for (const r of history.responses) {
    // An answer whose check-in is not in the history read (another month) still goes out, unattributed.
    const checkIn = checkIns.get(r.checkInId);
    yield csvLine([
      clientId,
      checkIn ? waveIdOf(checkIn) : undefined,
      r.checkInId,
      checkIn?.kind,
      r.instrumentId,
      r.instrumentVersion,
      r.itemId,
      r.optionId,
      r.value,
      r.status,
      r.late === true,
      r.answeredAt,
      r.channel,
    ]);
  }
}
