import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_CHAT_KEPT } from '../../storage/ports.js';
import { signedInStaff, submitFrom, textOf } from '../staff/signedInStaff.js';
import { enrolSmsClient } from '../support/smsTestApp.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const BASE = '/v3/directline';

/** Chat links that expire and can be withdrawn, and the limits one link cannot get past (real server, Direct Line). */
describe('web chat links: expiry, withdrawal, one conversation and limits', () => {
  let t: TestApp;
  let clientId: string;
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));

  beforeEach(async () => {
    clock.set(DateTime.fromISO('2026-03-02T10:00:00Z'));
    t = await startTestApp({ clock, env: { CHAT_LINK_TTL_HOURS: '1' } });
    clientId = await enrolSmsClient(t, '+447700900655');
  });
  afterEach(() => t.close());

  const linkToken = (url: string) => new URL(url).searchParams.get('t')!;
  const post = (path: string, token: string, body?: unknown) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const get = (path: string, token: string) => fetch(`${t.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  async function open(link: string): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const res = await post(`${BASE}/tokens/generate`, linkToken(link));
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()) as { conversationId: string; token: string; expires_in: number };
  }

  it('ends a conversation when its link expires: no refresh, read or write after that', async () => {
    const link = (await t.app.chatLinkFor(clientId)).url;
    const conversation = await open(link);
    // Web chat refreshes its token well before it expires, as it would for a day.
    let fresh = { token: conversation.token, expires_in: conversation.expires_in };
    for (const minutes of [25, 25]) {
      clock.advance({ minutes });
      const refreshed = await post(`${BASE}/tokens/refresh`, fresh.token);
      expect(refreshed.status).to.equal(200);
      fresh = (await refreshed.json()) as { token: string; expires_in: number };
    }
    expect(fresh.expires_in, 'never past the link').to.be.at.most(10 * 60);
    clock.advance({ minutes: 11 });
    for (const res of [
      await post(`${BASE}/tokens/refresh`, fresh.token),
      await get(`${BASE}/conversations/${conversation.conversationId}/activities`, fresh.token),
    ]) {
      expect(res.status).to.equal(401);
    }
    expect((await fetch(link)).status).to.equal(401);
  });

  it('withdraws every link of a client at once: the page, new chats and open chats all stop, and a new link works', async () => {
    const oldLink = (await t.app.chatLinkFor(clientId)).url;
    const chat = await open(oldLink);
    expect((await post(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token, { type: 'message', text: 'hello' })).status).to.equal(200);

    const withdrawn = await t.admin(`/api/admin/clients/${clientId}/chat-links/withdraw`, {
      method: 'POST',
      body: JSON.stringify({ changedBy: 'Sam Okafor' }),
    });
    expect(withdrawn.status).to.equal(200);

    const page = await fetch(oldLink);
    expect(page.status).to.equal(401);
    expect(await page.text()).to.include('no longer in use');
    expect((await post(`${BASE}/tokens/generate`, linkToken(oldLink))).status).to.equal(401);
    for (const res of [
      await post(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token, { type: 'message', text: 'still there?' }),
      await get(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token),
      await post(`${BASE}/tokens/refresh`, chat.token),
    ]) {
      expect(res.status).to.equal(401);
    }
    const newLink = (await (await t.admin(`/api/admin/clients/${clientId}/chat-link`)).json()) as { url: string };
    expect((await fetch(newLink.url)).status).to.equal(200);
    // The client's chat itself was not withdrawn: their new link carries it on.
    const reopened = await open(newLink.url);
    expect(reopened.conversationId).to.equal(chat.conversationId);
    const history = (await (await get(`${BASE}/conversations/${reopened.conversationId}/activities`, reopened.token)).json()) as {
      activities: Array<{ text?: string }>;
    };
    expect(history.activities.map((a) => a.text)).to.include('hello');
  });

  it('keeps older links when a new one is issued, unless asked to withdraw them (recorded with who)', async () => {
    const first = (await t.app.chatLinkFor(clientId)).url;
    const second = (await t.app.chatLinkFor(clientId)).url;
    expect([(await fetch(first)).status, (await fetch(second)).status]).to.deep.equal([200, 200]);
    const missingWho = await t.admin(`/api/admin/clients/${clientId}/chat-link`, { method: 'POST', body: JSON.stringify({ withdrawOthers: true }) });
    expect(missingWho.status).to.equal(400);
    const third = await t.admin(`/api/admin/clients/${clientId}/chat-link`, {
      method: 'POST',
      body: JSON.stringify({ withdrawOthers: true, changedBy: 'Sam Okafor' }),
    });
    expect(third.status).to.equal(201);
    const { url } = (await third.json()) as { url: string };
    expect([(await fetch(first)).status, (await fetch(second)).status, (await fetch(url)).status]).to.deep.equal([401, 401, 200]);
    const { events } = await t.app.store.clients.history(clientId);
    expect(events.filter((e) => e.type === 'chat-links-withdrawn')).to.deep.equal([
      { type: 'chat-links-withdrawn', at: clock.now().toISO(), by: 'Sam Okafor' },
    ]);
  });

  it('opens the one conversation of the client however often, from however many links and tabs', async () => {
    const first = await open((await t.app.chatLinkFor(clientId)).url);
    const link = (await t.app.chatLinkFor(clientId)).url;
    const ids = new Set<string>([first.conversationId]);
    for (let i = 0; i < 20; i += 1) ids.add((await open(i % 2 ? link : (await t.app.chatLinkFor(clientId)).url)).conversationId);
    expect([...ids]).to.have.length(1);
    const other = await enrolSmsClient(t, '+447700900656');
    expect((await open((await t.app.chatLinkFor(other)).url)).conversationId, "another client's chat").not.to.equal(first.conversationId);
  });

  it('keeps a bounded transcript per client (the newest kept), and refuses a web chat message body past its limit with 413', async () => {
    const chat = await open((await t.app.chatLinkFor(clientId)).url);
    for (let i = 0; i < 60; i += 1) {
      const res = await post(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token, {
        type: 'event',
        name: 'noise',
        value: `${i}:${'x'.repeat(12_000)}`,
      });
      expect(res.status).to.equal(200);
    }
    const file = join(t.dataDir, 'webchat', clientId.slice(0, 2), `${clientId}.json`);
    expect(statSync(file).size).to.be.at.most(WEB_CHAT_KEPT.bytes + 16 * 1024);
    const kept = (await (await get(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token)).json()) as { activities: Array<{ value?: string }> };
    expect(kept.activities.length).to.be.within(15, 25);
    expect(kept.activities.at(-1)!.value).to.match(/^59:/);
    const huge = await post(`${BASE}/conversations/${chat.conversationId}/activities`, chat.token, { type: 'message', text: 'hi', value: 'x'.repeat(100_000) });
    expect(huge.status).to.equal(413);
    expect(((await huge.json()) as { error: string }).error).to.equal('payload_too_large');
  });

  it("lets the client's link worker withdraw the links from the client page, only once they tick to confirm", async () => {
    const link = (await t.app.chatLinkFor(clientId)).url;
    const priya = await signedInStaff(t, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    const page = `/staff/clients/${clientId}`;
    const unticked = await submitFrom(priya, page, `${page}/chat-links/withdraw`, {});
    expect(textOf((await priya.get(unticked.location!)).body)).to.include('Nothing was withdrawn');
    expect((await fetch(link)).status).to.equal(200);

    const ticked = await submitFrom(priya, page, `${page}/chat-links/withdraw`, { confirm: 'yes' });
    expect(ticked.status).to.equal(303);
    expect(textOf((await priya.get(ticked.location!)).body))
      .to.include('has stopped working')
      .and.include('Web chat links withdrawn by Priya Shah');
    expect((await fetch(link)).status).to.equal(401);
  });
});
