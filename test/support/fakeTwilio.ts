import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export type CallbackStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** A message the fake accepted. `at` is its date_created; `from` stays null until a Messaging Service picks a number. */
export interface FakeMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: 'accepted' | CallbackStatus;
  errorCode: number | null;
  at: Date;
  dateSent: Date | null;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  authorised: boolean;
  at: Date;
}

/**
 * What the next create request meets instead of a normal answer. `hangMs` leaves it unanswered that
 * long, then accepts it as Twilio would (the client may have given up by then); `reset` destroys the
 * connection without recording anything.
 */
export type FakeFault = { status: 429; retryAfter?: number } | { status: 500 | 503 } | { hangMs: number } | { reset: true } | { code: number; status?: number };

export interface FakeTwilio {
  /** Base URL, e.g. http://127.0.0.1:PORT, to use as the client's API base URL. */
  readonly url: string;
  readonly messages: readonly FakeMessage[];
  readonly requests: readonly FakeRequest[];
  /** The next `times` create requests meet `fault`, in order after any already queued. */
  failNext(fault: FakeFault, times?: number): void;
  /** The next `times` valid create requests are recorded as accepted, then the connection is reset unanswered. */
  acceptButReset(times?: number): void;
  /** Moves a message to `status` and POSTs Twilio's signed status callback to its StatusCallback; resolves to the HTTP status answered. */
  sendStatusCallback(sid: string, status: CallbackStatus, errorCode?: number): Promise<number>;
  /** Forgets messages, requests, queued faults and requests still hanging. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** The fake's clock, for date_created and date_sent. */
  now?: () => Date;
  /** The number a Messaging Service sends from, once a message leaves 'accepted'. */
  messagingServiceNumber?: string;
  /**
   * Every accepted message is recorded at once and answered this much later, as a slow Twilio
   * would: a client killed in between has sent a message it never heard about.
   */
  latencyMs?: number;
}

type Planned = FakeFault | { acceptThenReset: true };

const API_VERSION = '2010-04-01';
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MESSAGE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const GSM_7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€\f]*$/;
const GSM_7_EXTENSION = /[\^{}\\[~\]|€\f]/g;

