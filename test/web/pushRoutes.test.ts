import { createECDH } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import restify from 'restify';
import webpush from 'web-push';
import { ManualClock } from '../../bot/time/clock.js';
import { createLogger } from '../../bot/platform/logger.js';
import { TokenSigner } from '../../bot/platform/signedToken.js';
import { ChatLinks } from '../../bot/channels/web/chatLinks.js';
import { registerPushRoutes } from '../../bot/channels/web/push/pushRoutes.js';
import type { VapidDetails } from '../../bot/config/vapid.js';
import { LowdbPushSubscriptions } from '../../storage/lowdb/lowdbPushSubscriptions.js';
import { openLowdbStore, type LowdbStore } from '../../storage/lowdb/openLowdbStore.js';
import type { NewClient } from '../../storage/records.js';

const NOW = DateTime.fromISO('2026-03-02T12:00:00Z', { zone: 'utc' });
const API = '/api/webchat/push';

function subscriptionJson(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: Buffer.alloc(16, 7).toString('base64url') } };
}

function newClient(phone: string): NewClient {
  return { programmeId: 'demo', name: 'Client', phone, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat', createdAt: NOW.toISO()! };
}

interface Rig {
  url: string;
  store: LowdbStore;
  subscriptions: LowdbPushSubscriptions;
  signer: TokenSigner;
  links: ChatLinks;
  close(): Promise<void>;
}

/** A restify server set up as bot/server/app.ts sets one up, with only the push routes. */
async function startRig(dataDir: string, clock: ManualClock, vapid: VapidDetails | undefined): Promise<Rig> {
  const store = await openLowdbStore(dataDir, { now: () => clock.now() });
  const subscriptions = new LowdbPushSubscriptions(join(dataDir, 'push'));
  const signer = new TokenSigner('push-routes-test-secret-0123456789abcdef', clock);
  const links = new ChatLinks({ signer, clients: store.clients, history: store.clients, clock, ttlHours: 24, baseUrl: () => 'http://127.0.0.1' });
  const server = restify.createServer({ name: 'linkwell-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  registerPushRoutes(server, { vapid, subscriptions, signer, links, clock, log: createLogger('silent', clock) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    subscriptions,
    signer,
    links,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}

describe('registerPushRoutes', () => {
  let dataDir: string;
  let clock: ManualClock;
  let rig: Rig;
  let ada: string;
  let bea: string;
  const vapid = { subject: 'mailto:team@example.org', ...webpush.generateVAPIDKeys() };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-push-routes-'));
    clock = new ManualClock(NOW);
    rig = await startRig(dataDir, clock, vapid);
    const idOf = async (phone: string) => {
      const created = await rig.store.clients.create(newClient(phone));
      return created.ok ? created.client.id : expect.fail('client not created');
    };
    ada = await idOf('+447700900201');
    bea = await idOf('+447700900202');
  });
  afterEach(async () => {
    await rig.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const conversationToken = (clientId: string, linkExpiresInSeconds = 3600) =>
    rig.signer.sign({
      typ: 'conversation',
      sub: clientId,
      cid: `conv-${clientId}`,
      exp: rig.signer.expiresIn(1800),
      gen: 0,
      lexp: rig.signer.expiresIn(linkExpiresInSeconds),
    });
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${rig.url}${API}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('gives the page the public key to subscribe with', async () => {
    const res = await fetch(`${rig.url}${API}/key`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ publicKey: vapid.publicKey });
  });

  it('keeps the subscription of the client the conversation token names (201)', async () => {
    const json = subscriptionJson('https://fcm.googleapis.com/fcm/send/abc123');
    const res = await post('/subscription', json, conversationToken(ada));
    expect(res.status, await res.clone().text()).to.equal(201);
    const kept = await rig.subscriptions.list(ada);
    expect(kept.map(({ endpoint, keys }) => ({ endpoint, keys }))).to.deep.equal([{ endpoint: json.endpoint, keys: json.keys }]);
    expect(kept[0]!.createdAt).to.equal(NOW.toISO());
    expect(await rig.subscriptions.list(bea)).to.deep.equal([]);
  });

  const refusedEndpoints: Array<[string, string, RegExp]> = [
    ['an http: endpoint', 'http://push.example.org/send/1', /subscription\.endpoint: must be an https: URL/],
    ['a data: URL', 'data:text/plain,hello', /must be an https: URL/],
    ['an endpoint on this machine', 'https://localhost:8443/send/1', /not this machine/],
    ['an endpoint at an IP address', 'https://10.0.0.5/send/1', /not an IP address/],
    ['an endpoint at an IPv6 address', 'https://[::1]/send/1', /not an IP address/],
    ['an endpoint with a user name', 'https://user:pw@push.example.org/send/1', /user name or password/],
    ['an endpoint that is not a URL', 'push.example.org/send/1', /expected the https: URL/],
  ];
  for (const [what, endpoint, message] of refusedEndpoints) {
    it(`refuses ${what} with 400, saying why`, async () => {
      const res = await post('/subscription', subscriptionJson(endpoint), conversationToken(ada));
      expect(res.status).to.equal(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).to.equal('invalid_subscription');
      expect(body.message).to.match(message);
      expect(await rig.subscriptions.list(ada)).to.deep.equal([]);
    });
  }

  it("refuses keys that are not a browser's (wrong length, not on the curve) with 400", async () => {
    const good = subscriptionJson('https://push.example.org/send/1');
    for (const keys of [
      { ...good.keys, auth: Buffer.alloc(12).toString('base64url') },
      { ...good.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url') },
      { ...good.keys, p256dh: 'not base64!' },
    ]) {
      const res = await post('/subscription', { ...good, keys }, conversationToken(ada));
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { message: string }).message).to.match(/subscription\.keys\.(auth|p256dh): must be/);
    }
  });

  it('refuses a request with no token, a link token, an expired chat link or a withdrawn one (401)', async () => {
    const json = subscriptionJson('https://push.example.org/send/1');
    const linkToken = rig.signer.sign({ typ: 'link', sub: ada, exp: rig.signer.expiresIn(3600), gen: 0 });
    const soonExpired = conversationToken(ada, 60);
    const beforeWithdrawal = conversationToken(ada);
    clock.advance({ minutes: 2 });
    await rig.links.withdraw(ada, 'Sam Okafor');
    for (const [token, message] of [
      [undefined, /bearer token/],
      ['v1.forged.token', /bearer token/],
      [linkToken, /bearer token/],
      [soonExpired, /link has expired/],
      [beforeWithdrawal, /no longer in use/],
    ] as const) {
      const res = await post('/subscription', json, token);
      expect(res.status).to.equal(401);
      expect(((await res.json()) as { message: string }).message).to.match(message);
    }
    expect(await rig.subscriptions.list(ada)).to.deep.equal([]);
  });

  it("unsubscribes only the token's own client: another client's token cannot remove a subscription (204 either way)", async () => {
    const json = subscriptionJson('https://push.example.org/send/ada-phone');
    expect((await post('/subscription', json, conversationToken(ada))).status).to.equal(201);

    const byOther = await post('/unsubscribe', { endpoint: json.endpoint }, conversationToken(bea));
    expect(byOther.status).to.equal(204);
    expect(await rig.subscriptions.list(ada)).to.have.length(1);
    expect((await post('/unsubscribe', { endpoint: json.endpoint })).status).to.equal(401);

    const byOwner = await post('/unsubscribe', { endpoint: json.endpoint }, conversationToken(ada));
    expect(byOwner.status).to.equal(204);
    expect(await rig.subscriptions.list(ada)).to.deep.equal([]);
  });

  it('answers 404 for the key and for subscribing when push is off', async () => {
    await rig.close();
    rig = await startRig(dataDir, clock, undefined);
    expect((await fetch(`${rig.url}${API}/key`)).status).to.equal(404);
    expect((await post('/subscription', subscriptionJson('https://push.example.org/send/1'), conversationToken(ada))).status).to.equal(404);
    // The installable chat is served either way.
    expect((await fetch(`${rig.url}/chat/manifest.webmanifest`)).status).to.equal(200);
  });

  it('serves the service worker as JavaScript, allowed to control /chat', async () => {
    const res = await fetch(`${rig.url}/chat/sw.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/javascript/);
    expect(res.headers.get('service-worker-allowed')).to.equal('/chat');
    const source = await res.text();
    expect(source).to.include("addEventListener('push'");
    expect(source).to.include("addEventListener('notificationclick'");
  });

  it('serves a manifest that parses and names icons the server serves, each of the size it says', async () => {
    const res = await fetch(`${rig.url}/chat/manifest.webmanifest`);
    expect(res.headers.get('content-type')).to.match(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; type: string }>;
    };
    expect(manifest).to.include({ short_name: 'Linkwell', start_url: '/chat', display: 'standalone', theme_color: '#1f4e5f' });
    expect(manifest.name).to.be.a('string').and.not.equal('');
    expect(manifest.icons.map((i) => i.sizes)).to.include.members(['192x192', '512x512', 'any']);
    for (const icon of manifest.icons) {
      const served = await fetch(new URL(icon.src, rig.url));
      expect(served.status, icon.src).to.equal(200);
      expect(served.headers.get('content-type'), icon.src).to.equal(icon.type);
      const bytes = Buffer.from(await served.arrayBuffer());
      if (icon.type === 'image/png') {
        expect(bytes.subarray(1, 4).toString('ascii'), 'a PNG').to.equal('PNG');
        expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).to.equal(icon.sizes);
      } else {
        expect(bytes.toString('utf8')).to.match(/^<svg /);
      }
    }
  });
});
