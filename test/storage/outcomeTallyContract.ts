import { expect } from 'chai';
import { factsOfHistory, hasFacts, type OutcomeFacts } from '../../storage/outcomeFacts.js';
import type { ClientHistoryRepository, ClientRepository, OutcomeTally } from '../../storage/ports.js';
import type { AttendanceRecord, CheckInRecord, ItemResponseRecord, ScoreRecord } from '../../storage/records.js';
import { newClient } from './clientStoreContract.js';

type Clients = ClientRepository & ClientHistoryRepository;

/** One opening of a store: its clients (which write the tally) and the tally. */
export interface TallyStore {
  clients: Clients;
  tally: OutcomeTally;
}

export interface OutcomeTallyUnderTest extends TallyStore {
  reopen: () => Promise<TallyStore>;
  /** Another writer on the same store at the same time: another instance (PostgreSQL), or this one (lowdb: one process). */
  other: () => Promise<TallyStore>;
  cleanup?: () => Promise<void>;
}

const PROGRAMME = 'walking-group';

/** Every client's facts the tally hands out for a programme, in client id order. */
export async function readAll(
  tally: Pick<OutcomeTally, 'forProgramme'>,
  programmeId: string,
): Promise<Array<{ clientId: string; facts: Readonly<OutcomeFacts> }>> {
  const all: Array<{ clientId: string; facts: Readonly<OutcomeFacts> }> = [];
  for await (const entry of tally.forProgramme(programmeId)) all.push(entry);
  return all.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
}

export const waveCheckIn = (clientId: string, waveId: string, startedAt: string, instrumentIds = ['ucla3', 'ons4']): CheckInRecord => ({
  id: `${clientId}-${waveId}-${startedAt}`,
  clientId,
  channel: 'sms',
  instrumentIds,
  status: 'open',
  startedAt,
  kind: 'wave',
  occurrenceKey: `${clientId}|wave|${waveId}|${startedAt.slice(0, 16)}`,
});

const routineCheckIn = (clientId: string, startedAt: string): CheckInRecord => ({
  id: `${clientId}-routine-${startedAt}`,
  clientId,
  channel: 'sms',
  instrumentIds: ['ons4'],
  status: 'open',
  startedAt,
  kind: 'routine',
  occurrenceKey: `${clientId}|routine|check-in|${startedAt.slice(0, 16)}`,
});

export const answer = (
  checkIn: CheckInRecord,
  instrumentId: string,
  itemId: string,
  value: number | null,
  answeredAt: string,
  extra: Partial<ItemResponseRecord> = {},
): ItemResponseRecord => ({
  checkInId: checkIn.id,
  instrumentId,
  instrumentVersion: '1',
  itemId,
  value,
  optionId: value === null ? null : `option-${value}`,
  status: value === null ? 'skipped' : 'answered',
  raw: value === null ? 'skip' : String(value),
  channel: 'sms',
  answeredAt,
  ...extra,
});

const score = (checkIn: CheckInRecord, instrumentId: string, value: number | null, computedAt: string, complete = value !== null): ScoreRecord => ({
  checkInId: checkIn.id,
  instrumentId,
  instrumentVersion: '1',
  score: value,
  complete,
  computedAt,
});

const session = (day: string, attendance: AttendanceRecord['attendance'], barriers: string[] = []) => {
  const key = { sessionKey: `walk|${day}T10:00`, groupId: 'walk', sessionStart: `${day}T10:00:00.000Z` };
  return { key, record: (): AttendanceRecord => ({ ...key, attendance, barriers, channel: 'sms', updatedAt: `${day}T18:00:00.000Z` }) };
};

/** A small deterministic random source, so a failing mix of writes can be run again. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The outcome tally, the contract every backend passes: the facts read back are those of the records
 * written (worked out from the history the same way), at once and after a restart; a check-in ended
 * twice, started again or a turn replayed counts once; an erased client is gone; the programme is the
 * one the client's record names now; and, with two instances, writes at the same moment lose nothing.
 */
