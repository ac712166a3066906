import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorruptDataError } from '../errors.js';
import { KeyedMutex } from '../keyedMutex.js';
import type { CreateStaffResult, StaffRepository, StaffSessionRepository } from '../ports.js';
import type { StaffAccountRecord, StaffSessionRecord } from '../records.js';
import { normaliseEmail } from '../staffEmail.js';
import { JsonFile } from './jsonFile.js';
import { listDir } from './listDir.js';

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const ID_HASH = /^[0-9a-f]{64}$/;

export { normaliseEmail };

/**
 * Staff accounts on lowdb: `accounts/<id>.json`, and `emails/<sha256 of the email>.json` naming the
 * account, so an email is found without listing every account and kept out of file names.
 * Accounts are read from disk every time, never cached: `npm run staff:add` writes them while the
 * server runs, and a change to an account (disabled, locked) must count at once.
 */
export class LowdbStaffAccounts implements StaffRepository {
  private readonly accounts: UncachedDocuments<StaffAccountRecord>;
  private readonly emailsDir: string;

  constructor(dir: string) {
    this.accounts = new UncachedDocuments(join(dir, 'accounts'));
    this.emailsDir = join(dir, 'emails');
  }

  async create(account: StaffAccountRecord): Promise<CreateStaffResult> {
    const record = { ...structuredClone(account), email: normaliseEmail(account.email) };
    checked(record.id);
    const index = this.indexPath(record.email);
    mkdirSync(this.emailsDir, { recursive: true });
    // The claim is atomic across processes: two staff:add runs cannot both take one email.
    try {
      writeFileSync(index, JSON.stringify({ id: record.id }), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await this.findByEmail(record.email)) return { ok: false, reason: 'duplicate_email' };
      // A claim whose account was never written (a crash in between): take it over.
      writeFileSync(index, JSON.stringify({ id: record.id }));
    }
    try {
      await this.accounts.update(record.id, (current) => {
        if (current) throw new Error(`Staff account ${record.id} already exists`);
        return record;
      });
    } catch (error) {
      rmSync(index, { force: true });
      throw error;
    }
    return { ok: true, account: structuredClone(record) };
  }

  async get(id: string): Promise<StaffAccountRecord | undefined> {
    if (!ID.test(id)) return undefined;
    return (await this.accounts.read(id)) ?? undefined;
  }

  async findByEmail(email: string): Promise<StaffAccountRecord | undefined> {
    const normalised = normaliseEmail(email);
    const index = new JsonFile<{ id: string }>(this.indexPath(normalised));
    let claim: { id: string } | null;
    try {
      claim = index.readNow();
    } catch (cause) {
      throw new CorruptDataError(this.indexPath(normalised), { cause });
    }
    if (!claim || typeof claim.id !== 'string') return undefined;
    const account = await this.get(claim.id);
    return account?.email === normalised ? account : undefined;
  }

  async list(): Promise<StaffAccountRecord[]> {
    const all = await Promise.all(
      this.accounts
        .keys()
        .filter((id) => ID.test(id))
        .map((id) => this.get(id)),
    );
    return all.filter((a): a is StaffAccountRecord => a !== undefined).sort((a, b) => a.email.localeCompare(b.email));
  }

  update(id: string, change: (account: StaffAccountRecord) => StaffAccountRecord): Promise<StaffAccountRecord | undefined> {
    if (!ID.test(id)) return Promise.resolve(undefined);
    let result: StaffAccountRecord | undefined;
    return this.accounts
      .update(id, (current) => {
        if (!current) return undefined;
        result = { ...change(structuredClone(current)), id: current.id, email: current.email };
        return result;
      })
      .then(() => result && structuredClone(result));
  }

  private indexPath(normalisedEmail: string): string {
    return join(this.emailsDir, `${createHash('sha256').update(normalisedEmail).digest('hex')}.json`);
  }
}

