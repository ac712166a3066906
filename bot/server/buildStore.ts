import { createHash } from 'node:crypto';
import { openStore } from '../../storage/open/openStore.js';
import type { Store } from '../../storage/ports.js';
import type { AppConfig } from '../config/env.js';
import type { Programme } from '../config/programmeSchema.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../time/clock.js';

/** The configured store, joined under this programme, with the demo programme's client seeded. */
export async function buildStore(
  config: AppConfig,
  programme: Programme,
  clock: Clock,
  log: Logger,
): Promise<{ store: Store; demoClientId: string | undefined }> {
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    now: () => clock.now(),
    quarantined: (from, to) => log.warn('a conversation state file could not be parsed: moved aside, the conversation starts afresh', { from, to }),
    log: (message) => log.warn(message),
  });
  try {
    // Instances sharing a database must run the same programme (who is told what, and when).
    await store.joinAs(createHash('sha256').update(JSON.stringify(programme)).digest('hex'));
  } catch (error) {
    await store.close();
    throw error;
  }
  return { store, demoClientId: await seedDemoClient(store, programme, clock) };
}

async function seedDemoClient(store: Store, programme: Programme, clock: Clock): Promise<string | undefined> {
  const demo = programme.demoClient;
  if (!demo) return undefined;
  const existing = await store.clients.findByPhone(demo.phone);
  if (existing) return existing.id;
  const created = await store.clients.create({ ...demo, channel: 'webchat', programmeId: programme.id, createdAt: clock.now().toISO()! });
  return created.ok ? created.client.id : undefined;
}
