import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientExport } from '../../bot/care/privacy/clientData.js';
import { loadProgrammeFile } from '../../bot/config/programmeSchema.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { signedInStaff, submitFrom, textOf } from '../staff/signedInStaff.js';
import { enrolSmsClient, startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { filesUnder } from '../support/files.js';
import { generateToken, linkTokenOf } from '../support/directLineClient.js';

const PHONE = '+447700900733';
const NOTE = 'Gwendolyn next door has been lovely this week';
const CHAT_WORDS = 'The Thursday bus never came so I stayed in';

/** A client's data exported whole and erased whole, by admins, audited; and the programme's retention of their words. */
describe("privacy: a client's data exported, erased and kept no longer than the programme says", () => {
  let t: SmsTestApp;
  let clientId: string;
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));

  beforeEach(async () => {
    clock.set(DateTime.fromISO('2026-03-02T10:00:00Z'));
    const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
    t = await startSmsTestApp({ clock, programme: { ...programme, retention: { clientWordsMonths: 6 } } });
    clientId = await enrolSmsClient(t, PHONE);
    for (const text of ['YES', 'check in', '2', NOTE, 'I have the tablets ready for tonight']) {
      expect((await t.text(PHONE, text)).status).to.equal(200);
      await t.settle();
    }
    await chatOnce(CHAT_WORDS);
  });

  /** The client writes in their web chat too (the same client; the chat is kept between visits). */
  async function chatOnce(text: string): Promise<void> {
    const { url } = await t.app.chatLinkFor(clientId);
    const issued = (await (await generateToken(t.url, linkTokenOf(url))).json()) as { conversationId: string; token: string };
    const headers = { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' };
    await fetch(`${t.url}/v3/directline/conversations`, { method: 'POST', headers });
    const sent = await fetch(`${t.url}/v3/directline/conversations/${issued.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text }),
    });
    expect(sent.status).to.equal(200);
  }
  afterEach(() => t.close());

  const audit = () =>
    readFileSync(join(t.dataDir, 'audit', 'privacy.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('exports everything held about a client as one JSON document, and records who asked (never what it said)', async () => {
    expect((await t.admin(`/api/admin/clients/${clientId}/export`)).status, 'who asks is required').to.equal(400);
    const res = await t.admin(`/api/admin/clients/${clientId}/export?requestedBy=Sam%20Okafor`);
    expect(res.status).to.equal(200);
    const data = (await res.json()) as ClientExport;
    expect(data.client).to.include({ id: clientId, name: 'Margaret Ellis', phone: PHONE });
    expect(data.history.responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 2]]);
    expect(data.history.notes.map((n) => n.text)).to.include(NOTE);
    expect(data.alerts.map((a) => a.tier)).to.deep.equal(['urgent']);
    expect(data.textsSent.length).to.be.greaterThan(3);
    expect(data.webChat.filter((m) => m.from === 'client').map((m) => m.text)).to.deep.equal([CHAT_WORDS]);
    expect(audit()).to.deep.equal([{ at: clock.now().toISO(), action: 'export', clientId, by: 'Sam Okafor' }]);
  });

  it('erases a client whole once confirmed: no file under the data directory keeps their name, number or words', async () => {
    const unconfirmed = await t.admin(`/api/admin/clients/${clientId}/erase`, { method: 'POST', body: JSON.stringify({ changedBy: 'Ada Admin' }) });
    expect(unconfirmed.status).to.equal(400);
    expect((await t.admin(`/api/admin/clients/${clientId}`)).status, 'nothing erased unconfirmed').to.equal(200);

    const erased = await t.admin(`/api/admin/clients/${clientId}/erase`, {
      method: 'POST',
      body: JSON.stringify({ changedBy: 'Ada Admin', confirm: clientId }),
    });
    expect(erased.status).to.equal(200);
    const body = (await erased.json()) as { removed: Record<string, number> };
    expect(body.removed.alerts).to.equal(1);
    expect(body.removed.texts).to.be.greaterThan(3);
    expect(body.removed.webChats).to.equal(1);

    expect((await t.admin(`/api/admin/clients/${clientId}`)).status).to.equal(404);
    expect(await (await t.admin(`/api/admin/alerts?clientId=${clientId}`)).json()).to.deep.equal([]);
    const auditFile = join(t.dataDir, 'audit', 'privacy.jsonl');
    for (const file of filesUnder(t.dataDir).filter((f) => f !== auditFile)) {
      const text = readFileSync(file, 'utf8');
      for (const secret of ['Margaret Ellis', PHONE, NOTE, 'tablets', CHAT_WORDS, clientId]) expect(text, `${file} keeps ${secret}`).not.to.include(secret);
    }
    expect(audit().map(({ action, by, clientId: id }) => ({ action, by, id }))).to.deep.equal([{ action: 'erase', by: 'Ada Admin', id: clientId }]);
    expect(readFileSync(auditFile, 'utf8')).not.to.include('Margaret').and.not.to.include(PHONE);

    // Texting again, they are a stranger: nothing is kept.
    const again = await t.text(PHONE, 'hello?');
    expect(await again.text(), 'answered as a stranger is').to.match(/only for people invited by their link worker/);
    await t.settle();
    expect(
      (await t.app.store.clients.list()).map((c) => c.name),
      'only the demo client is left',
    ).to.deep.equal(['Jean']);
  });

  it('lets an admin download and erase from the client page (typing the name to confirm), and no one else', async () => {
    const priya = await signedInStaff(t, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    expect(textOf((await priya.get(`/staff/clients/${clientId}`)).body)).not.to.include('Client data (admins)');
    expect((await priya.get(`/staff/clients/${clientId}/export.json`)).status).to.equal(403);
    expect((await priya.get(`/staff/clients/${clientId}/erase`)).status).to.equal(403);

    const admin = await signedInStaff(t, clock, 'ada@example.org', 'Ada Admin', 'admin');
    expect(textOf((await admin.get(`/staff/clients/${clientId}`)).body)).to.include('Download everything held about Margaret Ellis');
    const download = await admin.get(`/staff/clients/${clientId}/export.json`);
    expect(download.headers.get('content-disposition')).to.equal(`attachment; filename="linkwell-client-${clientId}.json"`);
    expect(JSON.parse(download.body).client.id).to.equal(clientId);

    const wrong = await submitFrom(admin, `/staff/clients/${clientId}/erase`, `/staff/clients/${clientId}/erase`, { name: 'Margaret' });
    expect(wrong.status).to.equal(400);
    expect(textOf(wrong.body)).to.include('nothing was erased');
    const done = await submitFrom(admin, `/staff/clients/${clientId}/erase`, `/staff/clients/${clientId}/erase`, { name: ' margaret ellis ' });
    expect(done.status).to.equal(303);
    expect(textOf((await admin.get(done.location!)).body)).to.include('has been erased');
    expect((await t.admin(`/api/admin/clients/${clientId}`)).status).to.equal(404);
    expect(audit().map((e) => [e.action, e.by])).to.deep.equal([
      ['export', 'Ada Admin'],
      ['erase', 'Ada Admin'],
    ]);
  });

  it("replaces clients' words older than the programme's retention with [removed], keeping the coded answers", async () => {
    clock.advance({ months: 5 });
    expect((await t.text(PHONE, 'The choir was lovely on Tuesday')).status).to.equal(200);
    await t.settle();
    await chatOnce('Went to the choir again');
    expect(await t.app.retention.applyNow(), 'nothing is six months old yet').to.equal(0);

    clock.advance({ months: 2 });
    expect(await t.app.retention.applyNow()).to.be.greaterThan(0);
    const history = await t.app.store.clients.history(clientId);
    expect(history.responses.map((r) => [r.itemId, r.value, r.raw])).to.deep.equal([['lack_companionship', 2, '[removed]']]);
    expect(history.notes.map((n) => n.text)).to.include('The choir was lovely on Tuesday');
    expect(history.notes.map((n) => n.text)).not.to.include(NOTE);
    expect(history.scores.length + history.checkIns.length, 'scores and check-ins stay').to.be.greaterThan(0);
    const chat = await t.app.store.webChat.since(clientId, 0);
    const chatWords = chat.activities.map((a) => a.text);
    expect(chatWords, 'the web chat past the period goes').not.to.include(CHAT_WORDS);
    expect(chatWords).to.include('Went to the choir again');
    expect(await t.app.retention.applyNow(), 'applied once').to.equal(0);
  });
});
