import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { e164 } from './fieldSchemas.js';
import { ConfigError, formatIssues } from '../platform/formatIssues.js';
import { parseVapidEnv, type VapidDetails } from './vapid.js';
import { PROJECT_ROOT } from '../platform/projectRoot.js';

export const DEMO_PROGRAMME_FILE = join(PROJECT_ROOT, 'bot', 'config', 'programmes', 'demo.programme.json');

const optionalSecret = (min: number, what: string) => z.string().min(min, `${what} must be at least ${min} characters`).optional();

/** The environment Linkwell reads. This module is the only place that looks at process.env. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user:password@host:port/database' }).optional(),
  PROGRAMME_FILE: z.string().min(1).optional(),
  ADMIN_API_TOKEN: optionalSecret(24, 'ADMIN_API_TOKEN'),
  CHAT_LINK_SECRET: optionalSecret(32, 'CHAT_LINK_SECRET'),
  CHAT_LINK_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(168),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  EMULATOR: z.enum(['on', 'off'], { message: 'expected on or off' }).default('off'),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'TWILIO_AUTH_TOKEN looks too short').optional(),
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hex digits')
    .optional(),
  TWILIO_FROM_NUMBER: e164.optional(),
  TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
  ALERT_WEBHOOK_SECRET: optionalSecret(32, 'ALERT_WEBHOOK_SECRET'),
  // Web Push for web chat clients; checked together by parseVapidEnv (npm run push:keys makes a pair).
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().optional(),
});

type Problem = { path: [string]; message: string };

/**
 * Rules between keys. They look only at which keys are set, so they are checked even when some
 * value is malformed, and every problem is listed at once.
 */
function problemsBetweenKeys(env: Partial<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const twilioKeys = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const;
  if ([...twilioKeys, 'TWILIO_MESSAGING_SERVICE_SID', 'TWILIO_FROM_NUMBER'].some((key) => env[key])) {
    for (const key of twilioKeys) {
      if (!env[key]) problems.push({ path: [key], message: 'required to send and receive SMS (set both, or neither to run without SMS)' });
    }
    if (!env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_FROM_NUMBER) {
      problems.push({ path: ['TWILIO_FROM_NUMBER'], message: 'set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER: the sender of every SMS' });
    }
    if (!env.PUBLIC_BASE_URL) {
      problems.push({ path: ['PUBLIC_BASE_URL'], message: 'required with SMS: Twilio signs its webhooks with the public URL it calls' });
    }
  }
  if (env.DATABASE_URL && !env.CHAT_LINK_SECRET) {
    problems.push({ path: ['CHAT_LINK_SECRET'], message: 'required with DATABASE_URL: every instance must sign and check chat links with the same secret' });
  }
  if (env.EMULATOR === 'on' && env.MicrosoftAppId) {
    problems.push({ path: ['EMULATOR'], message: 'the Emulator is for local use without Azure credentials: unset MicrosoftAppId or EMULATOR' });
  }
  if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push({ path: ['MicrosoftAppPassword'], message: 'required when MicrosoftAppId is set' });
  }
  return problems;
}

export interface SmsConfig {
  accountSid: string;
  authToken: string;
  sender: { messagingServiceSid: string } | { from: string };
  /** For tests: send REST calls here instead of https://api.twilio.com. */
  apiBaseUrl: string | undefined;
  sendRatePerSecond: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Where people reach this server; chat links are built on it. */
  publicBaseUrl: string | undefined;
  dataDir: string;
  /** PostgreSQL instead of the embedded lowdb store in `dataDir`. */
  databaseUrl: string | undefined;
  programmeFile: string;
  usingDemoProgramme: boolean;
  adminApiToken: string | undefined;
  chatLinkSecret: string | undefined;
  chatLinkTtlHours: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /**
   * EMULATOR=on: with no Azure credentials, /api/messages takes anonymous activities from the Bot
   * Framework Emulator on this machine (loopback callers, loopback service URLs only). Off, and
   * with no credentials, /api/messages refuses everything.
   */
  emulator: boolean;
  /** Signs alerts posted to the programme's webhook; unset, no webhook is called. */
  alertWebhookSecret: string | undefined;
  /** Twilio SMS; undefined when not configured (SMS is then disabled). */
  sms: SmsConfig | undefined;
  /** The server's VAPID keys for Web Push to web chat clients; undefined when not set (push is off). */
  webPush: Readonly<VapidDetails> | undefined;
  botFramework: {
    MicrosoftAppId?: string | undefined;
    MicrosoftAppPassword?: string | undefined;
    MicrosoftAppType?: string | undefined;
    MicrosoftAppTenantId?: string | undefined;
  };
}

/** Validate an environment; throws ConfigError listing every problem. */
export function parseEnv(env: NodeJS.ProcessEnv): Readonly<AppConfig> {
  // `KEY=` in .env means "not set", as .env.example writes it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(given);
  const issues = [...(result.success ? [] : result.error.issues), ...problemsBetweenKeys(given)];
  if (!result.success || issues.length > 0) throw new ConfigError('The environment (.env)', formatIssues(issues, ''));
  const e = result.data;
  const webPush = parseVapidEnv({ VAPID_PUBLIC_KEY: e.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: e.VAPID_PRIVATE_KEY, VAPID_SUBJECT: e.VAPID_SUBJECT });
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    programmeFile: resolve(e.PROGRAMME_FILE ?? DEMO_PROGRAMME_FILE),
    usingDemoProgramme: e.PROGRAMME_FILE === undefined,
    adminApiToken: e.ADMIN_API_TOKEN,
    chatLinkSecret: e.CHAT_LINK_SECRET,
    chatLinkTtlHours: e.CHAT_LINK_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    emulator: e.EMULATOR === 'on',
    alertWebhookSecret: e.ALERT_WEBHOOK_SECRET,
    sms:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            sender: e.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID } : { from: e.TWILIO_FROM_NUMBER! },
            apiBaseUrl: e.TWILIO_API_BASE_URL?.replace(/\/+$/, ''),
            sendRatePerSecond: e.SMS_SEND_RATE_PER_SECOND,
          }
        : undefined,
    webPush,
    botFramework: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
    },
  });
}

/** Read `.env` (if present) into process.env, then validate it. */
export function loadEnv(envFile = '.env'): Readonly<AppConfig> {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseEnv(process.env);
}
