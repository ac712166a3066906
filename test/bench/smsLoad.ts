import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';

export interface SmsLoadOptions {
  port: number;
  /** PUBLIC_BASE_URL of the server: Twilio signs over it. */
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
  /** Hands each text a client phone no other text in the run has used. */
  nextPhone: () => string;
  concurrency: number;
  requests: number;
  text: string;
}

export interface SmsLoadResult {
  /** Time from sending the webhook to Twilio's answer (the TwiML), per request that got a 200. */
  latenciesMs: number[];
  failures: number;
  firstFailure: string | undefined;
  wallMs: number;
  /** performance.now() when the phase began and when the last webhook was answered. */
  startedAt: number;
  endedAt: number;
}

/**
 * Post signed inbound-SMS webhooks, as Twilio does, from `concurrency` virtual phones at once.
 * Signatures are computed before each request's clock starts: the figure is the server's answer.
 */
export async function runSmsWebhookLoad(options: SmsLoadOptions): Promise<SmsLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = `${options.publicBaseUrl}/api/sms`;
  const result: SmsLoadResult = { latenciesMs: [], failures: 0, firstFailure: undefined, wallMs: 0, startedAt: performance.now(), endedAt: 0 };
  let remaining = options.requests;

  const phone = async () => {
    while (remaining > 0) {
      remaining -= 1;
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const form = {
        MessageSid: sid,
        SmsMessageSid: sid,
        SmsSid: sid,
        AccountSid: options.accountSid,
        From: options.nextPhone(),
        To: '+447700900999',
        Body: options.text,
        NumMedia: '0',
        NumSegments: '1',
        ApiVersion: '2010-04-01',
      };
      const signature = twilio.getExpectedTwilioSignature(options.authToken, url, form);
      const body = new URLSearchParams(form).toString();
      const started = performance.now();
      try {
        const status = await post(agent, options.port, body, signature);
        if (status !== 200) throw new Error(`the webhook answered ${status}`);
        result.latenciesMs.push(performance.now() - started);
      } catch (error) {
        result.failures += 1;
        result.firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, phone));
  result.endedAt = performance.now();
  result.wallMs = result.endedAt - result.startedAt;
  agent.destroy();
  return result;
}

function post(agent: Agent, port: number, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/sms',
        agent,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Twilio-Signature': signature },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}
