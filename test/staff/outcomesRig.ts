import { programmeInstruments, type Programme } from '../../bot/config/programmeSchema.js';
import { scoreInstrument } from '../../dialogs/instruments/scoreInstrument.js';
import type { Store } from '../../storage/ports.js';
import type { SmsConversation } from '../support/smsConversation.js';

const UCLA_OPTIONS = ['hardly_ever_or_never', 'some_of_the_time', 'often'];

/** Four clients who answered UCLA-3 at baseline (scores 3, 5, 7 and 9), written as the check-in dialog writes them. */
export async function fourAnsweredBaseline(store: Store, programme: Programme): Promise<void> {
  const ucla = programmeInstruments(programme).get('ucla3')!;
  for (const [n, codes] of [
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [3, 3, 3],
  ].entries()) {
    const made = await store.clients.create({
      programmeId: programme.id,
      name: `Earlier client ${n}`,
      phone: `+4477009006${String(n).padStart(2, '0')}`,
      timezone: 'Europe/London',
      linkWorkerId: 'priya',
      channel: 'sms',
      createdAt: '2026-11-02T09:00:00.000Z',
    });
    if (!made.ok) throw new Error(made.reason);
    const at = '2026-11-02T10:00:00.000Z';
    const checkInId = `earlier-${n}`;
    await store.clients.startCheckIn({
      id: checkInId,
      clientId: made.client.id,
      channel: 'sms',
      instrumentIds: programme.waves[0]!.instruments,
      status: 'open',
      startedAt: at,
      kind: 'wave',
      occurrenceKey: `${made.client.id}|wave|baseline|2026-11-02T10:00`,
    });
    for (const [i, item] of ucla.items.entries()) {
      const value = codes[i]!;
      await store.clients.recordResponse(made.client.id, {
        checkInId,
        instrumentId: 'ucla3',
        instrumentVersion: ucla.version,
        itemId: item.id,
        value,
        optionId: UCLA_OPTIONS[value - 1]!,
        status: 'answered',
        raw: String(value),
        channel: 'sms',
        answeredAt: at,
      });
    }
    const scored = scoreInstrument(
      ucla,
      ucla.items.map((item, i) => ({ itemId: item.id, value: codes[i]! })),
    )!;
    await store.clients.endCheckIn(made.client.id, checkInId, { status: 'completed', endedAt: at }, [
      { checkInId, instrumentId: 'ucla3', instrumentVersion: ucla.version, score: scored.score, complete: scored.complete, computedAt: at },
    ]);
  }
}

/** Answer every question of the check-in just started ("2" fits every item: UCLA-3's "Some of the time"), then nothing to add. */
export async function answerAll(conversation: SmsConversation, started: string[]): Promise<void> {
  let last = started;
  for (let n = 0; !last.some((m) => /check-in done/.test(m)); n += 1) {
    if (n >= 30) throw new Error(`stuck at: ${last.join(' / ')}`);
    last = await conversation.say(last.some((m) => /anything you'd like/i.test(m)) ? 'no' : '2');
  }
}

/** What the page shows for a wave's "Clients asked". */
export function askedIn(page: string, waveId: string): string | undefined {
  const start = page.indexOf(` id="wave-${waveId}">`);
  return /Clients asked<\/dt><dd>([^<]*)</.exec(page.slice(start))?.[1];
}

/** The cells of a wave table's row for an instrument after its name: measure, answering, n, median (IQR), … */
export function instrumentRow(page: string, waveId: string, instrumentTitle: string): string[] {
  const start = page.indexOf(` id="wave-${waveId}">`);
  const wave = page.slice(start, page.indexOf('</section>', start));
  const rows = [...wave.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  );
  return rows.find((cells) => cells[0]!.startsWith(instrumentTitle))?.slice(1) ?? [];
}