const ERROR_MESSAGES: Record<number, (to: string) => string> = {
  20001: () => 'Bad Request',
  20003: () => 'Authenticate',
  20404: () => 'The requested resource was not found',
  20429: () => 'Too Many Requests',
  20500: () => 'Internal Server Error',
  20503: () => 'Service Unavailable',
  21211: (to) => `The 'To' number ${to} is not a valid phone number.`,
  21408: (to) => `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
  21602: () => 'Message body is required.',
  21603: () => "A 'From' phone number is required.",
  21604: () => "A 'To' phone number is required.",
  21610: () => 'Attempt to send to unsubscribed recipient',
  21614: (to) => `'To' number ${to} is not a valid mobile number`,
  21617: () => 'The concatenated message body exceeds the 1600 character limit.',
};

/** A fake of Twilio's Messages REST API on 127.0.0.1, with fault injection and signed status callbacks. */
export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const { accountSid, authToken } = options;
  const now = options.now ?? (() => new Date());
  const serviceNumber = options.messagingServiceNumber ?? '+15005550006';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages: FakeMessage[] = [];
  const requests: FakeRequest[] = [];
  const bySid = new Map<string, FakeMessage>();
  const byTo = new Map<string, FakeMessage[]>();
  const planned: Planned[] = [];
  const hanging = new Map<NodeJS.Timeout, ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  // Longer than any client keeps an idle socket, so a benchmark never reuses one the fake is closing.
  server.keepAliveTimeout = 60_000;

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const form = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(rawBody)) : {};
    const authorised = req.headers.authorization === expectedAuth;
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), form, authorised, at: now() });

    if (!authorised) {
      answerError(res, 401, 20003, '', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
      return;
    }
    const list = MESSAGES_PATH.exec(url.pathname);
    const one = MESSAGE_PATH.exec(url.pathname);
    const found = one?.[1] === accountSid && req.method === 'GET' ? bySid.get(one[2] ?? '') : undefined;
    if (list?.[1] === accountSid && req.method === 'POST') create(req, res, form);
    else if (list?.[1] === accountSid && req.method === 'GET') listPage(res, url);
    else if (found) answer(res, 200, toJson(found));
    else answerError(res, 404, 20404, '');
  }

  function create(req: IncomingMessage, res: ServerResponse, form: Record<string, string>): void {
    const fault = planned.shift();
    if (!fault && options.latencyMs) {
      const answerLater = new PassThroughAnswer(res);
      accept(answerLater as unknown as ServerResponse, form);
      const timer = setTimeout(() => {
        hanging.delete(timer);
        answerLater.flush();
      }, options.latencyMs);
      hanging.set(timer, res);
    } else if (!fault) {
      accept(res, form);
    } else if ('acceptThenReset' in fault) {
      if (accept(null, form)) req.socket.resetAndDestroy();
      else accept(res, form);
    } else if ('hangMs' in fault) {
      const timer = setTimeout(() => {
        hanging.delete(timer);
        accept(res.destroyed ? null : res, form);
      }, fault.hangMs);
      hanging.set(timer, res);
    } else if ('reset' in fault) {
      req.socket.resetAndDestroy();
    } else if ('code' in fault) {
      answerError(res, fault.status ?? 400, fault.code, form.To ?? '');
    } else if (fault.status === 429) {
      answerError(res, 429, 20429, '', fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
    } else {
      answerError(res, fault.status, fault.status === 503 ? 20503 : 20500, '');
    }
  }

  /** Validates like Twilio and records the message; answers on `res` when given. Returns whether it was accepted. */
  function accept(res: ServerResponse | null, form: Record<string, string>): boolean {
    const { To: to, From: from, MessagingServiceSid: service, Body: body, StatusCallback: statusCallback } = form;
    const invalid = !to ? 21604 : !from && !service ? 21603 : !body ? 21602 : !E164.test(to) ? 21211 : body.length > 1600 ? 21617 : undefined;
    if (invalid !== undefined || !to || !body) {
      if (res) answerError(res, 400, invalid ?? 20001, to ?? '');
      return false;
    }
    const message: FakeMessage = {
      sid: `SM${randomUUID().replaceAll('-', '')}`,
      to,
      from: from || null,
      messagingServiceSid: service || null,
      body,
      statusCallback: statusCallback || null,
      status: service && !from ? 'accepted' : 'queued',
      errorCode: null,
      at: now(),
      dateSent: null,
    };
    messages.push(message);
    bySid.set(message.sid, message);
    const sameTo = byTo.get(to);
    if (sameTo) sameTo.push(message);
    else byTo.set(to, [message]);
    if (res) answer(res, 201, toJson(message));
    return true;
  }

  function listPage(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const pageSize = q.has('PageSize') ? Number(q.get('PageSize')) : 50;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      answerError(res, 400, 20001, '', {}, 'Invalid PageSize.');
      return;
    }
    const sentOn = dateFilter(q.get('DateSent'), 'on');
    const sentAfter = dateFilter(q.get('DateSent>'), 'from');
    const sentBefore = dateFilter(q.get('DateSent<'), 'until');
    if (sentOn === null || sentAfter === null || sentBefore === null) {
      answerError(res, 400, 20001, '');
      return;
    }
    const to = q.get('To');
    const from = q.get('From');
    const ranges = [sentOn, sentAfter, sentBefore].filter((r) => r !== undefined);
    const candidates = to === null ? messages : (byTo.get(to) ?? []);
    const token = q.get('PageToken')?.replace(/^PA/, '');
    const pageNumber = Number(q.get('Page') ?? 0) || 0;
    // Newest first. Twilio documents DateSent order; a queued message has no date_sent, so order by creation.
    // The scan stops one message past the page, so paging through a big history stays linear.
    const matching: FakeMessage[] = [];
    let start = token ? -1 : pageNumber * pageSize;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const m = candidates[i]!;
      if (from !== null && m.from !== from) continue;
      if (ranges.some(([lo, hi]) => m.dateSent === null || m.dateSent.getTime() < lo || m.dateSent.getTime() > hi)) continue;
      matching.push(m);
      if (start < 0 && m.sid === token) start = matching.length;
      if (start >= 0 && matching.length > start + pageSize) break;
    }
    start = Math.max(start, 0);
    const page = matching.slice(start, start + pageSize);
    const pageUri = (extra: Record<string, string>) => {
      const params = new URLSearchParams(q);
      params.delete('Page');
      params.delete('PageToken');
      params.set('PageSize', String(pageSize));
      for (const [key, value] of Object.entries(extra)) params.set(key, value);
      return `${url.pathname}?${params.toString()}`;
    };
    const last = page.at(-1);
    const hasMore = matching.length > start + pageSize;
    answer(res, 200, {
      first_page_uri: pageUri({ Page: '0' }),
      end: start + Math.max(page.length - 1, 0),
      previous_page_uri: null,
      messages: page.map(toJson),
      uri: `${url.pathname}${url.search}`,
      page_size: pageSize,
      start,
      next_page_uri: hasMore && last ? pageUri({ Page: String(pageNumber + 1), PageToken: `PA${last.sid}` }) : null,
      page: pageNumber,
    });
  }

  function toJson(m: FakeMessage) {
    const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${m.sid}`;
    return {
      account_sid: accountSid,
      api_version: API_VERSION,
      body: m.body,
      date_created: rfc2822(m.at),
      date_sent: m.dateSent ? rfc2822(m.dateSent) : null,
      date_updated: rfc2822(m.dateSent ?? m.at),
      direction: 'outbound-api',
      error_code: m.errorCode,
      error_message: null,
      from: m.from,
      messaging_service_sid: m.messagingServiceSid,
      num_media: '0',
      num_segments: String(segments(m.body)),
      price: null,
      price_unit: 'USD',
      sid: m.sid,
      status: m.status,
      subresource_uris: { media: `${uri}/Media.json` },
      to: m.to,
      uri: `${uri}.json`,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const cancelHanging = () => {
    for (const [timer, res] of hanging) {
      clearTimeout(timer);
      res.destroy();
    }
    hanging.clear();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) planned.push(fault);
    },
    acceptButReset(times = 1) {
      for (let i = 0; i < times; i++) planned.push({ acceptThenReset: true });
    },
    async sendStatusCallback(sid, status, errorCode) {
      const message = bySid.get(sid);
      if (!message?.statusCallback) throw new Error(`fake Twilio: no message ${sid} with a StatusCallback`);
      message.status = status;
      message.errorCode = errorCode ?? null;
      message.from ??= serviceNumber;
      if (status !== 'queued' && status !== 'failed') message.dateSent ??= now();
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: API_VERSION,
        From: message.from,
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
        ...(errorCode === undefined ? {} : { ErrorCode: String(errorCode) }),
      };
      const response = await fetch(message.statusCallback, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'User-Agent': 'TwilioProxy/1.1',
          'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, message.statusCallback, params),
        },
        body: new URLSearchParams(params),
      });
      await response.arrayBuffer();
      return response.status;
    },
    reset() {
      messages.length = 0;
      requests.length = 0;
      planned.length = 0;
      bySid.clear();
      byTo.clear();
      cancelHanging();
    },
    async close() {
      cancelHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Twilio's error body: { code, message, more_info, status }. Some messages quote the 'To' number, as Twilio's do. */
function answerError(res: ServerResponse, status: number, code: number, to: string, headers: Record<string, string> = {}, message?: string): void {
  const text = message ?? ERROR_MESSAGES[code]?.(to) ?? 'Bad Request';
  answer(res, status, { code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

/** Twilio's date format: `Mon, 13 Aug 2018 23:08:35 +0000`. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/**
 * A DateSent filter as an inclusive [from, until] range in ms: `undefined` when absent, `null` when
 * unreadable. twilio-node sends `YYYY-MM-DDTHH:mm:ssZ`; Twilio's docs describe whole days `YYYY-MM-DD`.
 */
function dateFilter(value: string | null, kind: 'on' | 'from' | 'until'): [number, number] | null | undefined {
  if (value === null) return undefined;
  const wholeDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const start = Date.parse(wholeDay ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(start)) return null;
  const end = wholeDay ? start + 86_399_999 : start + 999;
  if (kind === 'from') return [start, Infinity];
  if (kind === 'until') return [-Infinity, end];
  return [start, end];
}

/** How many SMS segments Twilio bills for a body: GSM-7 when every character allows it, else UCS-2. */
function segments(body: string): number {
  if (GSM_7.test(body)) {
    const units = body.length + (body.match(GSM_7_EXTENSION)?.length ?? 0);
    return units <= 160 ? 1 : Math.ceil(units / 153);
  }
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}

/** Holds an answer written to it and writes it to the real response later (unless that is gone). */
class PassThroughAnswer {
  readonly destroyed = false;
  private status = 200;
  private headers: Record<string, string | number> = {};
  private body = '';
  constructor(private readonly res: ServerResponse) {}
  writeHead(status: number, headers: Record<string, string | number> = {}): this {
    this.status = status;
    this.headers = headers;
    return this;
  }
  end(body = ''): this {
    this.body = body;
    return this;
  }
  flush(): void {
    if (this.res.destroyed) return;
    this.res.writeHead(this.status, this.headers);
    this.res.end(this.body);
  }
}
