import { expect } from 'chai';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { startTestApp } from '../support/testApp.js';
import { waitFor } from '../support/waitFor.js';

describe('GET /readyz: whether storage, the scheduler and the SMS outbox are running', () => {
  it('is ready with SMS on once the outbox runs, and says 503 with what stopped when it does not', async () => {
    const t: SmsTestApp = await startSmsTestApp();
    try {
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).to.equal(200);
      expect(await ready.json()).to.deep.equal({ status: 'ready', storage: 'ok', scheduler: 'manual', sms: 'running' });
      await t.app.sms!.dispatcher.stop();
      const stopped = await fetch(`${t.url}/readyz`);
      expect(stopped.status).to.equal(503);
      expect(await stopped.json()).to.include({ status: 'not-ready', sms: 'stopped' });
    } finally {
      await t.close();
    }
  });

  it('waits for the scheduler to start when it runs by itself, and says SMS is off without Twilio', async () => {
    const t = await startTestApp({ scheduler: 'auto' });
    try {
      let body: Record<string, string> = {};
      await waitFor(
        async () => {
          body = (await (await fetch(`${t.url}/readyz`)).json()) as Record<string, string>;
          return body.status === 'ready';
        },
        { what: () => `/readyz to say ready (last: ${JSON.stringify(body)})`, timeoutMs: 2000 },
      );
      expect(body).to.deep.equal({ status: 'ready', storage: 'ok', scheduler: 'running', sms: 'off' });
    } finally {
      await t.close();
    }
  });
});
