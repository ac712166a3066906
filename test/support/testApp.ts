import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions } from '../../bot/server/app.js';
import type { Clock } from '../../bot/time/clock.js';
import { parseEnv } from '../../bot/config/env.js';
import { loadProgrammeFile, type Programme } from '../../bot/config/programmeSchema.js';
import { createLogger } from '../../bot/platform/logger.js';
import { systemClock } from '../../bot/time/clock.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: App;
  url: string;
  dataDir: string;
  programme: Programme;
  /** fetch against the app with the admin bearer token. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real server on a loopback port and a fresh temporary data directory, with the demo
 * programme unless another is given. Logs are silent unless LINKWELL_TEST_LOGS is set.
 */
export async function startTestApp(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    dataDir?: string;
    programme?: Programme;
    chatPollMs?: number;
    makeBot?: AppOptions['makeBot'];
    /** Default 'manual': a test drives the scheduler with app.scheduler.tick(). */
    scheduler?: AppOptions['scheduler'];
    /** Receives every log line (at debug level) instead of stderr. */
    logSink?: (line: string) => void;
    pushAgent?: AppOptions['pushAgent'];
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'linkwell-test-'));
  const config = parseEnv({
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_API_TOKEN: TEST_ADMIN_TOKEN,
    CHAT_LINK_SECRET: 'test-chat-link-secret-0123456789abcdef0123',
    LOG_LEVEL: process.env.LINKWELL_TEST_LOGS || options.logSink ? 'debug' : 'silent',
    ...options.env,
  });
  const programme = options.programme ?? (await loadProgrammeFile(config.programmeFile));
  const clock = options.clock ?? systemClock;
  const app = await createApp({
    config,
    programme,
    clock,
    log: createLogger(config.logLevel, clock, options.logSink ?? ((line) => process.stderr.write(`${line}\n`))),
    ...(options.chatPollMs ? { chatPollMs: options.chatPollMs } : {}),
    ...(options.makeBot ? { makeBot: options.makeBot } : {}),
    ...(options.pushAgent ? { pushAgent: options.pushAgent } : {}),
    scheduler: options.scheduler ?? 'manual',
  });
  const url = await app.listen();
  return {
    app,
    url,
    dataDir,
    programme,
    admin: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
      }),
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
