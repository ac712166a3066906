import { KeyedMutex } from '../../storage/keyedMutex.js';
import { turnLocksContract } from './turnLocksContract.js';

// lowdb is one process (its data folder is locked): one in-process lock is every lock there is.
turnLocksContract('Turn locks on lowdb (in process)', async () => {
  const locks = new KeyedMutex();
  return { first: locks, second: locks };
});
