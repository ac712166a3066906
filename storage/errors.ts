/** A data file exists but cannot be read or parsed. It is never overwritten. */
export class CorruptDataError extends Error {
  override readonly name = 'CorruptDataError';
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `Data file ${path} cannot be read (${describe(options.cause)}). ` +
        'It has been left untouched: restore it from a backup or move it aside, then start again.',
      options,
    );
  }
}

/** A botbuilder Storage write carried an eTag that no longer matches the stored item. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** Another process already holds the embedded data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Linkwell process (pid ${pid}). ` +
        'Stop that process first: two servers on one embedded store would send messages twice.',
    );
  }
}

function describe(cause: unknown): string {
  if (cause instanceof SyntaxError) return 'not valid JSON';
  if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code);
  return 'unreadable';
}

/** DATABASE_URL names a server that cannot be reached (or refuses the credentials). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(
    readonly host: string,
    options: { cause: unknown },
  ) {
    super(
      `Cannot reach the PostgreSQL database at ${host} (${(options.cause as { code?: string })?.code ?? (options.cause as Error)?.message ?? 'no answer'}). ` +
        'Check DATABASE_URL (host, port, user, password, database name), that the server is running and that this machine may connect. Nothing was written.',
      options,
    );
  }
}

/** The database's schema is not the one this code was written for. */
export class SchemaBehindError extends Error {
  override readonly name = 'SchemaBehindError';
  constructor(
    readonly version: number,
    readonly wanted: number,
    readonly missing: readonly number[] = [],
  ) {
    super(
      missing.some((step) => step < version)
        ? `The database schema is at version ${version} but lacks step ${missing.filter((step) => step < version).join(', ')}, which this Linkwell needs. Run: npm run db:migrate`
        : version < wanted
          ? `The database schema is at version ${version}; this Linkwell needs version ${wanted}. Run: npm run db:migrate`
          : `The database schema is at version ${version}, newer than this Linkwell knows (${wanted}): run the newer Linkwell, or restore the database.`,
    );
  }
}

/**
 * The store cannot be reached just now (the database went away while running). Nothing was stored
 * by the operation that failed; it may be tried again once the store is back.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(options: { cause: unknown }) {
    super('The database cannot be reached just now.', options);
  }
}

/** Another live instance on the same database runs a different programme file. */
export class ProgrammeMismatchError extends Error {
  override readonly name = 'ProgrammeMismatchError';
  constructor(
    readonly theirs: string,
    readonly ours: string,
  ) {
    super(
      `Another running Linkwell on this database runs a different programme file (sha256 ${theirs.slice(0, 12)}…; this one ${ours.slice(0, 12)}…). ` +
        'Start every instance with the same file; to change it, stop them all, then start them with the new one.',
    );
  }
}
