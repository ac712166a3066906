import { DateTime } from 'luxon';
import type { EntryStore } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import { ConfigError, formatIssues } from '../../platform/formatIssues.js';
import { groupSchema, type Group } from '../../config/groupSchema.js';

/** Why a group was flagged: a client said the session was not on, or that it was full. */
export type GroupFlagReason = 'reported-not-running' | 'reported-full';

/** A report that a directory entry may be out of date; kept until someone verifies the group. */
export interface GroupFlag {
  reason: GroupFlagReason;
  /** groupSessions' key of the session the client spoke of. */
  sessionKey: string;
  clientId: string;
  /** ISO instant. */
  at: string;
}

/** One version of a group's entry: the programme file's, or one an admin set (by editing or verifying). */
export interface GroupVersion {
  group: Group;
  source: 'programme' | 'admin';
  /** Absent for the programme file's version. */
  change?: { action: 'edited' | 'verified'; by: string; at: string } | undefined;
  /** The flags a verification cleared, kept with it. */
  clearedFlags?: GroupFlag[] | undefined;
}

/**
 * What is kept about one group beyond the programme file: the version admins set (if any), every
 * version it replaced (oldest first), and open flags. Never deleted.
 */
export interface GroupEntry {
  id: string;
  current?: GroupVersion | undefined;
  history: GroupVersion[];
  flags: GroupFlag[];
}

/** Where a programme's directory entries are kept: one per group id, each written whole and atomically. */
export type GroupDirectoryStore = EntryStore<GroupEntry>;

/** A group as the directory lists it: where its details came from and whether they need checking. */
export type DirectoryGroup = Group & {
  flags: GroupFlag[];
  needsVerification: boolean;
  source: 'programme' | 'admin';
};

/**
 * A programme's group directory: the programme file's groups, overlaid by what admins changed
 * through the API. Reads are synchronous, from memory; writes go to the store first, one at a time.
 *
 * An admin's version wins over the programme file's, including after the file is edited and the
 * server restarted, and a group the file no longer lists stays in the directory if an admin ever
 * changed or created it (set it to `closed` to retire it). A group only the file knew, and no admin
 * touched, follows the file.
 */
