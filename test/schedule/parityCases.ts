import { DateTime, IANAZone } from 'luxon';
import { parseProgramme, type Programme } from '../../bot/config/programmeSchema.js';
import type { Weekday } from '../../bot/config/scheduleSchema.js';
import type { ClientScheduleState, Ledger } from '../../bot/schedule/planDue.js';

// Clients, programmes and instants on which the fast planner is compared with the luxon one:
// zones with and without daylight saving, half- and three-quarter-hour offsets, and local times
// inside the hours that are skipped or repeated.

export const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Santiago',
  'Asia/Beirut',
];
/** 01:30 and 02:30 fall in the skipped or repeated hour in London, New York, Sydney and St John's; 02:45 to 03:45 in Chatham. */
export const TIMES = ['10:00', '01:30', '02:30', '02:00', '03:00', '00:00', '00:30', '23:30', '02:45', '03:15', '03:30'];
const DAYS: Array<Weekday | undefined> = [undefined, 'sunday', 'saturday', 'monday', 'friday'];
export const CADENCES = ['weekly', 'fortnightly', 'monthly', { weekdays: ['monday', 'wednesday', 'sunday'] }] as const;
export const SPAN = { from: DateTime.fromISO('2025-10-01T00:00:00Z'), to: DateTime.fromISO('2027-12-31T00:00:00Z') };

/** A deterministic stream of numbers in [0, 1). */
export function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A programme of two years of check-ins with the given cadence, two reminders, extra waves and long follow-ups. */
export function parityProgramme(cadence: (typeof CADENCES)[number], quietHours = { start: '21:00', end: '09:00' }): Programme {
  return parseProgramme(
    {
      id: 'parity',
      name: 'Parity',
      timezone: 'Europe/London',
      linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
      lengthWeeks: 100,
      quietHours,
      weeklyCap: 2,
      checkIn: {
        instruments: ['ucla3'],
        cadence: typeof cadence === 'object' ? { weekdays: [...cadence.weekdays] } : cadence,
        day: 'sunday',
        time: '01:30',
        windowHours: 36,
        reminders: [{ afterHours: 24 }, { afterHours: 30 }],
      },
      waves: [
        { id: 'baseline', at: 'enrolment', instruments: ['ucla3'] },
        { id: 'week-3', at: { weeks: 3 }, instruments: ['ucla3'], windowHours: 48 },
        { id: 'month-5', at: { months: 5 }, instruments: ['ucla3'] },
        { id: 'programme-end', at: 'programmeEnd', instruments: ['ucla3'] },
      ],
      ending: { noticeWeeksBefore: [4, 2], goodbye: true, followUpUntilMonths: 30 },
    },
    'parity',
  );
}

const knownChanges = new Map<string, number[]>();

/** The instants in [from, to) at which a zone's offset changes. */
export function transitions(zoneName: string, from: DateTime, to: DateTime): number[] {
  const key = `${zoneName} ${from.toMillis()} ${to.toMillis()}`;
  if (!knownChanges.has(key)) knownChanges.set(key, findTransitions(zoneName, from, to));
  return knownChanges.get(key)!;
}

function findTransitions(zoneName: string, from: DateTime, to: DateTime): number[] {
  const zone = IANAZone.create(zoneName);
  const found: number[] = [];
  for (let t = from.toMillis(); t < to.toMillis(); t += 6 * 3_600_000) {
    if (zone.offset(t) === zone.offset(t + 6 * 3_600_000)) continue;
    let lo = t;
    let hi = t + 6 * 3_600_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zone.offset(mid) === zone.offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

/** Clients in every zone and cadence, at tricky times and days, enrolled at random or right beside a clock change. */
export function parityClients(zone: string, count: number, random: () => number): ClientScheduleState[] {
  const changes = transitions(zone, DateTime.fromISO('2025-09-01T00:00:00Z'), DateTime.fromISO('2026-12-01T00:00:00Z'));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, n) => {
    const near = changes.length > 0 && random() < 0.4;
    const ms = near
      ? pick(changes) + pick([-90, -60, -30, 0, 15, 30, 60, 90]) * 60_000
      : DateTime.fromISO('2025-09-01T00:00:00Z').toMillis() + Math.floor(random() * 365 * 96) * 15 * 60_000;
    const enrolled = DateTime.fromMillis(ms, { zone });
    // Stored clients hold UTC; a set start date is written with the zone's offset; a bare local time and a date are read in the zone.
    const enrolledAt = pick([enrolled.toUTC().toISO()!, enrolled.toISO()!, enrolled.toFormat("yyyy-LL-dd'T'HH:mm:ss"), enrolled.toISODate()!]);
    const consented = random() < 0.85;
    return {
      id: `c${n}`,
      timezone: zone,
      enrolledAt,
      preferredDay: pick(DAYS),
      preferredTime: random() < 0.8 ? pick(TIMES) : undefined,
      consentedAt: consented ? enrolledAt : undefined,
      pausedUntil:
        random() < 0.2
          ? DateTime.fromMillis(ms)
              .plus({ days: 20 + Math.floor(random() * 300) })
              .toUTC()
              .toISO()!
          : undefined,
      optedOutAt: random() < 0.1 ? DateTime.fromMillis(ms).plus({ days: 100 }).toUTC().toISO()! : undefined,
    };
  });
}

/** A ledger that holds some of the given keys, chosen by a hash of each, the same for both planners. */
export function parityLedger(keys: readonly string[]): Ledger {
  const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
  const sent = new Set(keys.filter((k) => hash(k) % 3 === 0));
  const skipped = new Set(keys.filter((k) => hash(k) % 7 === 0));
  const answered = new Set(keys.filter((k) => k.includes('|routine|') && hash(k) % 2 === 0));
  return { sent, skipped, answered, sentInWeek: (week) => hash(week) % 3 };
}
