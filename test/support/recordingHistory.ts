import type { ClientHistoryRepository } from '../../storage/ports.js';
import type { CheckInRecord, ItemResponseRecord, NoteRecord, ScoreRecord } from '../../storage/records.js';

/** An in-memory stand-in for the per-client history store, for dialog tests. */
export class RecordingHistory implements Pick<ClientHistoryRepository, 'startCheckIn' | 'recordResponse' | 'recordNote' | 'endCheckIn'> {
  checkIns: CheckInRecord[] = [];
  responses: ItemResponseRecord[] = [];
  notes: NoteRecord[] = [];
  scores: ScoreRecord[] = [];

  async startCheckIn(checkIn: CheckInRecord): Promise<void> {
    this.checkIns.push({ ...checkIn });
  }
  async recordResponse(_clientId: string, response: ItemResponseRecord): Promise<void> {
    this.responses.push(response);
  }
  async recordNote(_clientId: string, note: NoteRecord): Promise<void> {
    this.notes.push(note);
  }
  async endCheckIn(_clientId: string, checkInId: string, end: Pick<CheckInRecord, 'status' | 'endedAt'>, scores: ScoreRecord[]): Promise<void> {
    const checkIn = this.checkIns.find((c) => c.id === checkInId);
    if (checkIn) Object.assign(checkIn, end);
    this.scores.push(...scores);
  }

  /** itemId → coded value (null when skipped or missing), in the order answered. */
  values(): Array<[string, number | null, ItemResponseRecord['status']]> {
    return this.responses.map((r) => [r.itemId, r.value, r.status]);
  }
}