/**
 * Staff sessions on lowdb: `<hash of the session id>.json`, read from disk on every call (one small
 * file a request), so a session that staff:set ended in another process is gone for the server too,
 * and is never written back by a "last seen" update.
 */
export class LowdbStaffSessions implements StaffSessionRepository {
  private readonly documents: UncachedDocuments<StaffSessionRecord>;

  constructor(dir: string) {
    this.documents = new UncachedDocuments(dir);
  }

  async add(session: StaffSessionRecord): Promise<void> {
    await this.documents.update(checkedHash(session.idHash), (current) => {
      if (current) throw new Error('Staff session already exists');
      return structuredClone(session);
    });
  }

  async get(idHash: string): Promise<StaffSessionRecord | undefined> {
    if (!ID_HASH.test(idHash)) return undefined;
    return (await this.documents.read(idHash)) ?? undefined;
  }

  async update(idHash: string, change: (session: StaffSessionRecord) => StaffSessionRecord): Promise<StaffSessionRecord | undefined> {
    if (!ID_HASH.test(idHash)) return undefined;
    let result: StaffSessionRecord | undefined;
    await this.documents.update(idHash, (current) => {
      // Gone (signed out, or ended by staff:set): stays gone.
      if (!current) return undefined;
      result = { ...change(current), idHash };
      return result;
    });
    return result && structuredClone(result);
  }

  async remove(idHash: string): Promise<void> {
    if (ID_HASH.test(idHash)) await this.documents.remove(idHash);
  }

  async list(): Promise<StaffSessionRecord[]> {
    const sessions = await Promise.all(
      this.documents
        .keys()
        .filter((h) => ID_HASH.test(h))
        .map((h) => this.get(h)),
    );
    return sessions.filter((s): s is StaffSessionRecord => s !== undefined);
  }
}

export interface StaffStore {
  accounts: LowdbStaffAccounts;
  sessions: LowdbStaffSessions;
}

/** Staff accounts and sessions under `dataDir/staff/`. Needs no lock: staff:add may run beside the server. */
export function openStaffStore(dataDir: string): StaffStore {
  const dir = join(dataDir, 'staff');
  return { accounts: new LowdbStaffAccounts(dir), sessions: new LowdbStaffSessions(join(dir, 'sessions')) };
}

/** One JSON file per key, read from disk on every call; writes are atomic and ordered per key in this process. */
class UncachedDocuments<T> {
  private readonly locks = new KeyedMutex();
  private madeDir = false;

  constructor(private readonly dir: string) {}

  read(key: string): Promise<T | null> {
    return this.locks.run(key, async () => this.readNow(key));
  }

  /** `change` returns the new document, or undefined to leave the file alone. */
  update(key: string, change: (current: T | null) => T | undefined): Promise<void> {
    return this.locks.run(key, async () => {
      const next = change(this.readNow(key));
      if (next === undefined) return;
      if (!this.madeDir) mkdirSync(this.dir, { recursive: true });
      this.madeDir = true;
      await this.file(key).write(next);
    });
  }

  /** Delete the document, if there is one. */
  remove(key: string): Promise<void> {
    return this.locks.run(key, async () => {
      try {
        unlinkSync(join(this.dir, `${key}.json`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    });
  }

  keys(): string[] {
    return listDir(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
  }

  private readNow(key: string): T | null {
    const file = this.file(key);
    try {
      return file.readNow();
    } catch (cause) {
      throw new CorruptDataError(join(this.dir, `${key}.json`), { cause });
    }
  }

  private file(key: string): JsonFile<T> {
    return new JsonFile<T>(join(this.dir, `${key}.json`), true);
  }
}

function checked(id: string): string {
  if (!ID.test(id)) throw new Error('Not a staff account id');
  return id;
}

function checkedHash(idHash: string): string {
  if (!ID_HASH.test(idHash)) throw new Error('Not a session id hash');
  return idHash;
}
