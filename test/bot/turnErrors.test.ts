import { expect } from 'chai';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken, linkTokenOf, type IssuedConversation } from '../support/directLineClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const PHONE = '+447700900555';
const SECRET_PHRASE = 'my neighbour Gwendolyn keeps the spare key';

interface Posted {
  activities: Array<{ from: { role: string }; text?: string; attachments?: Array<{ content: { body: Array<{ text: string }> } }> }>;
  watermark: string;
}

/** A bare Direct Line conversation driven with fetch, as web chat does, that survives a server restart. */
function conversation(issued: IssuedConversation) {
  let watermark: string | undefined;
  return {
    async say(url: string, text: string): Promise<string[]> {
      const auth = { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' };
      const base = `${url}/v3/directline/conversations/${issued.conversationId}/activities`;
      const posted = await fetch(base, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text }) });
      expect(posted.status).to.equal(200);
      const page = (await (await fetch(`${base}${watermark ? `?watermark=${watermark}` : ''}`, { headers: auth })).json()) as Posted;
      watermark = page.watermark;
      return page.activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? a.attachments?.[0]?.content.body.map((b) => b.text).join('\n') ?? '');
    },
  };
}

describe('Turn errors', () => {
  const logLines: string[] = [];
  let t: TestApp | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers a failed turn with one short apology, starts afresh, and leaves the unreadable file untouched', async () => {
    t = await startTestApp({ logSink: (line) => logLines.push(line) });
    const created = await (
      await t.admin('/api/admin/clients', {
        method: 'POST',
        body: JSON.stringify({ name: 'Gwen Price', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'webchat' }),
      })
    ).json();
    const link = (await (await t.admin(`/api/admin/clients/${created.id}/chat-link`)).json()).url as string;
    const issued = (await (await generateToken(t.url, linkTokenOf(link))).json()) as IssuedConversation;
    const chat = conversation(issued);
    expect((await chat.say(t.url, 'yes')).join('\n')).to.match(/^Thank you, Gwen Price/);
    expect((await chat.say(t.url, 'check in')).join('\n')).to.match(/lack companionship/);
    expect((await chat.say(t.url, SECRET_PHRASE)).join('\n')).to.match(/Just to be sure/);

    // Restart on the same data with the client's file damaged: the next turn cannot read it.
    const { dataDir } = t;
    await t.close({ keepData: true });
    // The month file that holds the open check-in.
    const clientDir = join(dataDir, 'clients', created.id.slice(0, 2), created.id);
    const [monthFile, ...others] = readdirSync(clientDir).filter((name) => /^\d{4}-\d{2}\.json$/.test(name));
    expect(others).to.deep.equal([]);
    const historyFile = join(clientDir, monthFile!);
    const good = readFileSync(historyFile);
    writeFileSync(historyFile, '{"checkIns": [{"id": "cut short');
    t = await startTestApp({ dataDir, logSink: (line) => logLines.push(line) });

    const replies = await chat.say(t.url, '2');
    expect(replies).to.deep.equal(['Sorry, something went wrong on our side. Please try again in a moment.']);
    expect(readFileSync(historyFile, 'utf8')).to.equal('{"checkIns": [{"id": "cut short');

    // Once the file is restored the client is not stuck half-way through the broken check-in.
    writeFileSync(historyFile, good);
    expect((await chat.say(t.url, 'hello')).join('\n')).to.match(/^Hello Gwen Price/);
    expect((await chat.say(t.url, 'check in')).join('\n')).to.match(/automated check-in[\s\S]*lack companionship/);
  });

  it('never writes message text, names or phone numbers to the log', () => {
    expect(
      logLines.some((l) => l.includes('"turn failed"')),
      'the failure above was logged',
    ).to.equal(true);
    const everything = logLines.join('\n');
    for (const secret of [SECRET_PHRASE, 'Gwendolyn', PHONE, PHONE.slice(1), 'Gwen Price', 'check in']) {
      expect(everything, secret).not.to.include(secret);
    }
  });
});
