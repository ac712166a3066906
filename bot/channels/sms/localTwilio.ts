import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopServer } from '../../platform/http/stopServer.js';

/** A text Linkwell asked the local stand-in for Twilio to send. */
export interface LocalText {
  sid: string;
  to: string;
  body: string;
}

export interface LocalTwilio {
  /** Base URL for TWILIO_API_BASE_URL. */
  url: string;
  readonly sent: readonly LocalText[];
  close(): Promise<void>;
}

/**
 * The smallest stand-in for Twilio's Messages API that Linkwell's SMS channel needs, on loopback:
 * it accepts every send (checking the account's basic auth) and keeps it, and lists nothing. For
 * trying the SMS conversation without a Twilio account or a phone (`npm run sms`).
 */
export async function startLocalTwilio(accountSid: string, authToken: string, now: () => Date): Promise<LocalTwilio> {
  const sent: LocalText[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.headers.authorization !== expectedAuth) return answer(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      if (path !== messages) return answer(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (req.method === 'GET') return answer(res, 200, { messages: [], next_page_uri: null, page: 0, page_size: 50 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const text = { sid: `SM${randomBytes(16).toString('hex')}`, to: form.get('To') ?? '', body: form.get('Body') ?? '' };
      sent.push(text);
      const created = now().toUTCString().replace('GMT', '+0000');
      return answer(res, 201, {
        sid: text.sid,
        account_sid: accountSid,
        to: text.to,
        from: form.get('From'),
        messaging_service_sid: form.get('MessagingServiceSid'),
        body: text.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: created,
        date_updated: created,
        date_sent: null,
        error_code: null,
        error_message: null,
        uri: `${messages.slice(0, -'.json'.length)}/${text.sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () => stopServer(server),
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
