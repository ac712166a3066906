import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../../bot/time/clock.js';
import { hashPassword } from '../../../bot/staff/passwordHash.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { smsConversation } from '../../support/smsConversation.js';
import { startSmsTestApp, type SmsTestApp } from '../../support/smsTestApp.js';
import { startTestApp, type TestApp } from '../../support/testApp.js';
import { answerAll, askedIn, fourAnsweredBaseline, instrumentRow } from '../../staff/outcomesRig.js';
import { Browser, PASSWORD } from '../../staff/staffRig.js';

const PHONE = '+447700900656';
const NOW = DateTime.fromISO('2026-11-24T12:00:00Z', { zone: 'utc' });
const UCLA = 'UCLA 3-item loneliness scale';

/** Two instances on one database: what a client answers through one shows on the other's outcomes page at once. */
describe('The outcomes page on two instances sharing PostgreSQL', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let texts: SmsTestApp | undefined;
  let pages: TestApp | undefined;

  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await texts?.close();
    await pages?.close();
    await db.drop();
  });

  it('shows the same figures on both, each answer as soon as it is stored', async () => {
    const clock = new ManualClock(NOW);
    texts = await startSmsTestApp({ clock, env: { DATABASE_URL: db.url } });
    pages = await startTestApp({ clock, env: { DATABASE_URL: db.url } });
    await pages.app.store.staffAccounts.create({
      id: 'staff-duty',
      email: 'duty@example.org',
      name: 'Dee Duty',
      role: 'duty',
      passwordHash: await hashPassword(PASSWORD),
      failedAttempts: 0,
      createdAt: NOW.toISO()!,
    });
    const onTexts = new Browser(texts.url);
    const onPages = new Browser(pages.url);
    for (const browser of [onTexts, onPages]) expect((await browser.signIn('duty@example.org', PASSWORD)).status).to.equal(303);
    await fourAnsweredBaseline(texts.app.store, texts.programme);
    expect(askedIn((await onPages.get('/staff/outcomes')).body, 'baseline')).to.equal('&#60;5');

    const created = await texts.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    expect(created.status).to.equal(201);
    const conversation = smsConversation(texts, texts.twilio, clock, PHONE);
    await conversation.tickAt();
    await conversation.say('YES');
    const started = await conversation.tickAt();
    expect(started[0]).to.match(/quick questions/);
    expect(askedIn((await onPages.get('/staff/outcomes')).body, 'baseline')).to.equal('5');

    await answerAll(conversation, started);
    const [a, b] = [(await onTexts.get('/staff/outcomes')).body, (await onPages.get('/staff/outcomes')).body];
    expect(instrumentRow(b, 'baseline', UCLA).slice(0, 4)).to.deep.equal(['Total score', '5', '5', '6 (5–7)']);
    // The same page but for each browser's own sign-out form token.
    const withoutToken = (page: string) => page.replace(/<input type="hidden" name="_csrf" value="[^"]*">/g, '');
    expect(withoutToken(a)).to.equal(withoutToken(b));
  });
});
