import { createHash } from 'node:crypto';
import type { Instrument } from '../../dialogs/instruments/instrumentSchema.js';
import { scoreInstrument } from '../../dialogs/instruments/scoreInstrument.js';
import { LINKWELL_BOT_ACCOUNT, LOCAL_DIRECTLINE_SERVICE_URL, WEBCHAT_CHANNEL_ID } from '../../bot/channels/directline/directLineAdapter.js';
import { userIdFor } from '../../bot/channels/directline/directLineAdapter.js';
import type { ClientHistory, ClientRecord, ItemResponseRecord, NoteRecord, ScoreRecord } from '../../storage/records.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const FIRST_NAMES = ['Jean', 'Arthur', 'Maureen', 'Dev', 'Aisha', 'Tom', 'Grace', 'Kwame', 'Elena', 'Harold', 'Niamh', 'Yusuf'];
const NOTE_TEXTS = [
  'My daughter visited on Sunday, that helped.',
  'Knee is bad again so I did not get to the walking group.',
  'Went to the lunch club twice this week.',
  'Finding the evenings long.',
  'Could Sam ring me about the bus pass?',
];

/** A deterministic id in UUID form, so the bench can name seeded clients without reading the index. */
export function benchClientId(n: number): string {
  const hex = createHash('sha256').update(`linkwell-bench-client/${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The phone number of seeded client `n`. */
export function benchPhone(n: number): string {
  return `+44790${String(n).padStart(7, '0')}`;
}

/** The index entry of seeded client `n`. */
export function benchClient(n: number, programmeId: string, linkWorkerIds: readonly string[], createdAtMs: number): ClientRecord {
  return {
    id: benchClientId(n),
    programmeId,
    name: FIRST_NAMES[n % FIRST_NAMES.length]!,
    phone: benchPhone(n),
    timezone: 'Europe/London',
    linkWorkerId: linkWorkerIds[n % linkWorkerIds.length]!,
    channel: 'webchat',
    createdAt: new Date(createdAtMs).toISOString(),
    // A year of weekly check-ins: they agreed when they joined. Paused, so that the scheduler running
    // beside the measured turns has nothing to send (as before agreement was needed to check in).
    consentedAt: new Date(createdAtMs).toISOString(),
    pausedUntil: '2100-01-01T00:00:00.000Z',
  };
}

/**
 * A year of weekly, completed web chat check-ins for one client, shaped as the check-in dialog
 * records them: every item answered (by number or in words), one score per scored instrument, a
 * few notes, and the conversation reference of the last conversation.
 */
export function benchHistory(client: ClientRecord, instruments: readonly Instrument[], weeks: number, firstWeekMs: number): ClientHistory {
  const random = mulberry32(Number.parseInt(client.id.slice(0, 8), 16));
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const history: ClientHistory = {
    clientId: client.id,
    conversationReferences: {},
    checkIns: [],
    responses: [],
    scores: [],
    notes: [],
    events: [],
    attendance: [],
    tasks: [],
  };

  for (let week = 0; week < weeks; week += 1) {
    const startedMs = firstWeekMs + week * WEEK_MS + Math.floor(random() * 8 * 3600 * 1000);
    const checkInId = `${hex(8)}-${hex(4)}-4${hex(3)}-b${hex(3)}-${hex(12)}`;
    let at = startedMs;
    const stamp = () => new Date((at += 20_000 + Math.floor(random() * 60_000))).toISOString();
    history.checkIns.push({
      id: checkInId,
      clientId: client.id,
      channel: WEBCHAT_CHANNEL_ID,
      instrumentIds: instruments.map((i) => i.id),
      status: 'completed',
      startedAt: new Date(startedMs).toISOString(),
    });
    for (const instrument of instruments) {
      const values: { itemId: string; value: number | null }[] = [];
      for (const item of instrument.items) {
        if (item.kind !== 'choice') throw new Error(`bench seeds choice items only, not ${instrument.id}/${item.id}`);
        const option = item.options[Math.floor(random() * item.options.length)]!;
        const raw = random() < 0.5 ? String(option.key) : (option.synonyms[0] ?? option.label);
        const response: ItemResponseRecord = {
          checkInId,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          itemId: item.id,
          value: option.code,
          optionId: option.id,
          status: 'answered',
          raw,
          channel: WEBCHAT_CHANNEL_ID,
          answeredAt: stamp(),
        };
        history.responses.push(response);
        values.push({ itemId: item.id, value: option.code });
      }
      const scored = scoreInstrument(instrument, values);
      if (scored) {
        const score: ScoreRecord = {
          checkInId,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          score: scored.score,
          complete: scored.complete,
          computedAt: new Date(at).toISOString(),
        };
        history.scores.push(score);
      }
    }
    if (random() < 0.06) history.notes.push(note(checkInId, NOTE_TEXTS[Math.floor(random() * NOTE_TEXTS.length)]!, stamp()));
    history.checkIns[history.checkIns.length - 1]!.endedAt = stamp();
  }
  if (history.notes.length === 0) history.notes.push(note(null, NOTE_TEXTS[0]!, new Date(firstWeekMs).toISOString()));

  const conversationId = hex(22);
  history.conversationReferences[WEBCHAT_CHANNEL_ID] = {
    user: { id: userIdFor(client.id), name: '', role: 'user' },
    bot: LINKWELL_BOT_ACCOUNT,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: WEBCHAT_CHANNEL_ID,
    serviceUrl: LOCAL_DIRECTLINE_SERVICE_URL,
  };
  return history;
}

function note(checkInId: string | null, text: string, createdAt: string): NoteRecord {
  return { checkInId, text, channel: WEBCHAT_CHANNEL_ID, createdAt };
}

/** A small seeded PRNG: the same client always gets the same history. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
