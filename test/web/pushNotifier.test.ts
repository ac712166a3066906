import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import restify from 'restify';
import webpush from 'web-push';
import { ManualClock } from '../../bot/time/clock.js';
import { freePort } from '../../bot/platform/http/freePort.js';
import { createLogger } from '../../bot/platform/logger.js';
import { TokenSigner } from '../../bot/platform/signedToken.js';
import { registerPushRoutes } from '../../bot/channels/web/push/pushRoutes.js';
import type { VapidDetails } from '../../bot/config/vapid.js';
import { WebPushNotifier } from '../../bot/channels/web/push/webPushNotifier.js';
import { LowdbPushSubscriptions } from '../../storage/lowdb/lowdbPushSubscriptions.js';
import type { PushSubscriptionRecord } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';
import { FakePushService, PUSH_HOST, pushBrowser } from '../support/fakePushService.js';

// Monday 2 March 2026, 12:00 in London (outside quiet hours 21:00-09:00); 21:00 in Tokyo (inside).
const NOON_LONDON = DateTime.fromISO('2026-03-02T12:00:00Z', { zone: 'utc' });
const QUIET = { start: '21:00', end: '09:00' };
const HEALTH_WORDS = /lonel|mood|feel|anxi|depress|health|score|ucla|ons|phq|gad|alone|sad|risk|crisis|answer|question/i;

function clientNamed(overrides: Partial<ClientRecord> = {}): ClientRecord {
  const agreed = { at: '2026-02-01T10:00:00.000Z', channel: 'webchat' };
  return {
    id: 'c-ada-0001',
    programmeId: 'demo',
    name: 'Ada Lovelace',
    phone: '+447700900123',
    timezone: 'Europe/London',
    linkWorkerId: 'sam',
    channel: 'webchat',
    createdAt: '2026-02-01T09:00:00.000Z',
    consentedAt: agreed.at,
    agreements: { texts: agreed, sharing: agreed },
    ...overrides,
  };
}

