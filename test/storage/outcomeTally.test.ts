import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { factsOfHistory } from '../../storage/outcomeFacts.js';
import { LowdbClientStore } from '../../storage/lowdb/lowdbClientStore.js';
import { newClient } from './clientStoreContract.js';
import { answer, outcomeTallyContract, readAll, waveCheckIn } from './outcomeTallyContract.js';

outcomeTallyContract('The outcome tally on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-tally-'));
  const open = async () => {
    const clients = await LowdbClientStore.open(dir);
    return { clients, tally: clients.outcomes };
  };
  const first = await open();
  // One process holds a lowdb folder: the other writer at the same moment is another turn in it.
  return { ...first, reopen: open, other: async () => first, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('LowdbOutcomeTally', () => {
  let dir: string;
  let clients: LowdbClientStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-tally-'));
    clients = await LowdbClientStore.open(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function answered(phone: string): Promise<string> {
    const made = await clients.create(newClient(phone));
    if (!made.ok) throw new Error(made.reason);
    const c = waveCheckIn(made.client.id, 'baseline', '2024-03-04T10:00:00.000Z');
    await clients.startCheckIn(c);
    await clients.recordResponse(made.client.id, answer(c, 'ucla3', 'left_out', 2, '2024-03-04T10:01:00.000Z'));
    return made.client.id;
  }

  it('works out a folder from before the tally on first need, not while opening, and only once', async () => {
    const ids = [await answered('+447700900001'), await answered('+447700900002')];
    rmSync(join(dir, 'outcomes'), { recursive: true, force: true });

    const reopened = await LowdbClientStore.open(dir);
    expect(existsSync(join(dir, 'outcomes', 'meta.json')), 'nothing read or written while opening').to.equal(false);
    const facts = await readAll(reopened.outcomes, 'walking-group');
    expect(facts.map((f) => f.clientId).sort()).to.deep.equal([...ids].sort());
    for (const id of ids) expect(facts.find((f) => f.clientId === id)!.facts).to.deep.equal(factsOfHistory(await reopened.history(id)));
    expect(existsSync(join(dir, 'outcomes', 'meta.json'))).to.equal(true);

    const again = await LowdbClientStore.open(dir);
    expect(await again.outcomes.catchUp(), 'kept from the first time').to.equal(0);
    expect((await readAll(again.outcomes, 'walking-group')).map((f) => f.facts)).to.deep.equal(facts.map((f) => f.facts));
  });

  it('applies answers written while a first build runs, to clients worked out before and after', async () => {
    const ids = [await answered('+447700900001'), await answered('+447700900002'), await answered('+447700900003')];
    rmSync(join(dir, 'outcomes'), { recursive: true, force: true });
    const reopened = await LowdbClientStore.open(dir);
    const building = reopened.outcomes.catchUp();
    const c = waveCheckIn(ids[0]!, 'baseline', '2024-03-04T10:00:00.000Z');
    const writes = ids.map((id) =>
      reopened.recordResponse(
        id,
        answer({ ...c, id: waveCheckIn(id, 'baseline', '2024-03-04T10:00:00.000Z').id }, 'ucla3', 'isolated', 3, '2024-03-04T10:02:00.000Z'),
      ),
    );
    await Promise.all([building, ...writes]);
    for (const { clientId, facts } of await readAll(reopened.outcomes, 'walking-group')) {
      expect(facts.waves.baseline!.instruments.ucla3!.items.isolated![0], clientId).to.equal(3);
      expect(facts).to.deep.equal(factsOfHistory(await reopened.history(clientId)));
    }
  });

  it('works a client out again on opening when the store stopped between writing an answer and its facts', async () => {
    const ada = await answered('+447700900001');
    const shard = `${ada.slice(0, 2).toLowerCase()}.json`;
    // The facts' file cannot be written (its temporary file's name is taken): the answer is kept, the file is not.
    mkdirSync(join(dir, 'outcomes', `.${shard}.tmp`));
    const c = waveCheckIn(ada, 'baseline', '2024-03-04T10:00:00.000Z');
    await clients.recordResponse(ada, answer(c, 'ucla3', 'isolated', 3, '2024-03-04T10:02:00.000Z'));
    expect(readFileSync(join(dir, 'outcomes', 'pending.log'), 'utf8')).to.include(ada);
    expect(JSON.stringify(JSON.parse(readFileSync(join(dir, 'outcomes', shard), 'utf8')))).not.to.include('isolated');
    rmSync(join(dir, 'outcomes', `.${shard}.tmp`), { recursive: true });

    const reopened = await LowdbClientStore.open(dir);
    const [mine] = await readAll(reopened.outcomes, 'walking-group');
    expect(mine!.facts.waves.baseline!.instruments.ucla3!.items.isolated![0]).to.equal(3);
    expect(JSON.stringify(JSON.parse(readFileSync(join(dir, 'outcomes', shard), 'utf8')))).to.include('isolated');
    expect(readFileSync(join(dir, 'outcomes', 'pending.log'), 'utf8')).to.equal('');
  });

  it('leaves the pending log empty, and files untouched, when an answer changes no facts', async () => {
    const ada = await answered('+447700900001');
    const before = readdirSync(join(dir, 'outcomes')).map((name) => [name, readFileSync(join(dir, 'outcomes', name), 'utf8')]);
    const routine = {
      ...waveCheckIn(ada, 'x', '2024-03-11T10:00:00.000Z'),
      kind: 'routine' as const,
      occurrenceKey: `${ada}|routine|check-in|2024-03-11T10:00`,
    };
    await clients.startCheckIn(routine);
    await clients.recordResponse(ada, answer(routine, 'ons4', 'happiness', 7, '2024-03-11T10:01:00.000Z'));
    expect(readdirSync(join(dir, 'outcomes')).map((name) => [name, readFileSync(join(dir, 'outcomes', name), 'utf8')])).to.deep.equal(before);
  });

  it('drops the facts of a client erased just before a crash, and works out a tally file that cannot be read', async () => {
    const [ada, bea] = [await answered('+447700900001'), await answered('+447700900002')];
    const shard = join(dir, 'outcomes', `${ada.slice(0, 2).toLowerCase()}.json`);
    const kept = readFileSync(shard, 'utf8');
    await clients.erase(ada);
    // As if the erasure had stopped before the tally's file was written.
    writeFileSync(shard, kept);
    let reopened = await LowdbClientStore.open(dir);
    expect((await readAll(reopened.outcomes, 'walking-group')).map((f) => f.clientId)).to.deep.equal([bea]);
    expect(readFileSync(shard, 'utf8')).not.to.include(ada);

    writeFileSync(shard, '{"clients":');
    reopened = await LowdbClientStore.open(dir);
    expect((await readAll(reopened.outcomes, 'walking-group')).map((f) => f.clientId)).to.deep.equal([bea]);
  });
});
