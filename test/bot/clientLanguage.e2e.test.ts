import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900321';

describe("A client's language", () => {
  let t: SmsTestApp;
  let clientId: string;

  beforeEach(async () => {
    const demo = JSON.parse(await readFile(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
    const programme = parseProgramme(
      {
        ...demo,
        translations: {
          es: {
            noteReceived: 'Gracias. He pasado tu mensaje a {linkWorkerName}.',
            checkInIntro: 'Hola {clientName}, soy Linkwell. {itemCount} preguntas rapidas.',
          },
        },
      },
      'test programme',
    );
    t = await startSmsTestApp({ programme });
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Rosa Diaz', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    clientId = ((await created.json()) as { id: string }).id;
    // Agreed (YES) to a welcome sent before this test's server started.
    await t.app.store.clients.update(clientId, (c) => ({ ...c, consentedAt: '2026-01-01T09:00:00.000Z' }));
  });

  afterEach(async () => {
    await t.close();
  });

  async function say(text: string): Promise<string[]> {
    await t.text(PHONE, text);
    await t.settle();
    const replies = t.sentTo(PHONE);
    t.twilio.reset();
    return replies;
  }

  it("speaks the client's language once staff set it, falling back to the programme's own for what is not translated", async () => {
    expect((await say('the bus never came'))[0]).to.match(/^Thank you\. I have passed your message to Priya Shah/);
    const changed = await t.admin(`/api/admin/clients/${clientId}`, { method: 'PATCH', body: JSON.stringify({ changedBy: 'Priya Shah', language: 'es' }) });
    expect(changed.status).to.equal(200);
    expect((await say('the bus never came again'))[0]).to.equal('Gracias. He pasado tu mensaje a Priya Shah.');
    const checkIn = await say('check in');
    expect(checkIn[0]).to.equal('Hola Rosa Diaz, soy Linkwell. 4 preguntas rapidas.');
    // Validated instrument wording is never translated here.
    expect(checkIn[1]).to.match(/companionship/);
    expect((await say('help'))[0]).to.match(/^Linkwell: automated check-ins from/);
  });
});