export class GroupDirectory {
  /** Called after a group's details changed (not after a flag): the scheduler plans nudges again. */
  onChange: ((groupId: string) => void) | undefined;
  private readonly entries = new Map<string, GroupEntry>();
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly programmeGroups: ReadonlyMap<string, Group>,
    /** The programme's zone: a group's local dates are read in it unless the group has its own. */
    readonly zone: string,
    private readonly store: GroupDirectoryStore,
    private readonly clock: Clock,
  ) {}

  /** Load what admins changed. Throws ConfigError when a kept group no longer passes validation. */
  static async open(programme: { timezone: string; groups: readonly Group[] }, store: GroupDirectoryStore, clock: Clock): Promise<GroupDirectory> {
    const directory = new GroupDirectory(new Map(programme.groups.map((g) => [g.id, g])), programme.timezone, store, clock);
    const problems: string[] = [];
    for (const entry of await store.readAll()) {
      if (entry.current) {
        const parsed = groupSchema.safeParse(entry.current.group);
        if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, `groups.${entry.id}`));
      }
      directory.entries.set(entry.id, entry);
    }
    if (problems.length > 0) throw new ConfigError('The stored group directory', problems);
    return directory;
  }

  /** Every group: the programme file's in its order, then those only admins added, by id. */
  list(): DirectoryGroup[] {
    const adminOnly = [...this.entries.keys()].filter((id) => !this.programmeGroups.has(id)).sort();
    return [...this.programmeGroups.keys(), ...adminOnly].flatMap((id) => this.get(id) ?? []);
  }

  get(id: string): DirectoryGroup | undefined {
    const version = this.currentVersion(id);
    if (!version) return undefined;
    const flags = this.entries.get(id)?.flags ?? [];
    return { ...structuredClone(version.group), flags: structuredClone(flags), needsVerification: flags.length > 0, source: version.source };
  }

  /** The groups as they stand, for planning sessions and nudges. */
  groups(): Group[] {
    return this.list().map(({ flags: _flags, needsVerification: _needs, source: _source, ...group }) => group);
  }

  /** Earlier versions of a group, oldest first (empty for one never changed). */
  history(id: string): GroupVersion[] {
    return structuredClone(this.entries.get(id)?.history ?? []);
  }

  /**
   * Set a group's details (a new id adds a group). The version it replaces goes to the history.
   * `changed` is false, and nothing is written, when the details are the same as now.
   */
  put(group: Group, by: string): Promise<{ group: DirectoryGroup; created: boolean; changed: boolean }> {
    return this.serially(async () => {
      const before = this.currentVersion(group.id);
      if (before && sameGroup(before.group, group)) return { group: this.get(group.id)!, created: false, changed: false };
      const at = this.clock.now().toUTC().toISO()!;
      await this.replace(group.id, { group: structuredClone(group), source: 'admin', change: { action: 'edited', by, at } });
      return { group: this.get(group.id)!, created: before === undefined, changed: true };
    });
  }

  /**
   * Mark a group as needing re-verification because of what a client reported. The same report
   * (reason, session and client) is kept once. Undefined when there is no such group.
   */
  flag(groupId: string, flag: GroupFlag): Promise<DirectoryGroup | undefined> {
    return this.serially(async () => {
      if (!this.currentVersion(groupId)) return undefined;
      const entry = this.entryFor(groupId);
      const known = entry.flags.some((f) => f.reason === flag.reason && f.sessionKey === flag.sessionKey && f.clientId === flag.clientId);
      if (!known) await this.save({ ...entry, flags: [...entry.flags, { ...flag }] });
      return this.get(groupId);
    });
  }

  /**
   * Someone checked the group's details: `lastVerified` becomes the local date of `at` in the
   * group's zone, open flags are cleared (kept with the new version) and, if given, the status is
   * set. Undefined when there is no such group.
   */
  verify(groupId: string, verification: { by: string; at: string; status?: Group['status'] | undefined }): Promise<DirectoryGroup | undefined> {
    return this.serially(async () => {
      const before = this.currentVersion(groupId);
      if (!before) return undefined;
      const zone = before.group.timezone ?? this.zone;
      const lastVerified = DateTime.fromISO(verification.at, { zone }).toISODate()!;
      const group: Group = { ...structuredClone(before.group), lastVerified, ...(verification.status ? { status: verification.status } : {}) };
      const clearedFlags = this.entryFor(groupId).flags;
      await this.replace(
        groupId,
        {
          group,
          source: 'admin',
          change: { action: 'verified', by: verification.by, at: verification.at },
          ...(clearedFlags.length > 0 ? { clearedFlags } : {}),
        },
        { clearFlags: true },
      );
      return this.get(groupId);
    });
  }

  private currentVersion(id: string): GroupVersion | undefined {
    const current = this.entries.get(id)?.current;
    if (current) return current;
    const fromFile = this.programmeGroups.get(id);
    return fromFile ? { group: fromFile, source: 'programme' } : undefined;
  }

  private entryFor(id: string): GroupEntry {
    return this.entries.get(id) ?? { id, history: [], flags: [] };
  }

  private async replace(id: string, next: GroupVersion, options: { clearFlags?: boolean } = {}): Promise<void> {
    const entry = this.entryFor(id);
    const previous = this.currentVersion(id);
    await this.save({
      id,
      current: next,
      history: previous ? [...entry.history, structuredClone(previous)] : entry.history,
      flags: options.clearFlags ? [] : entry.flags,
    });
    this.onChange?.(id);
  }

  /** On disk first; memory follows only once the write succeeded. */
  private async save(entry: GroupEntry): Promise<void> {
    await this.store.write(entry);
    this.entries.set(entry.id, entry);
  }

  /** One write at a time, so each starts from the version the last one left (admin edits are rare). */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(work);
    this.writing = run.catch(() => undefined);
    return run;
  }
}

function sameGroup(a: Group, b: Group): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}
