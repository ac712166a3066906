import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientHistory, ClientRecord } from '../../storage/records.js';
import { generateToken, linkTokenOf, openChat, type IssuedConversation, type WebChat } from '../support/directLineClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

type Responses = Omit<ClientHistory, 'clientId' | 'conversationReferences'>;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]00:00)$/;
// Numbered as in a text message, so a typed number matches the button with it.
const UCLA_BUTTONS = ['1 Hardly ever or never', '2 Some of the time', '3 Often'];
const ONS_BUTTONS = ['1 Often/always', '2 Some of the time', '3 Occasionally', '4 Hardly ever', '5 Never'];

let phoneCounter = 0;
const nextPhone = () => `+4477009003${String(++phoneCounter).padStart(2, '0')}`;

async function enrol(t: TestApp, name = 'Ada'): Promise<ClientRecord> {
  const res = await t.admin('/api/admin/clients', {
    method: 'POST',
    body: JSON.stringify({ name, phone: nextPhone(), timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
  });
  expect(res.status, await res.clone().text()).to.equal(201);
  return (await res.json()) as ClientRecord;
}

async function responsesOf(t: TestApp, clientId: string): Promise<Responses> {
  const res = await t.admin(`/api/admin/clients/${clientId}/responses`);
  expect(res.status).to.equal(200);
  return (await res.json()) as Responses;
}

/** Plain fetch against Direct Line with a bearer token. */
function directLine(t: TestApp, method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${t.url}/v3/directline${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function issue(t: TestApp, linkToken: string): Promise<IssuedConversation> {
  const res = await generateToken(t.url, linkToken);
  expect(res.status).to.equal(200);
  return (await res.json()) as IssuedConversation;
}

/** The same token with its claims rewritten and its signature kept. */
function withClaims(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [version, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('Web chat check-in over Direct Line', () => {
  let t: TestApp;
  const chats: WebChat[] = [];
  const startedAt = DateTime.utc();

  before(async () => {
    t = await startTestApp();
  });

  afterEach(() => {
    for (const chat of chats.splice(0)) chat.end();
  });

  after(async () => {
    await t.close();
  });

  /** Open web chat from the link staff would send, and read the welcome. */
  async function chatAs(client: ClientRecord, options: { agree?: boolean } = {}): Promise<WebChat> {
    const res = await t.admin(`/api/admin/clients/${client.id}/chat-link`);
    const { url } = (await res.json()) as { url: string };
    const chat = await openChat(t.url, linkTokenOf(url));
    chats.push(chat);
    await chat.waitForBotText(/^Hello /);
    if (options.agree === false) return chat;
    // Agreed first (the welcome asks): nothing is asked or kept before.
    await chat.say('yes');
    await chat.waitForBotText(/^Thank you, /);
    return chat;
  }

  async function reply(chat: WebChat, text: string) {
    await chat.say(text);
    const [message] = await chat.nextBotMessages(1);
    return message!;
  }

  async function press(chat: WebChat, value: number) {
    await chat.press(value);
    const [message] = await chat.nextBotMessages(1);
    return message!;
  }

  it('welcomes the client by name as soon as the chat opens, saying how answers are used and asking them to agree', async () => {
    const client = await enrol(t, 'Winifred');
    const res = await t.admin(`/api/admin/clients/${client.id}/chat-link`);
    const chat = await openChat(t.url, linkTokenOf(((await res.json()) as { url: string }).url));
    chats.push(chat);

    const [welcome] = await chat.nextBotMessages(1);

    expect(welcome!.text).to.match(/^Hello Winifred\. I'm Linkwell, an automated check-in service/);
    expect(welcome!.text).to.contain('Your answers go to Sam Okafor, your link worker').and.contain('Nobody else sees them');
    expect(welcome!.suggested, 'asked to agree first').to.deep.equal(['yes', 'not now']);
    expect((welcome!.activity as { recipient?: { id: string } }).recipient?.id, 'addressed to this client').to.equal(chat.userId);
  });

  it('answers Not now kindly, keeps nothing as an answer, and offers Check in and Help once they agree', async () => {
    const client = await enrol(t, 'Nell');
    const chat = await chatAs(client, { agree: false });
    const later = await reply(chat, 'not now');
    expect(later.text).to.match(/^That's fine\. Nothing is asked or kept until you say YES/);
    expect(later.suggested).to.deep.equal(['yes', 'not now']);
    const agreed = await reply(chat, 'yes');
    expect(agreed.suggested).to.deep.equal(['check in', 'help']);
    const noted = await reply(chat, 'The bus was late again');
    expect(noted.text).to.match(/passed your message/);
    expect(noted.suggested, 'still there after a reply').to.deep.equal(['check in', 'help']);
    const { notes } = await responsesOf(t, client.id);
    expect(notes.map((n) => n.text)).to.deep.equal(['The bus was late again']);
  });

  it("answers a tap on an earlier question's button by saying so and asking the question now, keeping no answer from it", async () => {
    const client = await enrol(t, 'Orla');
    const chat = await chatAs(client);
    await reply(chat, 'check in');
    await press(chat, 1);
    const earlier = await directLine(t, 'POST', `/conversations/${chat.conversationId}/activities`, chat.token, {
      type: 'message',
      value: { itemId: 'lack_companionship', value: 3 },
    });
    expect(earlier.status).to.equal(200);
    const [card] = await chat.nextBotMessages(1);
    expect(card!.text).to.match(/^That button was for an earlier question\. The question now is:\nHow often do you feel left out\?/);
    expect((await responsesOf(t, client.id)).responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 1]]);
  });

  it('takes a whole check-in of typed replies and button presses, and stores every answer and the UCLA-3 score', async () => {
    const client = await enrol(t, 'Ada');
    const chat = await chatAs(client);

    const first = await reply(chat, 'check in');
    expect(first.text).to.contain('4 quick questions').and.contain('How often do you feel that you lack companionship?');
    expect(first.buttons.map((b) => b.title)).to.deep.equal(UCLA_BUTTONS);

    const second = await reply(chat, 'hardly ever');
    expect(second.text).to.contain('How often do you feel left out?');

    const reasked = await reply(chat, 'not sure');
    expect(reasked.text).to.contain('Just to be sure I get this right, which is closest?').and.contain('How often do you feel left out?');
    expect(reasked.buttons.map((b) => b.title)).to.deep.equal(UCLA_BUTTONS);

    const third = await reply(chat, '3');
    expect(third.text).to.contain('How often do you feel isolated from others?');

    const ons = await press(chat, 2);
    expect(ons.text).to.contain('How often do you feel lonely?');
    expect(ons.buttons.map((b) => b.title)).to.deep.equal(ONS_BUTTONS);

    const open = await reply(chat, 'some of the time tbh');
    expect(open.text).to.equal("Is there anything you'd like Sam Okafor to know? Type it here, or reply no.");

    await chat.say('My hip is better but I miss the walking group');
    const closing = await chat.nextBotMessages(2);
    expect(closing.map((m) => m.text)).to.deep.equal([
      "Thank you. I'll pass that on to Sam Okafor.",
      "Thank you, Ada, that's your check-in done. Sam Okafor can see your answers. Take care.",
    ]);

    const stored = await responsesOf(t, client.id);
    expect(stored.checkIns).to.have.length(1);
    const checkIn = stored.checkIns[0]!;
    expect(checkIn).to.include({ clientId: client.id, channel: 'webchat', status: 'completed' });
    expect(checkIn.instrumentIds).to.deep.equal(['ucla3', 'ons-loneliness']);

    const common = { checkInId: checkIn.id, instrumentVersion: '1', status: 'answered', channel: 'webchat' };
    expect(stored.responses.map(({ answeredAt: _, ...rest }) => rest)).to.deep.equal([
      { ...common, instrumentId: 'ucla3', itemId: 'lack_companionship', value: 1, optionId: 'hardly_ever_or_never', raw: 'hardly ever' },
      { ...common, instrumentId: 'ucla3', itemId: 'left_out', value: 3, optionId: 'often', raw: '3' },
      { ...common, instrumentId: 'ucla3', itemId: 'isolated', value: 2, optionId: 'some_of_the_time', raw: '[button 2]' },
      { ...common, instrumentId: 'ons-loneliness', itemId: 'lonely', value: 2, optionId: 'some_of_the_time', raw: 'some of the time tbh' },
    ]);
    for (const { answeredAt } of stored.responses) {
      expect(answeredAt).to.match(ISO_UTC);
      expect(DateTime.fromISO(answeredAt) >= startedAt.minus({ seconds: 1 })).to.equal(true);
    }

    expect(stored.scores).to.have.length(1);
    expect(stored.scores[0]).to.deep.include({ checkInId: checkIn.id, instrumentId: 'ucla3', instrumentVersion: '1', score: 6, complete: true });
    expect(stored.notes).to.have.length(1);
    expect(stored.notes[0]).to.deep.include({ checkInId: checkIn.id, text: 'My hip is better but I miss the walking group', channel: 'webchat' });
  });

  it('records a skipped item as skipped, and then keeps no UCLA-3 total', async () => {
    const client = await enrol(t, 'Bea');
    const chat = await chatAs(client);

    await reply(chat, 'check in');
    expect((await reply(chat, '1')).text).to.contain('How often do you feel left out?');
    expect((await reply(chat, 'skip')).text).to.contain('How often do you feel isolated from others?');
    expect((await press(chat, 1)).text).to.contain('How often do you feel lonely?');
    expect((await press(chat, 5)).text).to.contain("Is there anything you'd like Sam Okafor to know?");
    expect((await reply(chat, 'no thanks')).text).to.match(/^Thank you, Bea, that's your check-in done\./);

    const stored = await responsesOf(t, client.id);
    expect(stored.responses.map((r) => [r.itemId, r.status, r.value, r.optionId, r.raw])).to.deep.equal([
      ['lack_companionship', 'answered', 1, 'hardly_ever_or_never', '1'],
      ['left_out', 'skipped', null, null, 'skip'],
      ['isolated', 'answered', 1, 'hardly_ever_or_never', '[button 1]'],
      ['lonely', 'answered', 5, 'never', '[button 5]'],
    ]);
    expect(stored.scores.map(({ instrumentId, score, complete }) => ({ instrumentId, score, complete }))).to.deep.equal([
      { instrumentId: 'ucla3', score: null, complete: false },
    ]);
    expect(stored.notes, 'a "no" to the open question is not a note').to.deep.equal([]);
    expect(stored.checkIns[0]!.status).to.equal('completed');
  });

  it('ends the check-in on "stop", keeping the answers given so far, and starts afresh on the next "check in"', async () => {
    const client = await enrol(t, 'Cy');
    const chat = await chatAs(client);

    await reply(chat, 'check in');
    await reply(chat, 'often');
    const stopped = await reply(chat, 'stop');
    expect(stopped.text).to.equal('OK, we will stop there. Your answers so far are saved. Say "check in" any time to start again.');

    const stored = await responsesOf(t, client.id);
    expect(stored.responses.map((r) => [r.itemId, r.value, r.raw])).to.deep.equal([['lack_companionship', 3, 'often']]);
    expect(stored.checkIns).to.have.length(1);
    expect(stored.checkIns[0]).to.include({ status: 'stopped' });
    expect(stored.checkIns[0]!.endedAt).to.match(ISO_UTC);
    expect(stored.scores, 'no UCLA-3 total from one item of three').to.deep.equal([]);

    const again = await reply(chat, 'check in');
    expect(again.text).to.contain('4 quick questions').and.contain('How often do you feel that you lack companionship?');
  });

  it('shows help on "help" and asks the same question again', async () => {
    const client = await enrol(t, 'Dot');
    const chat = await chatAs(client);

    await reply(chat, 'check in');
    await chat.say('help');
    const [help, again] = await chat.nextBotMessages(2);
    expect(help!.text).to.match(/^Linkwell is an automated check-in from Linkwell Demo Programme\. Reply with the number beside your answer/);
    expect(again!.text).to.contain('How often do you feel that you lack companionship?');
    expect(again!.buttons.map((b) => b.title)).to.deep.equal(UCLA_BUTTONS);

    expect((await reply(chat, '2')).text).to.contain('How often do you feel left out?');
    const stored = await responsesOf(t, client.id);
    expect(stored.responses.map((r) => [r.itemId, r.value, r.raw])).to.deep.equal([['lack_companionship', 2, '2']]);
  });

  it('shows a check-in started by staff in the open chat, and refuses a second one while it is open', async () => {
    const client = await enrol(t, 'Eve');
    const chat = await chatAs(client, { agree: false });
    expect((await reply(chat, 'yes')).text).to.match(/^Thank you, Eve/);

    const started = await t.admin(`/api/admin/clients/${client.id}/checkins`, { method: 'POST' });
    expect(started.status).to.equal(202);
    expect(await started.json()).to.deep.equal({ status: 'started' });

    const first = await chat.waitForBotText(/How often do you feel that you lack companionship\?/);
    expect(first.text).to.contain('4 quick questions');

    const second = await t.admin(`/api/admin/clients/${client.id}/checkins`, { method: 'POST' });
    expect(second.status).to.equal(409);
    expect(await second.json()).to.include({ error: 'check_in_open' });
    // Had the refused start said anything in the chat, it would be read here instead of the next question.
    expect((await press(chat, 1)).text).to.contain('How often do you feel left out?');
    const stored = await responsesOf(t, client.id);
    expect(stored.responses.map((r) => [r.itemId, r.value, r.channel])).to.deep.equal([['lack_companionship', 1, 'webchat']]);
  });

  it('refuses to start a check-in for a client who has never opened their chat', async () => {
    const client = await enrol(t, 'Flo');

    const res = await t.admin(`/api/admin/clients/${client.id}/checkins`, { method: 'POST' });

    expect(res.status).to.equal(409);
    expect(await res.json()).to.deep.include({ error: 'no_conversation' });
    expect((await responsesOf(t, client.id)).checkIns).to.deep.equal([]);
  });

  it('answers a risk in web chat at once with crisis contacts, mid check-in, and keeps an alert for staff', async () => {
    const client = await enrol(t, 'Hetty');
    const chat = await chatAs(client);
    await reply(chat, 'check in');
    await chat.say('i dont want to be here anymore');
    const [crisis, told] = await chat.nextBotMessages(2);
    expect(crisis!.text).to.match(/Samaritans 116 123/);
    expect(told!.text).to.match(/Sam Okafor|duty worker/);
    const alerts = (await (await t.admin(`/api/admin/alerts?clientId=${client.id}`)).json()) as Array<{ tier: string }>;
    expect(alerts.map((a) => a.tier)).to.deep.equal(['urgent']);
  });

  it('refuses to start a check-in for a client who has not agreed yet, and starts it once they have', async () => {
    const client = await enrol(t, 'Gwen');
    const chat = await chatAs(client, { agree: false });

    const refused = await t.admin(`/api/admin/clients/${client.id}/checkins`, { method: 'POST' });
    expect(refused.status).to.equal(409);
    expect(await refused.json()).to.deep.include({ error: 'no_consent' });

    expect((await reply(chat, 'Yes please')).text).to.match(/^Thank you, Gwen/);
    expect((await t.admin(`/api/admin/clients/${client.id}/checkins`, { method: 'POST' })).status).to.equal(202);
    await chat.waitForBotText(/lack companionship/);
  });

  describe('conversation tokens and watermarks', () => {
    let linkToken: string;
    /** Another client's chat link. */
    let otherLinkToken: string;

    before(async () => {
      const client = await enrol(t, 'Gus');
      linkToken = linkTokenOf((await t.app.chatLinkFor(client.id)).url);
      otherLinkToken = linkTokenOf((await t.app.chatLinkFor((await enrol(t, 'Gia')).id)).url);
    });

    it('returns only the activities after the watermark a client polled with', async () => {
      const { conversationId, token } = await issue(t, linkToken);
      expect((await directLine(t, 'POST', '/conversations', token)).status).to.equal(201);
      const path = `/conversations/${conversationId}/activities`;

      const all = (await (await directLine(t, 'GET', path, token)).json()) as { activities: { text?: string }[]; watermark: string };
      expect(all.activities).to.have.length(1);
      expect(all.activities[0]!.text).to.match(/^Hello Gus\./);

      const none = (await (await directLine(t, 'GET', `${path}?watermark=${all.watermark}`, token)).json()) as { activities: unknown[]; watermark: string };
      expect(none).to.deep.equal({ activities: [], watermark: all.watermark });

      await directLine(t, 'POST', path, token, { type: 'message', text: 'hello' });
      const after = (await (await directLine(t, 'GET', `${path}?watermark=${all.watermark}`, token)).json()) as {
        activities: { text?: string; from: { role: string } }[];
      };
      expect(after.activities.map((a) => [a.from.role, a.text?.slice(0, 10)])).to.deep.equal([
        ['user', 'hello'],
        ['bot', 'Hello Gus.'],
      ]);
    });

    it("will not let one client's conversation token read or post to another client's conversation", async () => {
      const mine = await issue(t, linkToken);
      const theirs = await issue(t, otherLinkToken);
      await directLine(t, 'POST', '/conversations', theirs.token);

      const read = await directLine(t, 'GET', `/conversations/${theirs.conversationId}/activities`, mine.token);
      const post = await directLine(t, 'POST', `/conversations/${theirs.conversationId}/activities`, mine.token, { type: 'message', text: 'hi' });

      expect([read.status, post.status]).to.deep.equal([403, 403]);
      expect(await read.json()).to.include({ error: 'forbidden' });
    });

    it('refuses a chat link token used as a conversation token', async () => {
      const { conversationId } = await issue(t, linkToken);

      const statuses = await Promise.all([
        directLine(t, 'POST', '/conversations', linkToken),
        directLine(t, 'GET', `/conversations/${conversationId}/activities`, linkToken),
        directLine(t, 'POST', `/conversations/${conversationId}/activities`, linkToken, { type: 'message', text: 'hi' }),
        directLine(t, 'POST', '/tokens/refresh', linkToken),
      ]).then((responses) => responses.map((r) => r.status));

      expect(statuses).to.deep.equal([401, 401, 401, 401]);
    });

    it('refuses a conversation token and a chat link whose claims were tampered with', async () => {
      const mine = await issue(t, linkToken);
      const theirs = await issue(t, otherLinkToken);
      const forged = withClaims(mine.token, (claims) => {
        claims.cid = theirs.conversationId;
      });
      const forgedLink = withClaims(linkToken, (claims) => {
        claims.sub = 'someone-else';
      });

      const read = await directLine(t, 'GET', `/conversations/${theirs.conversationId}/activities`, forged);
      const generate = await generateToken(t.url, forgedLink);
      const page = await fetch(`${t.url}/chat?t=${forgedLink}`);

      expect([read.status, generate.status, page.status]).to.deep.equal([401, 401, 401]);
      expect(await generate.json()).to.include({ message: 'This chat link is not valid.' });
    });
  });
});

describe('Web chat links over time', () => {
  const TTL_HOURS = 2;
  let t: TestApp;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(DateTime.fromISO('2025-03-03T09:00:00Z'));
    t = await startTestApp({ clock, env: { CHAT_LINK_TTL_HOURS: String(TTL_HOURS) } });
  });

  afterEach(async () => {
    await t.close();
  });

  it('opens the chat until CHAT_LINK_TTL_HOURS have passed, then answers 401 on the page and at Direct Line', async () => {
    const link = await t.app.chatLinkFor(t.app.demoClientId!);
    expect(link.expiresAt).to.equal('2025-03-03T11:00:00.000Z');

    clock.advance({ hours: TTL_HOURS, minutes: -1 });
    expect((await generateToken(t.url, linkTokenOf(link.url))).status).to.equal(200);
    expect((await fetch(link.url)).status).to.equal(200);

    clock.advance({ minutes: 1 });
    const generate = await generateToken(t.url, linkTokenOf(link.url));
    const page = await fetch(link.url);

    expect(generate.status).to.equal(401);
    expect(await generate.json()).to.deep.equal({ error: 'unauthorized', message: 'This chat link has expired.' });
    expect(page.status).to.equal(401);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(await page.text()).to.contain('<h1>This chat link has expired.</h1>');
  });

  it('stops honouring a conversation token once it expires, while a refreshed one keeps working', async () => {
    const { conversationId, token, expires_in } = await issue(t, linkTokenOf((await t.app.chatLinkFor(t.app.demoClientId!)).url));
    const activities = `/conversations/${conversationId}/activities`;

    clock.advance({ seconds: expires_in - 60 });
    const refreshed = await directLine(t, 'POST', '/tokens/refresh', token);
    expect(refreshed.status).to.equal(200);
    const { token: fresh } = (await refreshed.json()) as IssuedConversation;

    clock.advance({ seconds: 60 });
    const stale = await directLine(t, 'GET', activities, token);
    expect(stale.status).to.equal(401);
    expect(await stale.json()).to.include({ message: 'The conversation token has expired.' });
    expect((await directLine(t, 'GET', activities, fresh)).status).to.equal(200);
  });
});
