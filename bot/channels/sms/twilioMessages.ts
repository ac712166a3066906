import { ownValue } from '../../platform/http/ownValue.js';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message.js';
import type * as TwilioHttp from 'twilio/lib/http/response.js';
import { twilioSdk } from './twilioSdk.js';

export interface OutboundSms {
  to: string;
  body: string;
  statusCallback?: string | undefined;
}

/**
 * What became of one send. `mayHaveBeenSent` says Twilio may have accepted the message although we
 * saw no answer: check `listSentTo` before sending it again. `reason` is safe to log.
 */
export type SendResult =
  | { ok: true; sid: string; status: string }
  | {
      ok: false;
      retry: boolean;
      mayHaveBeenSent: boolean;
      httpStatus?: number;
      code?: number;
      retryAfterMs?: number;
      reason: string;
    };

export type SendFailure = Extract<SendResult, { ok: false }>;

export interface SentMessage {
  sid: string;
  to: string;
  body: string;
  status: string;
  /** ISO 8601; Twilio keeps whole seconds. */
  dateCreated: string;
}

export type SmsSender = { messagingServiceSid: string } | { from: string };

export interface TwilioMessages {
  send(message: OutboundSms): Promise<SendResult>;
  /** Messages sent to `to` created at or after `since`, newest first (to reconcile sends interrupted by a restart). */
  listSentTo(to: string, since: Date): Promise<SentMessage[]>;
}

export interface TwilioMessagesOptions {
  accountSid: string;
  authToken: string;
  sender: SmsSender;
  /** Another base URL for every REST call instead of https://api.twilio.com (for testing). */
  apiBaseUrl?: string | undefined;
  /** How long a request may go unanswered; 10 s unless given. */
  timeoutMs?: number;
}

/** Thrown by `listSentTo` when Twilio cannot be asked; `failure` is classified as for a send. */
export class TwilioRequestError extends Error {
  override readonly name = 'TwilioRequestError';

  // No `cause`: Twilio's own messages quote phone numbers, and the logger prints causes.
  constructor(readonly failure: SendFailure) {
    super(failure.reason);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Enough history for one person; the newest of them are what a reconciliation needs.
const LIST_LIMIT = 200;
const LIST_PAGE_SIZE = 100;

// Failures that happen before a connection exists, so no byte of the request can have reached Twilio.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

// Short descriptions for the logs: Twilio's own `message` often quotes the 'To' number.
const KNOWN_CODES: Record<number, string> = {
  20003: 'authentication failed',
  20404: 'resource not found',
  20429: 'too many requests',
  21211: "invalid 'To' number",
  21408: "sending to the 'To' number's region is not enabled",
  21602: 'message body is required',
  21604: "'To' number is required",
  21606: "the 'From' number cannot send SMS",
  21610: 'recipient has unsubscribed (replied STOP)',
  21612: "the 'To' number is unreachable from this sender",
  21614: "the 'To' number cannot receive SMS",
  21617: 'message body is too long',
};

/**
 * An HTTP answer of 400 or more. twilio's RestException keeps Twilio's error code but drops the
 * response headers, and with them a 429's Retry-After.
 */
class TwilioHttpFailure extends Error {
  override readonly name = 'TwilioHttpFailure';

  constructor(
    readonly status: number,
    readonly headers: Record<string, unknown>,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The only door to Twilio's REST API: sends SMS and lists what was sent, classifying every failure. */
export function createTwilioMessages(options: TwilioMessagesOptions): TwilioMessages {
  const twilio = twilioSdk();
  class FailureKeepingRequestClient extends twilio.RequestClient {
    override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioHttp.default<TData>> {
      const response = await super.request(opts);
      if (response.statusCode >= 400) throw new TwilioHttpFailure(response.statusCode, response.headers ?? {}, response.body);
      return response;
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The outbox decides about retries, so twilio's own 429 retry (autoRetry) stays off.
  const client = twilio(options.accountSid, options.authToken, {
    httpClient: new FailureKeepingRequestClient({ timeout: timeoutMs }),
  });
  // Every Messages URL, next-page links included, is built from the api domain's baseUrl.
  if (options.apiBaseUrl) client.api.baseUrl = options.apiBaseUrl;
  const { sender } = options;

  return {
    async send(message) {
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...sender,
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { ok: true, sid: created.sid, status: created.status };
      } catch (error) {
        return classifyFailure(error, timeoutMs);
      }
    },

    async listSentTo(to, since) {
      // Not Twilio's DateSent filter: a message still queued has no date_sent yet, and those are
      // exactly the ones a restart may have left unconfirmed.
      const sinceMs = Math.floor(since.getTime() / 1000) * 1000;
      let found: MessageInstance[];
      try {
        found = await client.messages.list({
          to,
          ...('from' in sender ? { from: sender.from } : {}),
          pageSize: LIST_PAGE_SIZE,
          limit: LIST_LIMIT,
        });
      } catch (error) {
        throw new TwilioRequestError(classifyFailure(error, timeoutMs));
      }
      return found
        .filter((m) => m.dateCreated.getTime() >= sinceMs)
        .filter((m) => !('messagingServiceSid' in sender) || m.messagingServiceSid === sender.messagingServiceSid)
        .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())
        .map((m) => ({ sid: m.sid, to: m.to, body: m.body, status: m.status, dateCreated: m.dateCreated.toISOString() }));
    },
  };
}

function classifyFailure(error: unknown, timeoutMs: number): SendFailure {
  if (error instanceof TwilioHttpFailure) return classifyHttpFailure(error);
  const code = errorCode(error);
  if (code !== undefined && NOT_CONNECTED.has(code)) {
    return { ok: false, retry: true, mayHaveBeenSent: false, reason: `could not connect to Twilio (${code})` };
  }
  if (code !== undefined && TIMED_OUT.has(code)) {
    return { ok: false, retry: true, mayHaveBeenSent: true, reason: `no answer from Twilio within ${timeoutMs} ms` };
  }
  if (code !== undefined) {
    return { ok: false, retry: true, mayHaveBeenSent: true, reason: `connection to Twilio failed (${code})` };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { ok: false, retry: true, mayHaveBeenSent: true, reason: `unexpected failure talking to Twilio (${name})` };
}

function classifyHttpFailure({ status, headers, body }: TwilioHttpFailure): SendFailure {
  const code = twilioErrorCode(body);
  const codeDescription = code === undefined ? '' : `, error ${code}${ownValue(KNOWN_CODES, code) ? `: ${ownValue(KNOWN_CODES, code)}` : ''}`;
  const details = { httpStatus: status, ...(code === undefined ? {} : { code }) };
  if (status === 429 || status >= 500) {
    const retryAfterMs = retryAfter(headers['retry-after']);
    return {
      ok: false,
      retry: true,
      // 429 and 503 refuse the request outright; any other 5xx may come after Twilio stored the message.
      mayHaveBeenSent: status !== 429 && status !== 503,
      ...details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      reason: `Twilio answered HTTP ${status}${codeDescription}`,
    };
  }
  return { ok: false, retry: false, mayHaveBeenSent: false, ...details, reason: `Twilio refused the request (HTTP ${status}${codeDescription})` };
}

/** Twilio's JSON error body is `{ code, message, more_info, status }`; axios may hand it over unparsed. */
function twilioErrorCode(body: unknown): number | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const code = typeof parsed === 'object' && parsed !== null ? (parsed as { code?: unknown }).code : undefined;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

function retryAfter(header: unknown): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
