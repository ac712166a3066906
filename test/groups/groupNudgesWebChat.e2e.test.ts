import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { linkTokenOf, openChat, type WebChat } from '../support/directLineClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('Group nudges by web chat (Direct Line, fake clock)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let clock: ManualClock;
  let chat: WebChat | undefined;

  beforeEach(async () => {
    clock = new ManualClock(london('2026-11-24T12:00'));
    t = await startTestApp({ clock, chatPollMs: 200 });
  });

  afterEach(async () => {
    chat?.end();
    await t.close();
  });

  async function reopen(id: string): Promise<void> {
    chat?.end();
    const { url } = (await (await t.admin(`/api/admin/clients/${id}/chat-link`)).json()) as { url: string };
    chat = await openChat(t.url, linkTokenOf(url));
    // The same conversation: its history comes first, the welcome at its start.
    expect((await chat.readAll())[0]?.text).to.match(/^Hello Ken Adeyemi/);
  }

  it('nudges with buttons in the open chat, takes "1", and asks afterwards with yes/no buttons', async () => {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Ken Adeyemi', phone: '+447700900557', timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    const { id } = (await created.json()) as { id: string };
    const link = (await (await t.admin(`/api/admin/clients/${id}/chat-link`)).json()) as { url: string };
    chat = await openChat(t.url, linkTokenOf(link.url));
    await chat.say('yes');
    await chat.waitForBotText(/Thank you, Ken Adeyemi/);
    // The baseline check-in goes first; "finish" ends it so only the group is left.
    await t.app.scheduler.tick();
    await chat.waitForBotText(/quick questions/);
    await chat.say('finish');
    await chat.waitForBotText(/stop there/);
    const linked = await t.admin(`/api/admin/clients/${id}/groups/community-choir`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'interested', nudge: 'morning-of', changedBy: 'Sam Okafor' }),
    });
    expect(linked.status).to.equal(201);

    // The choir meets on the first Thursday of the month at 14:00: 3 December 2026.
    clock.set(london('2026-12-03T09:00'));
    // A chat conversation's token lasts half an hour: the client opens their link again that morning.
    await reopen(id);
    await t.app.scheduler.tick();
    const nudge = await chat.waitForBotText(/Community Choir/);
    expect(nudge.text).to.equal(
      "Linkwell: Community Choir today 14:00 at St Mark's Hall. Buses 4 and 7; five minutes' walk from the stop. Reply 1 if you're going, 2 if something's in the way.",
    );
    expect(nudge.suggested).to.deep.equal(['1', '2']);
    // "help" is answered, and the nudge still waits for its reply.
    await chat.say('help');
    await chat.waitForBotText(/^Linkwell is an automated check-in/);
    await chat.say('1');
    await chat.waitForBotText(/enjoy it/);

    clock.set(london('2026-12-03T16:30'));
    await reopen(id);
    await t.app.scheduler.tick();
    expect(
      await chat.nextBotMessages(1, 500).then(
        () => 'a message',
        () => 'nothing',
      ),
    ).to.equal('nothing');
    clock.set(london('2026-12-03T17:00'));
    await reopen(id);
    await t.app.scheduler.tick();
    const followUp = await chat.waitForBotText(/did you make it/);
    expect(followUp.text).to.equal('Hello Ken Adeyemi, did you make it to Community Choir today? Reply 1 yes, 2 no.');
    expect(followUp.suggested).to.deep.equal(['1', '2']);
    await chat.say('No');
    await chat.waitForBotText(/What got in the way/);
    await chat.say('hearing aid whistles with all the noise');
    await chat.waitForBotText(/pass it on to Sam Okafor/);
    const { attendance } = await t.app.store.clients.history(id);
    expect(attendance).to.have.length(1);
    expect(attendance[0]).to.deep.include({
      sessionKey: 'community-choir|2026-12-03T14:00',
      attendance: 'didnt',
      barriers: ['hearing-noise'],
      channel: 'webchat',
    });
  });
});
