import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { CheckInRecord, ItemResponseRecord, NoteRecord } from '../../storage/records.js';
import { linkTokenOf, openChat, type WebChat } from '../support/directLineClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const BASE = '/v3/directline';
const FIRST_QUESTION = /lack companionship/;
const SECOND_QUESTION = /left out/;
const THIRD_QUESTION = /isolated from others/;

interface Kept {
  responses: ItemResponseRecord[];
  notes: NoteRecord[];
  checkIns: CheckInRecord[];
}

/**
 * One client, one continuing web chat (real server, Direct Line through botframework-directlinejs):
 * a reload, a new link, a second tab or a server restart opens the same conversation with its
 * history, and the next reply answers the question on screen; what came while no page was open is
 * pointed to when the chat opens again.
 */
describe('web chat continues across reloads, tabs and restarts', function () {
  this.timeout(30_000);
  let t: TestApp;
  let clock: ManualClock;
  const chats: WebChat[] = [];
  let phone = 0;

  beforeEach(async () => {
    clock = new ManualClock(london('2026-03-02T11:00'));
    t = await startTestApp({ clock, chatPollMs: 200 });
  });

  afterEach(async () => {
    for (const chat of chats.splice(0)) chat.end();
    await t.close();
  });

  async function enrol(name: string): Promise<string> {
    phone += 1;
    const res = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name, phone: `+4477009007${String(phone).padStart(2, '0')}`, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    expect(res.status).to.equal(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function linkOf(clientId: string): Promise<string> {
    return linkTokenOf((await t.app.chatLinkFor(clientId)).url);
  }

  async function open(link: string): Promise<WebChat> {
    const chat = await openChat(t.url, link);
    chats.push(chat);
    return chat;
  }

  /** A client who has opened the chat once and agreed. */
  async function agreed(name: string): Promise<{ id: string; link: string; chat: WebChat }> {
    const id = await enrol(name);
    const link = await linkOf(id);
    const chat = await open(link);
    await chat.waitForBotText(/^Hello /);
    await chat.say('yes');
    await chat.waitForBotText(/^Thank you, /);
    return { id, link, chat };
  }

  async function kept(clientId: string): Promise<Kept> {
    return (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as Kept;
  }

  function close(chat: WebChat): void {
    chat.end();
    chats.splice(chats.indexOf(chat), 1);
  }

  it('after a reload mid check-in shows the history and takes the next reply as the answer to the question on screen', async () => {
    const { id, link, chat } = await agreed('Maud');
    await chat.say('check in');
    await chat.waitForBotText(FIRST_QUESTION);
    await chat.say('hardly ever');
    await chat.waitForBotText(SECOND_QUESTION);
    close(chat);

    const reloaded = await open(link);
    const history = await reloaded.readAll();
    expect(history[0]!.text, 'from the start').to.match(/^Hello Maud/);
    expect(history.at(-1)!.text, 'the question on screen is the last thing shown').to.match(SECOND_QUESTION);
    expect(
      history.filter((m) => /Welcome back/.test(m.text)),
      'nothing came while away',
    ).to.deep.equal([]);

    await reloaded.say('some of the time');
    await reloaded.waitForBotText(THIRD_QUESTION);
    const { responses, notes } = await kept(id);
    expect(responses.map((r) => [r.itemId, r.value])).to.deep.equal([
      ['lack_companionship', 1],
      ['left_out', 2],
    ]);
    expect(notes, 'no answer taken for a message to the link worker').to.deep.equal([]);
  });

  it('after a server restart carries on from a new link, and an old page polling with its watermark sees only what is new', async () => {
    const { id, chat } = await agreed('Ivor');
    await chat.say('check in');
    await chat.waitForBotText(FIRST_QUESTION);
    const before = (await (
      await fetch(`${t.url}${BASE}/conversations/${chat.conversationId}/activities`, { headers: { Authorization: `Bearer ${chat.token}` } })
    ).json()) as {
      watermark: string;
    };
    close(chat);
    await t.close({ keepData: true });
    t = await startTestApp({ clock, chatPollMs: 200, dataDir: t.dataDir });

    // The token the old page still holds reads on from where it was: nothing again, nothing skipped.
    const old = await fetch(`${t.url}${BASE}/conversations/${chat.conversationId}/activities?watermark=${before.watermark}`, {
      headers: { Authorization: `Bearer ${chat.token}` },
    });
    expect(old.status).to.equal(200);
    expect(((await old.json()) as { activities: unknown[] }).activities).to.deep.equal([]);

    const reopened = await open(await linkOf(id));
    expect(reopened.conversationId).to.equal(chat.conversationId);
    expect((await reopened.readAll()).at(-1)!.text).to.match(FIRST_QUESTION);
    await reopened.say('3');
    await reopened.waitForBotText(SECOND_QUESTION);
    expect((await kept(id)).responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 3]]);

    const newer = await fetch(`${t.url}${BASE}/conversations/${chat.conversationId}/activities?watermark=${before.watermark}`, {
      headers: { Authorization: `Bearer ${chat.token}` },
    });
    const texts = ((await newer.json()) as { activities: Array<{ text?: string; value?: unknown }> }).activities.map((a) => a.text ?? '');
    expect(texts[0], 'the answer typed after the restart comes first').to.equal('3');
  });

  it('after a crash between sending a scheduled check-in and recording it, sends it again only where it never reached the chat', async () => {
    const hester = await agreed('Hester');
    const isla = await agreed('Isla');
    close(hester.chat);
    close(isla.chat);
    const intros = async (clientId: string) =>
      (await t.app.store.webChat.since(clientId, 0)).activities.filter(
        (a) => a.from?.role === 'bot' && /quick questions/.test(JSON.stringify([a.text, a.attachments])),
      ).length;
    // The baseline check-ins go out, and the process dies before either send is recorded.
    const schedule = t.app.store.schedule;
    const settle = schedule.settle.bind(schedule);
    schedule.settle = async (...args) => {
      if (args[2].outcome === 'sent') throw new Error('simulated crash after the send');
      return settle(...args);
    };
    clock.set(london('2026-03-02T12:00'));
    await t.app.scheduler.tick();
    expect([await intros(hester.id), await intros(isla.id)]).to.deep.equal([1, 1]);
    // Isla's never reached her chat: the crash came after her check-in was recorded as started, before
    // its first message was kept, so her turn's conversation state was never saved either.
    await t.app.store.webChat.removeBefore(isla.id, clock.now().plus({ seconds: 1 }).toISO()!);
    await t.app.store.botStorage.delete([`webchat/conversations/${isla.chat.conversationId}/`]);
    expect(Object.keys((await schedule.read(isla.id)).claimed)).to.have.length(1);
    await t.close({ keepData: true });
    t = await startTestApp({ clock, chatPollMs: 200, dataDir: t.dataDir });

    clock.set(london('2026-03-02T12:05'));
    await t.app.scheduler.tick();
    await t.app.scheduler.tick();
    expect([await intros(hester.id), await intros(isla.id)]).to.deep.equal([1, 1]);
    for (const id of [hester.id, isla.id]) {
      const { claimed, decided } = await t.app.store.schedule.read(id);
      expect(claimed).to.deep.equal({});
      expect(Object.values(decided).filter((d) => d.outcome === 'sent')).to.have.length(1);
    }
    expect(
      (await kept(isla.id)).checkIns.filter((c) => c.kind === 'wave'),
      'started again, it is the same check-in',
    ).to.have.length(1);
  });

  it("after a restart, one client's conversation token still reads and writes nothing of another's", async () => {
    const ada = await agreed('Ada');
    const bea = await agreed('Bea');
    await t.close({ keepData: true });
    t = await startTestApp({ clock, chatPollMs: 200, dataDir: t.dataDir });
    const auth = { Authorization: `Bearer ${ada.chat.token}`, 'Content-Type': 'application/json' };
    const read = await fetch(`${t.url}${BASE}/conversations/${bea.chat.conversationId}/activities`, { headers: auth });
    const write = await fetch(`${t.url}${BASE}/conversations/${bea.chat.conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    expect([read.status, write.status]).to.deep.equal([403, 403]);
    const own = await fetch(`${t.url}${BASE}/conversations/${ada.chat.conversationId}/activities`, { headers: auth });
    expect(own.status).to.equal(200);
    expect(JSON.stringify(await own.json())).not.to.include('Bea');
  });

  it('shows the same conversation in a second tab: a question asked in one is answered in the other', async () => {
    const { id, link, chat: first } = await agreed('Tess');
    const second = await open(link);
    await second.readAll();
    await first.say('check in');
    await second.waitForBotText(FIRST_QUESTION);
    await second.say('often');
    await first.waitForBotText(SECOND_QUESTION);
    expect((await kept(id)).responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 3]]);
  });

  it('has a check-in that came while the page was closed waiting when it opens, saying so, and takes the answer', async () => {
    const { id, link, chat } = await agreed('Noor');
    close(chat);
    clock.set(london('2026-03-02T15:00'));
    await t.app.scheduler.tick();

    const reopened = await open(link);
    const shown = await reopened.readAll();
    const texts = shown.map((m) => m.text);
    const pointer = texts.findIndex((text) => /^Welcome back, Noor\. A check-in came today while you were away\. It is still open/.test(text));
    expect(pointer, texts.join(' | ')).to.be.greaterThan(0);
    expect(texts.at(-1), 'its question is the last thing shown').to.match(FIRST_QUESTION);
    await reopened.say('never');
    await reopened.waitForBotText(SECOND_QUESTION);
    const { responses, checkIns } = await kept(id);
    expect(responses.map((r) => [r.itemId, r.value, r.checkInId])).to.deep.equal([['lack_companionship', 1, checkIns[0]!.id]]);
  });

  it('says kindly when a check-in came and passed while the page was closed, and offers one now', async () => {
    const { id, chat } = await agreed('Reg');
    close(chat);
    clock.set(london('2026-03-02T15:00'));
    await t.app.scheduler.tick();
    // Past its week's window, and past the window of the weekly check-in it held back.
    clock.set(london('2026-03-11T12:00'));
    await t.app.scheduler.tick();
    expect((await kept(id)).checkIns.map((c) => c.status)).to.include('missed');

    // A week on, the client opens the chat from a link sent since.
    const reopened = await open(await linkOf(id));
    const last = (await reopened.readAll()).at(-1)!;
    expect(last.text).to.match(
      /^Welcome back, Reg\. A check-in came on Monday 2 March while you were away, and its time has passed\. Would you like to do one now\?$/,
    );
    expect(last.suggested).to.deep.equal(['check in', 'help']);
    await reopened.say('check in');
    await reopened.waitForBotText(FIRST_QUESTION);
  });

  it('says nothing extra when a chat is opened again with nothing new, however often', async () => {
    const { link, chat } = await agreed('Una');
    close(chat);
    for (let i = 0; i < 3; i += 1) {
      const again = await open(link);
      const texts = (await again.readAll()).map((m) => m.text);
      expect(texts).to.have.length(2);
      expect(texts[1]).to.match(/^Thank you, Una/);
      close(again);
    }
  });

  it('runs a message a page sends twice (a retry after a dropped connection) once', async () => {
    const { id, chat } = await agreed('Cy');
    const send = () =>
      fetch(`${t.url}${BASE}/conversations/${chat.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${chat.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'The lift is broken again', channelData: { clientActivityID: 'page-1-activity-7' } }),
      });
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status]).to.deep.equal([200, 200]);
    expect(((await a.json()) as { id: string }).id).to.equal(((await b.json()) as { id: string }).id);
    await chat.waitForBotText(/passed your message/);
    expect(
      await chat.nextBotMessages(1, 800).then(
        () => 'a second reply',
        () => 'one reply',
      ),
    ).to.equal('one reply');
    expect((await kept(id)).notes.map((n) => n.text)).to.deep.equal(['The lift is broken again']);
  });
});
