import { expect } from 'chai';
import { startFakeChannelService } from '../support/fakeChannelService.js';
import { describeActivity } from '../support/describeActivity.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { emulatorOnly } from '../../bot/server/emulatorDemoBinding.js';
import type { Request } from 'restify';

const activity = (serviceUrl: string, channelId: string, conversationId: string, text: string) => ({
  type: 'message',
  id: `m-${Math.random()}`,
  channelId,
  serviceUrl,
  conversation: { id: conversationId },
  from: { id: 'user-1', name: 'User' },
  recipient: { id: 'linkwell', name: 'Linkwell' },
  text,
  timestamp: new Date().toISOString(),
});

describe('POST /api/messages (Bot Framework protocol), Emulator turned on (EMULATOR=on)', () => {
  let t: TestApp;
  let channel: Awaited<ReturnType<typeof startFakeChannelService>>;

  before(async () => {
    t = await startTestApp({ env: { EMULATOR: 'on' } });
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
      body: JSON.stringify(activity(channel.url, channelId, conversationId, text)),
    });

  it('runs a check-in for the demo client in the Bot Framework Emulator, with replies sent to the channel', async () => {
    expect((await post('emulator', 'emu-1', 'yes')).status).to.equal(200);
    expect(channel.received.map(describeActivity).join('\n')).to.match(/Thank you, Jean/);
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

  it('refuses to reply to a service URL that is not on this machine, and runs no turn', async () => {
    for (const serviceUrl of ['http://10.0.0.7:8080/', 'https://example.org/api/', 'http://169.254.169.254/latest/']) {
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity(serviceUrl, 'emulator', 'emu-far', 'I want to end it')),
      });
      expect(res.status, serviceUrl).to.equal(403);
    }
    expect(await (await t.admin(`/api/admin/alerts?clientId=${t.app.demoClientId}`)).json()).to.deep.equal([]);
  });

  it('takes anonymous activities only from a loopback caller', () => {
    const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as Request;
    expect(() => emulatorOnly(true, from('127.0.0.1'), 'http://localhost:5000/')).not.to.throw();
    expect(() => emulatorOnly(true, from('::ffff:127.0.0.1'), 'http://127.0.0.1:5000/')).not.to.throw();
    expect(() => emulatorOnly(true, from('::1'), 'http://[::1]:5000/')).not.to.throw();
    expect(() => emulatorOnly(true, from('10.1.2.3'), 'http://localhost:5000/')).to.throw(/this machine only/);
    expect(() => emulatorOnly(false, from('127.0.0.1'), 'http://localhost:5000/')).to.throw(/credentials/);
  });
});

describe('POST /api/messages without the Emulator turned on', () => {
  let channel: Awaited<ReturnType<typeof startFakeChannelService>>;
  before(async () => {
    channel = await startFakeChannelService();
  });
  after(() => channel.close());

  it('refuses anonymous activities by default: nothing is posted to the caller and nothing is kept', async () => {
    const t = await startTestApp();
    try {
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity(channel.url, 'emulator', 'emu-2', 'I took all my tablets')),
      });
      expect(res.status).to.equal(403);
      expect(channel.received).to.have.length(0);
      expect(await (await t.admin(`/api/admin/alerts?clientId=${t.app.demoClientId}`)).json()).to.deep.equal([]);
    } finally {
      await t.close();
    }
  });

  it('with Azure credentials, refuses a request without a valid token before any reply is sent', async () => {
    const t = await startTestApp({
      env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
    });
    try {
      for (const authorization of [undefined, 'Bearer not.a.jwt']) {
        const res = await fetch(`${t.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
          body: JSON.stringify(activity(channel.url, 'msteams', 'teams-2', 'hello')),
        });
        expect(res.status, authorization ?? 'no token').to.equal(401);
      }
      expect(channel.received).to.have.length(0);
    } finally {
      await t.close();
    }
  });

  it('will not start with both the Emulator and Azure credentials', async () => {
    let problem = '';
    await startTestApp({ env: { EMULATOR: 'on', MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' } }).catch((e: Error) => (problem = e.message));
    expect(problem).to.match(/EMULATOR/);
  });
});
