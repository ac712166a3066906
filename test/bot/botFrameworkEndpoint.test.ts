import { expect } from 'chai';
import { startFakeChannelService } from '../support/fakeChannelService.js';
import { describeActivity } from '../support/describeActivity.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

describe('POST /api/messages (Bot Framework protocol)', () => {
  let t: TestApp;
  let channel: Awaited<ReturnType<typeof startFakeChannelService>>;

  before(async () => {
    t = await startTestApp();
    channel = await startFakeChannelService();
  });
  after(async () => {
    await t.close();
    await channel.close();
  });
  beforeEach(() => {
    channel.received.length = 0;
  });

  const post = (channelId: string, conversationId: string, text: string) =>
    fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m-${Math.random()}`,
        channelId,
        serviceUrl: channel.url,
        conversation: { id: conversationId },
        from: { id: 'user-1', name: 'User' },
        recipient: { id: 'linkwell', name: 'Linkwell' },
        text,
        timestamp: new Date().toISOString(),
      }),
    });

  it('runs a check-in for the demo client in the Bot Framework Emulator, with replies sent to the channel', async () => {
    const res = await post('emulator', 'emu-1', 'check in');
    expect(res.status).to.equal(200);
    expect(channel.received.map(describeActivity).join('\n')).to.match(/automated check-in[\s\S]*lack companionship/);
    await post('emulator', 'emu-1', 'some of the time');
    expect(describeActivity(channel.received.at(-1))).to.match(/How often do you feel left out\?/);
    const answers = await (await t.admin(`/api/admin/clients/${t.app.demoClientId}/responses`)).json();
    expect(answers.responses.map((r: { value: number; channel: string }) => [r.value, r.channel])).to.deep.equal([[2, 'emulator']]);
  });

  it('answers a conversation from an unknown sender with one polite line, and stores nothing', async () => {
    await post('msteams', 'teams-1', 'hello, is this the surgery?');
    expect(channel.received).to.have.length(1);
    expect(channel.received[0]!.text).to.match(/only for people invited by their link worker/);
  });

  it('rejects a request that is not a Bot Framework activity', async () => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).to.be.within(400, 499);
  });
});
