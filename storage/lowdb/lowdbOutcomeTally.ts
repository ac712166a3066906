import { appendFileSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import { KeyedMutex } from '../keyedMutex.js';
import { emptyFacts, factsOfHistory, hasFacts, OUTCOME_FACTS_VERSION, type FactsChange, type OutcomeFacts } from '../outcomeFacts.js';
import type { OutcomeTally } from '../ports.js';
import type { ClientHistory } from '../records.js';
import { JsonFile } from './jsonFile.js';
import { listDir } from './listDir.js';

/** Where the tally's records come from: the client store it belongs to. */
export interface TallySource {
  /** Every client enrolled now. */
  ids(): Iterable<string>;
  /** The programme a client's record names now; undefined for a client not enrolled (erased). */
  programmeOf(clientId: string): string | undefined;
  history(clientId: string): Promise<Readonly<ClientHistory>>;
}

interface Shard {
  clients: Record<string, OutcomeFacts>;
}

interface Meta {
  version: number;
}

const META = 'meta.json';
const PENDING = 'pending.log';
/** Clients worked out between two turns of the event loop, so a build never holds up texts and chat for long. */
const CLIENTS_PER_TURN = 25;

/**
 * The outcome tally on lowdb: every client's facts in memory (a few KB each), written through to one
 * small file per client id prefix (`<id[0..1]>.json`, a few hundred files at most), each written whole
 * from memory and renamed into place.
 *
 * A record and its facts are two files, so each change is noted in `pending.log` first (appended,
 * never rewritten; emptied once nothing is being written): a crash between the two leaves the client
 * there, to be worked out again from their history when the store next opens. A folder with no
 * tally yet, or one of another version, is worked out whole from every history on first need (see
 * catchUp), never while the store opens. The tally is derived: a file that cannot be read is worked
 * out again, never an error.
 */
export class LowdbOutcomeTally implements OutcomeTally {
  private readonly facts = new Map<string, OutcomeFacts>();
  /** Every client's facts are here (or none means none): false until a first build is done. */
  private complete = false;
  private building: Promise<number> | undefined;
  private readonly clientLocks = new KeyedMutex();
  private readonly shardLocks = new KeyedMutex();
  private writing = 0;
  private pendingWritten = false;
  /** A change failed part-way: the pending log is kept until the store opens again. */
  private unsure = false;
  /** META is on disk: the files hold every client's facts. */
  private metaWritten = false;

  private constructor(
    private readonly dir: string,
    private readonly source: TallySource,
    /** Opened beside a running server (a command): read what is there, write nothing. */
    private readonly readOnly: boolean,
  ) {}

  /** Load the tally in `dir`, working out again the clients a crash may have left behind. */
  static async open(dir: string, source: TallySource, options: { readOnly?: boolean } = {}): Promise<LowdbOutcomeTally> {
    const tally = new LowdbOutcomeTally(dir, source, options.readOnly === true);
    tally.load();
    if (tally.readOnly) return tally;
    // A new folder: nobody's facts to work out (its files are made with the first facts written).
    if (!tally.complete && [...source.ids()].length === 0) tally.complete = true;
    const pending = tally.readPending();
    if (tally.complete) {
      for (const clientId of pending) await tally.clientLocks.run(clientId, () => tally.workOut(clientId));
      // Erased while a crash kept their facts from going.
      for (const clientId of [...tally.facts.keys()]) if (source.programmeOf(clientId) === undefined) await tally.forget(clientId);
    }
    if (pending.length > 0) truncateSync(tally.path(PENDING), 0);
    return tally;
  }

  /** From memory; a change made meanwhile replaces a client's facts, never changes those handed out. */
  async *forProgramme(programmeId: string): AsyncGenerator<{ clientId: string; facts: OutcomeFacts }> {
    await this.catchUp();
    for (const [clientId, facts] of this.facts) {
      if (hasFacts(facts) && this.source.programmeOf(clientId) === programmeId) yield { clientId, facts };
    }
  }

  catchUp(): Promise<number> {
    if (this.complete) return Promise.resolve(0);
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  /** A new client: nothing to count yet, and every change from now on is applied. */
  added(clientId: string): void {
    if (!this.facts.has(clientId)) this.facts.set(clientId, emptyFacts());
  }

  /**
   * Write a client's records with `write`, then apply the change to their facts it returns, as one
   * step for this client (one at a time per client). `write` calls `pending()` just before it writes
   * a record that changes the facts (none for most records: a routine check-in's answers), so that a
   * crash before the facts are written has them worked out again. The facts change in memory at once.
   */
  async change(clientId: string, write: (pending: () => void) => Promise<FactsChange | undefined>): Promise<void> {
    await this.clientLocks.run(clientId, async () => {
      let noted = false;
      const pending = () => {
        if (noted) return;
        noted = true;
        this.begin(clientId);
      };
      let done = false;
      try {
        const change = await write(pending);
        const current = this.facts.get(clientId) ?? (this.complete ? emptyFacts() : undefined);
        // Before the first build, a client not yet worked out is read whole when their turn comes.
        if (change && current) {
          pending();
          const next = structuredClone(current);
          change(next);
          this.facts.set(clientId, next);
          await this.persist(clientId);
        }
        done = true;
      } finally {
        if (noted) this.end(done);
      }
    });
  }

  /** The client was erased: their facts go from memory and from the file. */
  forget(clientId: string): Promise<void> {
    return this.clientLocks.run(clientId, async () => {
      this.begin(clientId);
      let done = false;
      try {
        this.facts.delete(clientId);
        await this.persist(clientId);
        done = true;
      } finally {
        this.end(done);
      }
    });
  }

  private async build(): Promise<number> {
    let worked = 0;
    for (const clientId of [...this.source.ids()]) {
      await this.clientLocks.run(clientId, async () => {
        if (!this.facts.has(clientId)) await this.workOut(clientId, false);
      });
      worked += 1;
      if (worked % CLIENTS_PER_TURN === 0) await nextTurn();
    }
    if (!this.readOnly) {
      const shards = new Set([...this.facts.keys()].map(shardOf));
      for (const name of listDir(this.dir)) if (/^.{1,2}\.json$/.test(name)) shards.add(name.slice(0, -5));
      for (const shard of shards) await this.writeShard(shard);
    }
    // Only once every client's facts are on disk: a build cut short starts again next time.
    this.complete = true;
    if (!this.readOnly) await this.writeMeta();
    return worked;
  }

  /** A client's facts from their whole history (or gone, for a client not enrolled); the caller holds their lock. */
  private async workOut(clientId: string, persist = true): Promise<void> {
    if (this.source.programmeOf(clientId) === undefined) this.facts.delete(clientId);
    else this.facts.set(clientId, factsOfHistory(await this.source.history(clientId)));
    if (persist) await this.persist(clientId);
  }

  private load(): void {
    let meta: Meta | null = null;
    try {
      meta = new JsonFile<Meta>(this.path(META)).readNow();
    } catch {
      meta = null;
    }
    if (meta?.version !== OUTCOME_FACTS_VERSION) return;
    this.metaWritten = true;
    try {
      for (const name of listDir(this.dir)) {
        if (!/^.{1,2}\.json$/.test(name)) continue;
        const shard = new JsonFile<Shard>(this.path(name)).readNow();
        for (const [clientId, facts] of Object.entries(shard?.clients ?? {})) this.facts.set(clientId, facts);
      }
      this.complete = true;
    } catch {
      // Unreadable: worked out whole, as if there were no tally.
      this.facts.clear();
      this.metaWritten = false;
    }
  }

  /** Write the client's file. During a first build the files are partial until it ends (and writes META). */
  private async persist(clientId: string): Promise<void> {
    if (this.readOnly) return;
    try {
      if (this.complete) await this.writeMeta();
      await this.writeShard(shardOf(clientId));
    } catch {
      // The facts in memory are right; the pending log, kept now, has the file worked out again on opening.
      this.unsure = true;
    }
  }

  /** Write one file from memory; one write at a time per file, the latest facts each time. */
  private writeShard(shard: string): Promise<void> {
    return this.shardLocks.run(shard, async () => {
      const clients: Record<string, OutcomeFacts> = {};
      for (const [clientId, facts] of this.facts) if (shardOf(clientId) === shard && hasFacts(facts)) clients[clientId] = facts;
      mkdirSync(this.dir, { recursive: true });
      await new JsonFile<Shard>(this.path(`${shard}.json`)).write({ clients });
    });
  }

  /** Once; writes that come together wait for the one under way (a file is written by one writer at a time). */
  private writeMeta(): Promise<void> {
    if (this.metaWritten) return Promise.resolve();
    return this.shardLocks.run(META, async () => {
      if (this.metaWritten) return;
      mkdirSync(this.dir, { recursive: true });
      await new JsonFile<Meta>(this.path(META), true).write({ version: OUTCOME_FACTS_VERSION });
      this.metaWritten = true;
    });
  }

  private readPending(): string[] {
    let text = '';
    try {
      text = readFileSync(this.path(PENDING), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return [...new Set(text.split('\n').filter((line) => line !== ''))];
  }

  private begin(clientId: string): void {
    this.writing += 1;
    if (this.readOnly) return;
    mkdirSync(this.dir, { recursive: true });
    // Synchronous, so it is on disk (in the page cache) before the record is written.
    appendFileSync(this.path(PENDING), `${clientId}\n`);
    this.pendingWritten = true;
  }

  private end(done: boolean): void {
    this.writing -= 1;
    if (!done) this.unsure = true;
    if (this.writing === 0 && this.pendingWritten && !this.unsure && !this.readOnly) {
      truncateSync(this.path(PENDING), 0);
      this.pendingWritten = false;
    }
  }

  private path(name: string): string {
    return join(this.dir, name);
  }
}

/** The file a client's facts are kept in: the first two characters of their id (lower case, as folders may not tell case apart). */
function shardOf(clientId: string): string {
  return clientId.slice(0, 2).toLowerCase();
}
