import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';

const SECRET = 'webhook-secret-0123456789abcdef0123456789';
const CLIENT = '+447700900778';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('alert webhook', () => {
  let receiver: Server;
  let received: Received[];
  let answer: number;
  let t: SmsTestApp;
  let clock: ManualClock;

  beforeEach(async () => {
    received = [];
    answer = 200;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const demo = JSON.parse(await readFile(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
    const programme = parseProgramme({ ...demo, alerts: { webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts` } }, 'test');
    clock = new ManualClock(DateTime.fromISO('2026-12-01T11:00:00Z'));
    t = await startSmsTestApp({ clock, programme, env: { ALERT_WEBHOOK_SECRET: SECRET } });
    await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Edith Ward', phone: CLIENT, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
    });
  });

  afterEach(async () => {
    await t.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  async function text(body: string): Promise<void> {
    await t.text(CLIENT, body);
    await t.settle();
    await t.app.alerts.idle();
  }

  it('posts each alert signed with the shared secret, and never what the client wrote', async () => {
    await text('I am going to kill myself tonight');
    expect(received).to.have.length(1);
    const [{ headers, body }] = received as [Received];
    const timestamp = String(headers['x-linkwell-timestamp']);
    // As a receiver checks it (docs/risk-and-alerts.md): sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">.
    expect(headers['x-linkwell-signature']).to.equal(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
    const posted = JSON.parse(body) as { id: string; tier: string; code: string; link: string };
    expect(posted).to.include({ tier: 'urgent', link: `${t.publicBaseUrl}/staff/alerts/${posted.id}` });
    expect(body).to.not.match(/kill myself/);
  });

  it('tries again later when the receiver fails, and records that it got through', async () => {
    answer = 503;
    await text('I want to end it all');
    expect(received).to.have.length(1);
    answer = 200;
    clock.advance({ minutes: 1 });
    await t.app.alerts.idle();
    expect(received).to.have.length(2);
    const [alert] = (await (await t.admin('/api/admin/alerts')).json()) as Array<{
      notifications: Array<{ channel: string; status: string; attempts: number }>;
    }>;
    expect(alert!.notifications.find((n) => n.channel === 'webhook')).to.include({ status: 'delivered', attempts: 2 });
  });
});
