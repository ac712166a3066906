import { parseArgs } from 'node:util';

export type BenchStorage = 'lowdb' | 'postgres';

export interface BenchArgs {
  /** lowdb: today's bench. postgres: the same, then PostgreSQL measured and printed beside lowdb. */
  storage: BenchStorage;
}

/** `npm run bench [-- --storage lowdb|postgres]`; anything else is refused with what is accepted. */
export function benchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({ args: [...argv], options: { storage: { type: 'string', default: 'lowdb' } }, strict: true });
  if (values.storage !== 'lowdb' && values.storage !== 'postgres') {
    throw new Error(`--storage ${values.storage}: expected lowdb (the default) or postgres`);
  }
  return { storage: values.storage };
}
