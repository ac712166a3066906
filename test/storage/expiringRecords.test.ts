import { MemoryExpiring } from '../../storage/lowdb/memoryExpiring.js';
import { expiringRecordsContract } from './expiringRecordsContract.js';

expiringRecordsContract('Expiring records on lowdb (one process, in memory)', async () => {
  const kinds = new Map<string, MemoryExpiring<unknown>>();
  const open = <T>(kind: string) => {
    if (!kinds.has(kind)) kinds.set(kind, new MemoryExpiring<unknown>(kind));
    return kinds.get(kind) as MemoryExpiring<T>;
  };
  return { open, other: open };
});
