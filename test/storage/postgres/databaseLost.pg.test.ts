import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../../bot/time/clock.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { enrolSmsClient, startSmsTestApp, type SmsTestApp } from '../../support/smsTestApp.js';

/** The database goes away while the server runs, and comes back (real PostgreSQL, real HTTP). */
describe('Linkwell on PostgreSQL when the database is lost while running', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let t: SmsTestApp;

  beforeEach(async () => {
    db = await freshDatabase();
    t = await startSmsTestApp({ clock: new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z')), env: { DATABASE_URL: db.url } });
  });
  afterEach(async () => {
    await db.reachable(true);
    await t.close();
    await db.drop();
  });

  it('answers a text with 503 (so Twilio tries again, never a 200 for a text not kept), says so on the staff pages, and carries on by itself once it is back', async () => {
    const phone = '+447700900881';
    await enrolSmsClient(t, phone);
    expect((await t.text(phone, 'YES')).status).to.equal(200);
    await t.settle();

    await db.reachable(false);
    const lost = await t.text(phone, 'check in');
    expect(lost.status).to.equal(503);
    expect(lost.headers.get('retry-after')).to.equal('30');
    // A link worker's browser, signed in before: its session cannot be looked up.
    const page = await fetch(`${t.url}/staff/alerts`, { headers: { Accept: 'text/html', Cookie: `linkwell_staff=${'a'.repeat(43)}` } });
    expect(page.status).to.equal(503);
    expect(await page.text())
      .to.include('Linkwell cannot reach its database just now')
      .and.include('Nothing you sent was saved');

    await db.reachable(true);
    // Twilio's retry of the same text, once the database is back: kept and answered.
    const retried = await t.text(phone, 'check in');
    expect(retried.status).to.equal(200);
    await t.settle();
    expect(t.sentTo(phone).at(-1)).to.match(/lack companionship/);
  });
});