/** The claims of a VAPID `Authorization: vapid t=<JWT>, k=<key>` header, once its ES256 signature checks out against `k`. */
function vapidClaims(header: string | string[] | undefined, publicKey: string): Record<string, unknown> {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(String(header));
  expect(match, `a VAPID Authorization header: ${String(header)}`).to.not.equal(null);
  const [, head, claims, signature, k] = match!;
  expect(k).to.equal(publicKey);
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  expect(
    verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url')),
    'signed with the VAPID key',
  ).to.equal(true);
  return JSON.parse(Buffer.from(claims!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('WebPushNotifier', () => {
  let dir: string;
  let pushService: FakePushService;
  let vapid: VapidDetails;
  let clock: ManualClock;
  let store: LowdbPushSubscriptions;
  let logLines: string[];
  let notifier: WebPushNotifier;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-push-'));
    pushService = await FakePushService.start(dir);
    vapid = { subject: 'mailto:team@example.org', ...webpush.generateVAPIDKeys() };
  });
  after(async () => {
    await pushService.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let storeDir = 0;
  beforeEach(() => {
    clock = new ManualClock(NOON_LONDON);
    store = new LowdbPushSubscriptions(join(dir, `subscriptions-${(storeDir += 1)}`));
    logLines = [];
    pushService.requests.length = 0;
    pushService.statusFor.clear();
    notifier = new WebPushNotifier({
      subscriptions: store,
      vapid,
      clock,
      log: createLogger('debug', clock, (line) => logLines.push(line)),
      quietHours: QUIET,
      agent: pushService.agent,
    });
  });

  const endpoint = (name: string) => `${pushService.origin}/send/${name}`;
  async function subscribe(clientId: string, name: string) {
    const b = pushBrowser(endpoint(name));
    await store.add(clientId, { ...b.json, createdAt: clock.now().toISO()! } satisfies PushSubscriptionRecord);
    return b;
  }

  it('tells each browser "Linkwell has a check-in for you", encrypted to it and signed with the VAPID key, with no health words', async () => {
    const client = clientNamed();
    const phone = await subscribe(client.id, 'phone');
    const laptop = await subscribe(client.id, 'laptop');

    expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 2, removed: 0 });

    expect(pushService.requests.map((r) => r.path).sort()).to.deep.equal(['/send/laptop', '/send/phone']);
    for (const [b, path] of [
      [phone, '/send/phone'],
      [laptop, '/send/laptop'],
    ] as const) {
      const request = pushService.requests.find((r) => r.path === path)!;
      expect(request.body.includes(Buffer.from('check-in')), 'not sent in the clear').to.equal(false);
      const payload = b.read(request.body);
      expect(payload).to.deep.equal({ title: 'Linkwell', body: 'Linkwell has a check-in for you', url: '/chat' });
      const words = JSON.stringify(payload);
      expect(words).to.not.include('Ada');
      expect(words).to.not.match(HEALTH_WORDS);
      expect(request.headers['content-encoding']).to.equal('aes128gcm');
      expect(request.headers.ttl).to.equal('14400');
      expect(request.headers.urgency).to.equal('normal');
      expect(request.headers.topic).to.equal('check-in');
      const claims = vapidClaims(request.headers.authorization, vapid.publicKey);
      expect(claims.aud).to.equal(pushService.origin);
      expect(claims.sub).to.equal('mailto:team@example.org');
      expect(claims.exp).to.be.a('number');
    }
  });

  it('says only "Linkwell has a message for you" for a message', async () => {
    const client = clientNamed();
    const phone = await subscribe(client.id, 'phone');
    expect(await notifier.notify(client, 'message')).to.deep.equal({ sent: 1, removed: 0 });
    expect(phone.read(pushService.requests[0]!.body)).to.deep.equal({ title: 'Linkwell', body: 'Linkwell has a message for you', url: '/chat' });
  });

  for (const status of [410, 404]) {
    it(`forgets a browser whose push service answers ${status}, without trying it again`, async () => {
      const client = clientNamed();
      await subscribe(client.id, 'gone');
      await subscribe(client.id, 'phone');
      pushService.statusFor.set('/send/gone', status);

      expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 1, removed: 1 });
      expect((await store.list(client.id)).map((s) => s.endpoint)).to.deep.equal([endpoint('phone')]);
      expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 1, removed: 0 });
      expect(pushService.requests.filter((r) => r.path === '/send/gone')).to.have.length(1);
    });
  }

  it('keeps a browser whose push service fails (500) or cannot be reached, logging a status and a short tag, never the endpoint', async () => {
    const client = clientNamed();
    await subscribe(client.id, 'flaky');
    const down = `https://${PUSH_HOST}:${await freePort()}/send/down`;
    await store.add(client.id, { ...pushBrowser(down).json, createdAt: clock.now().toISO()! });
    pushService.statusFor.set('/send/flaky', 500);

    expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 0, removed: 0 });

    expect(await store.list(client.id)).to.have.length(2);
    const warnings = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.status ?? w.error)).to.have.members([500, 'ECONNREFUSED']);
    for (const w of warnings) expect(w.endpoint).to.match(/^push#[0-9a-f]{10}$/);
    const log = logLines.join('\n');
    expect(log).to.not.include('/send/');
    expect(log).to.not.include(PUSH_HOST);
  });

  it('removes a subscription past its expiry time without sending to it', async () => {
    const client = clientNamed();
    const b = pushBrowser(endpoint('expired'));
    await store.add(client.id, { ...b.json, expirationTime: clock.now().minus({ minutes: 1 }).toMillis(), createdAt: clock.now().toISO()! });
    expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 0, removed: 1 });
    expect(pushService.requests).to.have.length(0);
    expect(await store.list(client.id)).to.deep.equal([]);
  });

  const quietCases: Array<[string, Partial<ClientRecord>, string]> = [
    ['has opted out', { optedOutAt: '2026-03-01T10:00:00.000Z' }, 'opted-out'],
    ['is paused', { pausedUntil: '2026-03-09T00:00:00.000Z' }, 'paused'],
    ['has not agreed yet', { consentedAt: undefined, agreements: undefined }, 'not-agreed'],
    ['has agreed to texts but not to sharing', { agreements: { texts: { at: '2026-02-01T10:00:00.000Z', channel: 'webchat' } } }, 'not-agreed'],
    ['is in quiet hours on their own clock (21:00 in Tokyo)', { timezone: 'Asia/Tokyo' }, 'quiet-hours'],
  ];
  for (const [who, overrides, reason] of quietCases) {
    it(`sends nothing to a client who ${who}`, async () => {
      const client = clientNamed(overrides);
      await subscribe(client.id, 'phone');
      expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 0, removed: 0, skipped: reason });
      expect(pushService.requests).to.have.length(0);
    });
  }

  it('sends again once a pause has ended and quiet hours are over', async () => {
    const paused = clientNamed({ pausedUntil: '2026-03-02T11:59:00.000Z' });
    await subscribe(paused.id, 'phone');
    expect((await notifier.notify(paused, 'check-in')).sent).to.equal(1);
    clock.set(DateTime.fromISO('2026-03-02T21:30:00Z'));
    expect((await notifier.notify(paused, 'check-in')).skipped).to.equal('quiet-hours');
    clock.set(DateTime.fromISO('2026-03-03T09:00:00Z'));
    expect((await notifier.notify(paused, 'check-in')).sent).to.equal(1);
  });

  it('says so when the client has no browser subscribed, and never throws when its store fails', async () => {
    expect(await notifier.notify(clientNamed(), 'check-in')).to.deep.equal({ sent: 0, removed: 0, skipped: 'no-subscriptions' });
    const broken = new WebPushNotifier({
      subscriptions: {
        ...store,
        list: () => Promise.reject(new Error('disk gone')),
        add: store.add,
        remove: store.remove,
        removeForClient: store.removeForClient,
      },
      vapid,
      clock,
      log: createLogger('silent', clock),
      quietHours: QUIET,
    });
    expect(await broken.notify(clientNamed(), 'check-in')).to.deep.equal({ sent: 0, removed: 0, skipped: 'store-error' });
  });

  it('reaches a browser that subscribed through the web chat route', async () => {
    const signer = new TokenSigner('push-notifier-test-secret-0123456789abcdef', clock);
    const server = restify.createServer({ name: 'linkwell-test', handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    registerPushRoutes(server, { vapid, subscriptions: store, signer, links: { standing: async () => 'ok' }, clock, log: createLogger('silent', clock) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = clientNamed();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { publicKey } = (await (await fetch(`${url}/api/webchat/push/key`)).json()) as { publicKey: string };
      expect(publicKey).to.equal(vapid.publicKey);
      const token = signer.sign({ typ: 'conversation', sub: client.id, cid: 'conv-1', exp: signer.expiresIn(1800), gen: 0, lexp: signer.expiresIn(3600) });
      const phone = pushBrowser(endpoint('subscribed-by-route'));
      const res = await fetch(`${url}/api/webchat/push/subscription`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(phone.json),
      });
      expect(res.status, await res.clone().text()).to.equal(201);

      expect(await notifier.notify(client, 'check-in')).to.deep.equal({ sent: 1, removed: 0 });
      expect(phone.read(pushService.requests[0]!.body)).to.deep.equal({ title: 'Linkwell', body: 'Linkwell has a check-in for you', url: '/chat' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
