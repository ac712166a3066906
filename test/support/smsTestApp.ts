import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { Clock } from '../../bot/time/clock.js';
import type { Programme } from '../../bot/config/programmeSchema.js';
import { startFakeTwilio, type FakeMessage, type FakeTwilio } from './fakeTwilio.js';
import { startTestApp, type TestApp } from './testApp.js';
import { freePort } from '../../bot/platform/http/freePort.js';

export const TEST_ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const TEST_AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
export const TEST_FROM_NUMBER = '+447700900999';

export interface SmsTestApp extends TestApp {
  twilio: FakeTwilio;
  /** The URL Twilio is told to call (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** POST a text to /api/sms, signed as Twilio signs it; resolves to the webhook's response. */
  text(from: string, body: string, extra?: Record<string, string>): Promise<Response>;
  /** Wait until every received text has had its turn and every due message has gone to Twilio. */
  settle(): Promise<void>;
  /** Bodies of the messages Twilio was asked to send to `to`, oldest first. */
  sentTo(to: string): string[];
}

/**
 * The real server with SMS on, against a fake Twilio on loopback. By default PUBLIC_BASE_URL is
 * the server's own loopback URL, so the fake's status callbacks reach it as Twilio's would.
 */
export async function startSmsTestApp(
  options: {
    clock?: Clock;
    dataDir?: string;
    programme?: Programme;
    twilio?: FakeTwilio;
    publicBaseUrl?: string;
    env?: Record<string, string>;
    logSink?: (line: string) => void;
    scheduler?: 'auto' | 'manual';
  } = {},
): Promise<SmsTestApp> {
  const fake = options.twilio ?? (await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN }));
  const port = await freePort();
  const publicBaseUrl = options.publicBaseUrl ?? `http://127.0.0.1:${port}`;
  const t = await startTestApp({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.programme ? { programme: options.programme } : {}),
    ...(options.logSink ? { logSink: options.logSink } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    env: {
      PORT: String(port),
      PUBLIC_BASE_URL: publicBaseUrl,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      TWILIO_FROM_NUMBER: TEST_FROM_NUMBER,
      TWILIO_API_BASE_URL: fake.url,
      SMS_SEND_RATE_PER_SECOND: '1000',
      ...options.env,
    },
  });
  const sms = t.app.sms;
  if (!sms) throw new Error('SMS did not start');
  return {
    ...t,
    twilio: fake,
    publicBaseUrl,
    text: (from, body, extra = {}) => postTwilioForm(t.url, publicBaseUrl, '/api/sms', { ...inboundForm(from, body), ...extra }),
    settle: async () => {
      await sms.inbound.idle();
      await sms.dispatcher.idle();
    },
    sentTo: (to) => fake.messages.filter((m: FakeMessage) => m.to === to).map((m) => m.body),
    close: async (closeOptions) => {
      await t.close(closeOptions);
      if (!options.twilio) await fake.close();
    },
  };
}

/** The form Twilio posts for an inbound SMS. */
export function inboundForm(from: string, body: string): Record<string, string> {
  const sid = newMessageSid();
  return {
    ToCountry: 'GB',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: body,
    To: TEST_FROM_NUMBER,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: TEST_ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
  };
}

/** X-Twilio-Signature as Twilio computes it over the URL it calls. */
export function twilioSignature(publicBase: string, path: string, form: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${publicBase}${path}`, form);
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** POST a form to the local server as Twilio would: signed over the public URL, not the local one. */
export async function postTwilioForm(localBase: string, publicBase: string, path: string, form: Record<string, string>, signature?: string): Promise<Response> {
  const signed = signature ?? twilioSignature(publicBase, path, form);
  return fetch(`${localBase}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signed },
    body: new URLSearchParams(form).toString(),
  });
}

/** Enrols Margaret Ellis (Priya Shah's client, London, by SMS) at `phone` through the admin API; resolves to her id. */
export async function enrolSmsClient(t: TestApp, phone: string): Promise<string> {
  const created = await t.admin('/api/admin/clients', {
    method: 'POST',
    body: JSON.stringify({ name: 'Margaret Ellis', phone, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
  });
  if (created.status !== 201) throw new Error(`enrolling a test client answered ${created.status}`);
  return ((await created.json()) as { id: string }).id;
}
