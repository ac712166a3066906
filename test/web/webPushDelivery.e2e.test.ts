import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import webpush from 'web-push';
import { ManualClock } from '../../bot/time/clock.js';
import { linkTokenOf, openChat, type WebChat } from '../support/directLineClient.js';
import { FakePushService, pushBrowser } from '../support/fakePushService.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { waitFor } from '../support/waitFor.js';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

/**
 * Web Push through the whole server (real web-push, a local HTTPS push service): a web chat
 * client's browser is told when the bot writes to them unasked, in words with no health content,
 * and under the same rules as texts.
 */
describe('web push to a web chat client', function () {
  this.timeout(30_000);
  let dir: string;
  let pushService: FakePushService;
  let t: TestApp;
  let clock: ManualClock;
  const vapid = webpush.generateVAPIDKeys();
  let phones = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkwell-push-e2e-'));
    pushService = await FakePushService.start(dir);
  });
  after(async () => {
    await pushService.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    pushService.requests.length = 0;
    pushService.statusFor.clear();
    clock = new ManualClock(london('2026-03-02T11:00'));
    t = await startTestApp({
      clock,
      chatPollMs: 200,
      pushAgent: pushService.agent,
      env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:team@example.org' },
    });
  });
  afterEach(() => t.close());

  /** A web chat client who agreed and turned notices on in one browser, then closed the chat. */
  async function subscribed(name: string, device = 'phone'): Promise<{ id: string; chat: WebChat; browser: ReturnType<typeof pushBrowser> }> {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({
        name,
        phone: `+4477009008${String((phones += 1)).padStart(2, '0')}`,
        timezone: 'Europe/London',
        linkWorkerId: 'sam',
        channel: 'webchat',
      }),
    });
    expect(created.status).to.equal(201);
    const { id } = (await created.json()) as { id: string };
    const chat = await openChat(t.url, linkTokenOf((await t.app.chatLinkFor(id)).url));
    await chat.waitForBotText(/^Hello /);
    await chat.say('yes');
    await chat.waitForBotText(/^Thank you, /);
    const browser = pushBrowser(`${pushService.origin}/send/${device}`);
    const res = await fetch(`${t.url}/api/webchat/push/subscription`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chat.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(browser.json),
    });
    expect(res.status).to.equal(201);
    return { id, chat, browser };
  }

  /** Wait until the push service has had `n` requests (a push goes after the turn, not in it). */
  async function pushes(n: number): Promise<void> {
    await waitFor(() => pushService.requests.length >= n, { what: `${n} request(s) at the push service`, timeoutMs: 2000 });
    expect(pushService.requests.length).to.equal(n);
  }

  /**
   * A guard, not a wait for behaviour: a push the rules hold back leaves no trace (the notifier logs
   * only what it sends, after the turn has ended), so nothing can say it was decided. A push sent
   * wrongly reaches the local push service within milliseconds; this gives it `ms` to arrive.
   */
  async function nothingPushedFor(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  it('tells the browser when a scheduled check-in arrives, with no name or health words, and not for replies', async () => {
    const { chat, browser } = await subscribed('Ottilie Marsh');
    expect(pushService.requests, 'replies to what the client wrote push nothing').to.deep.equal([]);
    chat.end();
    clock.set(london('2026-03-02T12:00'));
    await t.app.scheduler.tick();
    await pushes(1);
    const payload = browser.read(pushService.requests[0]!.body) as { title: string; body: string; url: string };
    expect(payload).to.deep.equal({ title: 'Linkwell', body: 'Linkwell has a check-in for you', url: '/chat' });
    expect(JSON.stringify(payload)).not.to.match(/Ottilie|Marsh|lonel|companionship/i);
  });

  it('pushes nothing in quiet hours (the message waits in the chat), and nothing once texts are paused', async () => {
    const { id, chat } = await subscribed('Pru');
    chat.end();
    // A link worker starts a check-in at 22:30: it is in the chat, but no notice wakes the client.
    clock.set(london('2026-03-02T22:30'));
    expect((await t.admin(`/api/admin/clients/${id}/checkins`, { method: 'POST' })).status).to.equal(202);
    await nothingPushedFor(300);
    expect(pushService.requests).to.deep.equal([]);
    await t.app.store.clients.update(id, (c) => ({ ...c, pausedUntil: '2026-03-20T00:00:00.000Z' }));
    clock.set(london('2026-03-03T12:00'));
    await t.app.scheduler.tick();
    await nothingPushedFor(300);
    expect(pushService.requests).to.deep.equal([]);
  });

  it('forgets a browser the push service says is gone (410), and every browser once links are withdrawn or the client erased', async () => {
    const { id, chat } = await subscribed('Quin');
    chat.end();
    pushService.statusFor.set('/send/phone', 410);
    clock.set(london('2026-03-02T12:00'));
    await t.app.scheduler.tick();
    await pushes(1);
    await waitFor(async () => (await t.app.store.pushSubscriptions.list(id)).length === 0, { what: 'the gone browser to be forgotten', timeoutMs: 1000 });
    expect(await t.app.store.pushSubscriptions.list(id)).to.deep.equal([]);

    const again = await subscribed('Rue', 'laptop');
    expect(await t.app.store.pushSubscriptions.list(again.id)).to.have.length(1);
    await t.admin(`/api/admin/clients/${again.id}/chat-links/withdraw`, { method: 'POST', body: JSON.stringify({ changedBy: 'Sam Okafor' }) });
    expect(await t.app.store.pushSubscriptions.list(again.id)).to.deep.equal([]);
    again.chat.end();

    const third = await subscribed('Sid', 'tablet');
    third.chat.end();
    const erased = await t.admin(`/api/admin/clients/${third.id}/erase`, {
      method: 'POST',
      body: JSON.stringify({ changedBy: 'Ada Admin', confirm: third.id }),
    });
    expect(((await erased.json()) as { removed: Record<string, number> }).removed.pushSubscriptions).to.equal(1);
    expect(await t.app.store.pushSubscriptions.list(third.id)).to.deep.equal([]);
  });
});
