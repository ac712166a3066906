import type { Instrument } from '../../../dialogs/instruments/instrumentSchema.js';
import { factsOfHistory, type OutcomeFacts, type WaveFacts } from '../../../storage/outcomeFacts.js';
import type { ClientHistoryRepository, OutcomeTally } from '../../../storage/ports.js';
import type { ClientHistory, ClientRecord } from '../../../storage/records.js';
import { programmeInstruments, type Programme } from '../../config/programmeSchema.js';
import { AttendanceTally, type AttendanceSummary } from './attendanceSummary.js';
import { ascending, median, quantile } from './statistics.js';
import { NOTHING, SUPPRESSED, isSmall, reportNested, reportStatistic, type Reported } from './suppression.js';

/** The headline of the ONS direct loneliness question: the share answering "often/always". */
export const OFTEN_ALWAYS = { instrumentId: 'ons-loneliness', itemId: 'lonely', optionId: 'often_always' } as const;

/** Programme outcomes, wave by wave, with small numbers suppressed (see waveSummary). */
export interface OutcomeSummary {
  programmeId: string;
  /** The wave changes are measured from. */
  baselineWaveId: string | null;
  waves: WaveOutcome[];
  attendance: AttendanceSummary;
}

export interface WaveOutcome {
  waveId: string;
  /** Clients who were sent this wave's check-in (however it ended). */
  asked: Reported;
  /** The wave's instruments in the programme's order, then any others its check-ins asked (by id). */
  instruments: InstrumentOutcome[];
}

export interface InstrumentOutcome {
  instrumentId: string;
  /** Versions of the instrument answered in this wave. */
  versions: string[];
  /** Clients who answered at least one of its items. */
  answered: Reported;
  /** `score` for an instrument with a total; otherwise one per item (ONS4's four, the number of groups' `count`). */
  measures: MeasureOutcome[];
  /** ONS loneliness only: clients answering "often/always", and their share of those who answered. */
  oftenAlways?: { count: Reported; share: Reported } | undefined;
}

export interface MeasureOutcome {
  /** `score`, or the item's id. */
  measure: string;
  /** Clients with a value: a complete score, or an answer to the item. */
  n: Reported;
  median: Reported;
  q1: Reported;
  q3: Reported;
  /** Change from the baseline wave among clients with a value in both (wave minus baseline); null in the baseline wave. */
  change: { n: Reported; median: Reported } | null;
}

interface MeasureTally {
  values: number[];
  changes: number[];
}

interface InstrumentTally {
  answered: number;
  versions: Set<string>;
  measures: Map<string, MeasureTally>;
  oftenAlways: number;
}

/** What one client gave for one instrument in one wave. */
interface ClientInstrument {
  answered: boolean;
  versions: Set<string>;
  values: Map<string, number>;
  oftenAlways: boolean;
}

/**
 * Programme outcomes built client by client from each one's facts (storage/outcomeFacts.ts): only
 * the numbers the statistics need are kept (a value per client, wave and measure).
 */
export class OutcomeSummaryBuilder {
  private readonly library: ReadonlyMap<string, Instrument>;
  private readonly baselineWaveId: string | null;
  private readonly waves = new Map<string, { asked: number; instruments: Map<string, InstrumentTally> }>();
  private readonly attendance = new AttendanceTally();
  private readonly seen = new Set<string>();

  /** `baselineWaveId`: default the wave at enrolment, else the programme's first. */
  constructor(
    private readonly programme: Programme,
    options: { baselineWaveId?: string } = {},
  ) {
    this.library = programmeInstruments(programme);
    this.baselineWaveId = options.baselineWaveId ?? (programme.waves.find((w) => w.at === 'enrolment') ?? programme.waves[0])?.id ?? null;
    for (const wave of programme.waves) this.waves.set(wave.id, { asked: 0, instruments: new Map() });
  }

  /** Add one client from their history; a client of another programme, or one added before, is left out. */
  add(client: Pick<ClientRecord, 'id' | 'programmeId'>, history: Pick<ClientHistory, 'checkIns' | 'responses' | 'scores' | 'attendance'>): void {
    if (client.programmeId !== this.programme.id || this.seen.has(client.id)) return;
    this.addFacts(client.id, factsOfHistory(history));
  }

