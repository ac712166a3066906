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
  constructor(readonly dataDir: string, readonly pid: number) {
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