export function outcomeTallyContract(name: string, make: () => Promise<OutcomeTallyUnderTest>): void {
  describe(name, function () {
    this.timeout(30_000);
    let subject: OutcomeTallyUnderTest;
    let clients: Clients;
    let tally: OutcomeTally;
    beforeEach(async () => {
      subject = await make();
      ({ clients, tally } = subject);
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    async function enrol(phone: string, programmeId = PROGRAMME): Promise<string> {
      const made = await clients.create({ ...newClient(phone), programmeId });
      if (!made.ok) throw new Error(made.reason);
      return made.client.id;
    }

    async function factsOf(clientId: string, of: OutcomeTally = tally, programmeId = PROGRAMME): Promise<OutcomeFacts | undefined> {
      return (await readAll(of, programmeId)).find((f) => f.clientId === clientId)?.facts;
    }

    /** The facts as worked out from the client's whole history: what the tally must hold. */
    async function fromHistory(clientId: string, store: Clients = clients): Promise<OutcomeFacts | undefined> {
      const facts = factsOfHistory(await store.history(clientId));
      return hasFacts(facts) ? facts : undefined;
    }

    it('reads back a wave check-in as it is written: asked once started, then its answers and scores, and after a restart', async () => {
      const ada = await enrol('+447700900001');
      const baseline = waveCheckIn(ada, 'baseline', '2024-03-04T10:00:00.000Z');
      expect(await factsOf(ada), 'nothing before').to.equal(undefined);

      await clients.startCheckIn(baseline);
      expect(await factsOf(ada)).to.deep.equal({
        waves: {
          baseline: {
            instruments: { ucla3: { versions: [], answered: false, items: {} }, ons4: { versions: [], answered: false, items: {} } },
            scores: {},
          },
        },
      });

      await clients.recordResponse(ada, answer(baseline, 'ucla3', 'left_out', 2, '2024-03-04T10:01:00.000Z'));
      await clients.recordResponse(ada, answer(baseline, 'ons4', 'happiness', null, '2024-03-04T10:02:00.000Z'));
      await clients.endCheckIn(ada, baseline.id, { status: 'completed', endedAt: '2024-03-04T10:03:00.000Z' }, [
        score(baseline, 'ucla3', 6, '2024-03-04T10:03:00.000Z'),
        score(baseline, 'ons4', null, '2024-03-04T10:03:00.000Z'),
      ]);
      const expected = {
        waves: {
          baseline: {
            instruments: {
              ucla3: { versions: ['1'], answered: true, items: { left_out: [2, 'option-2', '2024-03-04T10:01:00.000Z'] } },
              ons4: { versions: ['1'], answered: false, items: {} },
            },
            scores: { ucla3: [6, '2024-03-04T10:03:00.000Z'] },
          },
        },
      };
      expect(await factsOf(ada)).to.deep.equal(expected);
      expect(await factsOf(ada)).to.deep.equal(await fromHistory(ada));

      const reopened = await subject.reopen();
      expect(await factsOf(ada, reopened.tally)).to.deep.equal(expected);
    });

    it('counts a check-in ended twice, started again, or an answer of a replayed turn once', async () => {
      const [once, twice] = [await enrol('+447700900001'), await enrol('+447700900002')];
      for (const clientId of [once, twice]) {
        const c = waveCheckIn(clientId, 'week-8', '2024-04-29T10:00:00.000Z');
        const times = clientId === twice ? 2 : 1;
        for (let n = 0; n < times; n += 1) await clients.startCheckIn(c);
        for (let n = 0; n < times; n += 1)
          await clients.recordResponse(clientId, answer(c, 'ucla3', 'isolated', 3, '2024-04-29T10:01:00.000Z', { effectKey: `${clientId}|sid-1|0` }));
        for (let n = 0; n < times; n += 1) {
          await clients.endCheckIn(clientId, c.id, { status: 'completed', endedAt: '2024-04-29T10:05:00.000Z' }, [
            score(c, 'ucla3', 7, '2024-04-29T10:05:00.000Z'),
          ]);
        }
      }
      expect(await factsOf(twice)).to.deep.equal(await factsOf(once));
      expect((await clients.history(twice)).responses).to.have.length(1);
    });

    it('keeps the latest answer to each item and the latest complete score, a late answer included', async () => {
      const ada = await enrol('+447700900001');
      const c = waveCheckIn(ada, 'baseline', '2024-03-04T10:00:00.000Z');
      await clients.startCheckIn(c);
      await clients.recordResponse(ada, answer(c, 'ons4', 'happiness', 4, '2024-03-04T10:05:00.000Z'));
      // Written later, given earlier (a retried text): the one given later stays.
      await clients.recordResponse(ada, answer(c, 'ons4', 'happiness', 9, '2024-03-04T10:01:00.000Z'));
      await clients.endCheckIn(
        ada,
        c.id,
        { status: 'missed', endedAt: '2024-03-11T10:00:00.000Z', waitingFor: { instrumentId: 'ucla3', itemId: 'left_out' } },
        [score(c, 'ucla3', 5, '2024-03-11T10:00:00.000Z')],
      );
      await clients.recordResponse(ada, answer(c, 'ucla3', 'left_out', 3, '2024-03-12T08:00:00.000Z', { late: true }));
      await clients.endCheckIn(ada, c.id, { status: 'missed', endedAt: '2024-03-11T10:00:00.000Z' }, [
        score(c, 'ucla3', 6, '2024-03-12T08:00:00.000Z'),
        score(c, 'ucla3', null, '2024-03-12T08:00:01.000Z', false),
      ]);
      const facts = (await factsOf(ada))!;
      expect(facts.waves.baseline!.instruments.ons4!.items.happiness![0]).to.equal(4);
      expect(facts.waves.baseline!.instruments.ucla3!.items.left_out![0]).to.equal(3);
      expect(facts.waves.baseline!.scores.ucla3).to.deep.equal([6, '2024-03-12T08:00:00.000Z']);
      expect(facts).to.deep.equal(await fromHistory(ada));
    });

    it('leaves routine check-ins out, and counts group sessions by what happened and by barrier as their records change', async () => {
      const ada = await enrol('+447700900001');
      const routine = routineCheckIn(ada, '2024-03-11T10:00:00.000Z');
      await clients.startCheckIn(routine);
      await clients.recordResponse(ada, answer(routine, 'ons4', 'happiness', 7, '2024-03-11T10:01:00.000Z'));
      await clients.endCheckIn(ada, routine.id, { status: 'completed', endedAt: '2024-03-11T10:02:00.000Z' }, []);
      expect(await factsOf(ada), 'a routine check-in is no wave').to.equal(undefined);

      const first = session('2024-03-13', 'unknown');
      const second = session('2024-03-20', 'didnt', ['transport', 'cost', 'transport']);
      await clients.recordAttendance(ada, first.key, first.record);
      await clients.recordAttendance(ada, second.key, second.record);
      expect((await factsOf(ada))!.attendance).to.deep.equal({ went: 0, didnt: 1, unknown: 1, barriers: { cost: 1, transport: 1 } });
      // The client said later: they went to the first after all; the second was only about cost.
      await clients.recordAttendance(ada, first.key, (current) => ({ ...current!, attendance: 'went' }));
      await clients.recordAttendance(ada, second.key, (current) => ({ ...current!, barriers: ['cost'], barrierText: 'the bus fare' }));
      expect((await factsOf(ada))!.attendance).to.deep.equal({ went: 1, didnt: 1, unknown: 0, barriers: { cost: 1 } });
      expect(await factsOf(ada)).to.deep.equal(await fromHistory(ada));
    });

    it('counts a client in the programme their record names now, and forgets them once erased', async () => {
      const [ada, bea] = [await enrol('+447700900001'), await enrol('+447700900002')];
      for (const clientId of [ada, bea]) await clients.startCheckIn(waveCheckIn(clientId, 'baseline', '2024-03-04T10:00:00.000Z'));
      expect((await readAll(tally, PROGRAMME)).map((f) => f.clientId).sort()).to.deep.equal([ada, bea].sort());
      expect(await readAll(tally, 'another')).to.deep.equal([]);

      await clients.update(bea, (c) => ({ ...c, programmeId: 'another' }));
      expect((await readAll(tally, PROGRAMME)).map((f) => f.clientId)).to.deep.equal([ada]);
      expect((await readAll(tally, 'another')).map((f) => f.clientId)).to.deep.equal([bea]);

      expect(await clients.erase(ada)).to.equal(true);
      expect(await readAll(tally, PROGRAMME)).to.deep.equal([]);
      const reopened = await subject.reopen();
      expect(await readAll(reopened.tally, PROGRAMME)).to.deep.equal([]);
      expect((await readAll(reopened.tally, 'another')).map((f) => f.clientId)).to.deep.equal([bea]);
    });

    it('holds, after any mix of writes, exactly the facts worked out from each history', async () => {
      const random = mulberry32(19);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const ids = [await enrol('+447700900001'), await enrol('+447700900002'), await enrol('+447700900003')];
      const started: CheckInRecord[] = [];
      const sessions: Array<{ clientId: string; day: string }> = [];
      const items = [
        ['ucla3', 'left_out'],
        ['ucla3', 'isolated'],
        ['ons4', 'happiness'],
        ['ons-loneliness', 'lonely'],
      ] as const;
      // Distinct times, not in the order written: every "latest" has one answer.
      const at = (n: number) => new Date(Date.UTC(2024, 2, 1) + Math.floor(random() * 300) * 86_400_000 + n).toISOString();
      for (let n = 0; n < 160; n += 1) {
        const clientId = pick(ids);
        const mine = started.filter((c) => c.clientId === clientId);
        const roll = random();
        if (roll < 0.15 || mine.length === 0) {
          const c =
            random() < 0.7 ? waveCheckIn(clientId, pick(['baseline', 'week-8', 'month-18']), at(n), ['ucla3', 'ons4']) : routineCheckIn(clientId, at(n));
          started.push(c);
          await clients.startCheckIn(c);
        } else if (roll < 0.6) {
          const c = pick(mine);
          const [instrumentId, itemId] = pick(items);
          const value = random() < 0.2 ? null : Math.floor(random() * 5);
          const effectKey = random() < 0.3 ? `${clientId}|replayed|${n % 7}` : undefined;
          await clients.recordResponse(
            clientId,
            answer(c, instrumentId, itemId, value, at(n), { ...(effectKey ? { effectKey } : {}), instrumentVersion: pick(['1', '1', '2']) }),
          );
        } else if (roll < 0.8) {
          const c = pick(mine);
          const value = random() < 0.3 ? null : 3 + Math.floor(random() * 7);
          await clients.endCheckIn(clientId, c.id, { status: 'completed', endedAt: at(n) }, [
            score(c, pick(['ucla3', 'ons4']), value, at(n), value !== null && random() < 0.8),
          ]);
        } else {
          const known = sessions.filter((s) => s.clientId === clientId);
          const day = known.length > 0 && random() < 0.5 ? pick(known).day : at(n).slice(0, 10);
          if (!known.some((s) => s.day === day)) sessions.push({ clientId, day });
          const barriers = random() < 0.5 ? [] : [pick(['transport', 'cost', 'caring']), pick(['transport', 'cost'])];
          const s = session(day, pick(['went', 'didnt', 'unknown'] as const), barriers);
          await clients.recordAttendance(clientId, s.key, s.record);
        }
      }
      for (const clientId of ids) expect(await factsOf(clientId), clientId).to.deep.equal(await fromHistory(clientId));
      const reopened = await subject.reopen();
      for (const clientId of ids) expect(await factsOf(clientId, reopened.tally), `${clientId} after a restart`).to.deep.equal(await fromHistory(clientId));
    });

    it('loses nothing when two writers (instances, or turns in one) write for the same client at the same moment', async () => {
      const second = await subject.other();
      const ada = await enrol('+447700900001');
      const c = waveCheckIn(ada, 'baseline', '2024-03-04T10:00:00.000Z');
      await clients.startCheckIn(c);
      const writes: Array<Promise<unknown>> = [];
      for (let n = 0; n < 20; n += 1) {
        const store = n % 2 === 0 ? clients : second.clients;
        writes.push(store.recordResponse(ada, answer(c, 'ons4', `item-${n}`, n % 11, `2024-03-04T10:${String(n).padStart(2, '0')}:00.000Z`)));
        const s = session(`2024-03-${String(n + 5).padStart(2, '0')}`, n % 3 === 0 ? 'went' : 'didnt', n % 2 === 0 ? ['transport'] : []);
        writes.push(store.recordAttendance(ada, s.key, s.record));
      }
      writes.push(
        second.clients.endCheckIn(ada, c.id, { status: 'completed', endedAt: '2024-03-04T11:00:00.000Z' }, [score(c, 'ucla3', 8, '2024-03-04T11:00:00.000Z')]),
      );
      await Promise.all(writes);
      const facts = (await factsOf(ada, second.tally))!;
      expect(Object.keys(facts.waves.baseline!.instruments.ons4!.items)).to.have.length(20);
      expect(facts.attendance).to.deep.equal({ went: 7, didnt: 13, unknown: 0, barriers: { transport: 10 } });
      expect(facts.waves.baseline!.scores.ucla3![0]).to.equal(8);
      expect(facts).to.deep.equal(await fromHistory(ada));
    });
  });
}