  /** Add one client of the programme from their facts (OutcomeTally); a client added before is left out. */
  addFacts(clientId: string, facts: Readonly<OutcomeFacts>): void {
    if (this.seen.has(clientId)) return;
    this.seen.add(clientId);
    const given = new Map<string, Map<string, ClientInstrument>>();
    for (const [waveId, wave] of Object.entries(facts.waves)) if (this.waves.has(waveId)) given.set(waveId, this.clientWave(wave));
    const baseline = this.baselineWaveId === null ? undefined : given.get(this.baselineWaveId);
    for (const [waveId, instruments] of given) {
      const wave = this.waves.get(waveId)!;
      wave.asked += 1;
      for (const [instrumentId, mine] of instruments) {
        const tally = wave.instruments.get(instrumentId) ?? { answered: 0, versions: new Set(), measures: new Map(), oftenAlways: 0 };
        wave.instruments.set(instrumentId, tally);
        if (mine.answered) tally.answered += 1;
        if (mine.oftenAlways) tally.oftenAlways += 1;
        for (const version of mine.versions) tally.versions.add(version);
        for (const [measure, value] of mine.values) {
          const m = tally.measures.get(measure) ?? { values: [], changes: [] };
          tally.measures.set(measure, m);
          m.values.push(value);
          const before = waveId === this.baselineWaveId ? undefined : baseline?.get(instrumentId)?.values.get(measure);
          if (before !== undefined) m.changes.push(value - before);
        }
      }
    }
    if (facts.attendance) this.attendance.add(facts.attendance);
  }

  /** The summary of every client added so far, suppressed (see waveSummary). */
  summary(): OutcomeSummary {
    const baselineCounts = new Map<string, Reported[]>();
    const order = this.programme.waves.filter((w) => w.id === this.baselineWaveId).concat(this.programme.waves.filter((w) => w.id !== this.baselineWaveId));
    const outcomes = new Map(
      order.map((wave) => {
        const outcome = this.waveOutcome(wave, baselineCounts);
        if (wave.id === this.baselineWaveId) {
          for (const i of outcome.instruments)
            for (const m of i.measures) baselineCounts.set(`${i.instrumentId}|${m.measure}`, [outcome.asked, i.answered, m.n]);
        }
        return [wave.id, outcome] as const;
      }),
    );
    return {
      programmeId: this.programme.id,
      baselineWaveId: this.baselineWaveId,
      waves: this.programme.waves.map((w) => outcomes.get(w.id)!),
      attendance: this.attendance.summary(),
    };
  }

  /** `baselineCounts`: by instrument and measure, the baseline's published counts of the clients a paired change is a subset of. */
  private waveOutcome(wave: Programme['waves'][number], baselineCounts: ReadonlyMap<string, Reported[]>): WaveOutcome {
    const tallies = this.waves.get(wave.id)!;
    const asked = reportNested(tallies.asked, []);
    const others = [...tallies.instruments.keys()].filter((id) => !wave.instruments.includes(id)).sort();
    const instruments = [...wave.instruments, ...others].map((instrumentId): InstrumentOutcome => {
      const tally = tallies.instruments.get(instrumentId) ?? { answered: 0, versions: new Set<string>(), measures: new Map(), oftenAlways: 0 };
      const answered = reportNested(tally.answered, [asked]);
      const measures = this.measuresOf(instrumentId).map((measure): MeasureOutcome => {
        const { values, changes } = tally.measures.get(measure) ?? { values: [], changes: [] };
        const sorted = ascending(values);
        const n = reportNested(values.length, [asked, answered]);
        const base = baselineCounts.get(`${instrumentId}|${measure}`) ?? [];
        return {
          measure,
          n,
          median: reportStatistic(median(sorted), values.length),
          q1: reportStatistic(quantile(sorted, 0.25), values.length),
          q3: reportStatistic(quantile(sorted, 0.75), values.length),
          change:
            wave.id === this.baselineWaveId
              ? null
              : { n: reportNested(changes.length, [asked, answered, n, ...base]), median: reportStatistic(median(ascending(changes)), changes.length) },
        };
      });
      const outcome: InstrumentOutcome = { instrumentId, versions: [...tally.versions].sort(), answered, measures };
      if (instrumentId === OFTEN_ALWAYS.instrumentId) {
        const lonely = tally.measures.get(OFTEN_ALWAYS.itemId)?.values.length ?? 0;
        const lonelyN = measures.find((m) => m.measure === OFTEN_ALWAYS.itemId)?.n ?? NOTHING;
        // A count of those answering that were few is suppressed with them, even when it is 0 ("none
        // of the four who answered was often lonely" says something about each of the four).
        const count = isSmall(lonely) ? SUPPRESSED : reportNested(tally.oftenAlways, [asked, answered, lonelyN]);
        // The share and the count together give how many answered: both must be publishable.
        const share = count.suppressed || lonelyN.suppressed ? SUPPRESSED : lonely === 0 ? NOTHING : reportStatistic(tally.oftenAlways / lonely, lonely);
        outcome.oftenAlways = { count, share };
      }
      return outcome;
    });
    return { waveId: wave.id, asked, instruments };
  }

  /** `score` for an instrument with a total, else its items; none for an instrument the programme does not know. */
  private measuresOf(instrumentId: string): string[] {
    const instrument = this.library.get(instrumentId);
    if (!instrument) return [];
    return instrument.scoring.method === 'none' ? instrument.items.map((i) => i.id) : ['score'];
  }

  /** One client's values in one wave, by instrument: the latest answer to each item, the latest complete score. */
  private clientWave(wave: Readonly<WaveFacts>): Map<string, ClientInstrument> {
    const byInstrument = new Map<string, ClientInstrument>();
    for (const [instrumentId, given] of Object.entries(wave.instruments)) {
      const found: ClientInstrument = { answered: given.answered, versions: new Set(given.versions), values: new Map(), oftenAlways: false };
      byInstrument.set(instrumentId, found);
      const instrument = this.library.get(instrumentId);
      if (!instrument) continue;
      if (instrument.scoring.method !== 'none') {
        const score = wave.scores[instrumentId];
        if (score) found.values.set('score', score[0]);
        continue;
      }
      for (const item of instrument.items) {
        const answer = given.items[item.id];
        if (answer) found.values.set(item.id, answer[0]);
      }
      if (instrumentId === OFTEN_ALWAYS.instrumentId) found.oftenAlways = given.items[OFTEN_ALWAYS.itemId]?.[1] === OFTEN_ALWAYS.optionId;
    }
    return byInstrument;
  }
}

/**
 * Programme outcomes for each wave: clients asked and answering each instrument, median and
 * quartiles (complete scores only, or item answers for instruments without a total), the paired
 * median change from baseline, the share "often/always" lonely; and group attendance and barriers
 * over the programme. Anything from 1–4 clients is suppressed, and so is any count that would give
 * such a number by subtraction from a published one (see suppression.ts).
 */
export function waveSummary(
  programme: Programme,
  clients: Iterable<Pick<ClientRecord, 'id' | 'programmeId'>>,
  histories: Iterable<ClientHistory>,
  options: { baselineWaveId?: string } = {},
): OutcomeSummary {
  const tally = new OutcomeSummaryBuilder(programme, options);
  const byId = new Map([...clients].map((c) => [c.id, c]));
  for (const history of histories) {
    const client = byId.get(history.clientId);
    if (client) tally.add(client, history);
  }
  return tally.summary();
}

/** waveSummary for a programme of any size: each client's history is read in turn and let go. */
export async function readWaveSummary(
  programme: Programme,
  clients: Iterable<Pick<ClientRecord, 'id' | 'programmeId'>> | AsyncIterable<Pick<ClientRecord, 'id' | 'programmeId'>>,
  history: Pick<ClientHistoryRepository, 'history'>,
  options: { baselineWaveId?: string } = {},
): Promise<OutcomeSummary> {
  const tally = new OutcomeSummaryBuilder(programme, options);
  for await (const client of clients) {
    if (client.programmeId === programme.id) tally.add(client, await history.history(client.id));
  }
  return tally.summary();
}

/**
 * waveSummary from the facts the store keeps up to date as answers are written (OutcomeTally): no
 * history is read, so it takes milliseconds however long the histories, and every instance gives the same.
 */
export async function tallySummary(
  programme: Programme,
  tally: Pick<OutcomeTally, 'forProgramme'>,
  options: { baselineWaveId?: string } = {},
): Promise<OutcomeSummary> {
  const builder = new OutcomeSummaryBuilder(programme, options);
  for await (const { clientId, facts } of tally.forProgramme(programme.id)) builder.addFacts(clientId, facts);
  return builder.summary();
}
