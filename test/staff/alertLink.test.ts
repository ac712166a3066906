import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { startSmsTestApp, type SmsTestApp, enrolSmsClient } from '../support/smsTestApp.js';
import { createStaffAccount, textOf } from './signedInStaff.js';
import { Browser, formToken, PASSWORD } from './staffRig.js';

const CLIENT = '+447700900777';
const PRIYA = '+447700900102';

describe('The link in a staff alert text (real server, SMS)', () => {
  let t: SmsTestApp;
  let clock: ManualClock;
  let link: string;
  let alertPath: string;

  before(async function () {
    this.timeout(60_000);
    // Tuesday 1 December 2026, 11:00 in London: working hours, so the link worker is texted.
    clock = new ManualClock(DateTime.fromISO('2026-12-01T11:00:00Z'));
    t = await startSmsTestApp({ clock });
    await enrolSmsClient(t, CLIENT);
    for (const body of ['YES', 'I want to end it']) {
      expect((await t.text(CLIENT, body)).status).to.equal(200);
      await t.settle();
      await t.app.alerts.idle();
      await t.settle();
    }
    const text = t.sentTo(PRIYA)[0]!;
    link = /(https?:\/\/\S+)/.exec(text)![1]!;
    alertPath = new URL(link).pathname;
    await createStaffAccount(t.dataDir, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
  });

  after(async () => {
    await t?.close();
  });

  it("opens the alert's staff page, and the text says nothing of what the client wrote", async () => {
    const [alert] = await t.app.alerts.list();
    expect(link).to.equal(`${t.publicBaseUrl}/staff/alerts/${alert!.id}`);
    const text = t.sentTo(PRIYA)[0]!;
    expect(text).to.match(/^Linkwell URGENT alert [A-Z0-9]{4}: Margaret E\., /);
    expect(text).to.not.match(/end it|Ellis/i);
  });

  it('takes someone not signed in to sign in, then straight back to that alert', async () => {
    const browser = new Browser(t.url);
    const opened = await browser.get(alertPath);
    expect(opened.status).to.equal(303);
    expect(opened.location).to.equal(`/staff/sign-in?next=${encodeURIComponent(alertPath)}`);

    const form = await browser.get(opened.location!);
    expect(form.status).to.equal(200);
    expect(form.body).to.include(`name="next" value="${alertPath}"`);
    const next = /name="next" value="([^"]+)"/.exec(form.body)![1]!;
    const signedIn = await browser.post('/staff/sign-in', { _csrf: formToken(form.body), email: 'priya@example.org', password: PASSWORD, next });
    expect(signedIn.status).to.equal(303);
    expect(signedIn.location).to.equal(alertPath);

    const page = await browser.get(signedIn.location!);
    expect(page.status).to.equal(200);
    expect(textOf(page.body)).to.include('Urgent alert about Margaret Ellis').and.include('I want to end it');
  });

  for (const hostile of ['//evil.example', 'https://evil.example', '/\\evil.example', `${'https://evil.example'}/staff/alerts/x`]) {
    it(`never sends anyone to another site after sign-in (next=${hostile})`, async () => {
      const browser = new Browser(t.url);
      const form = await browser.get(`/staff/sign-in?next=${encodeURIComponent(hostile)}`);
      expect(form.status).to.equal(200);
      expect(form.body).to.not.include('evil.example');
      const signedIn = await browser.post('/staff/sign-in', { _csrf: formToken(form.body), email: 'priya@example.org', password: PASSWORD, next: hostile });
      expect(signedIn.status).to.equal(303);
      expect(signedIn.location).to.equal('/staff');
      // Signed in already, the sign-in page passes straight on: home, not the hostile address.
      const again = await browser.get(`/staff/sign-in?next=${encodeURIComponent(hostile)}`);
      expect(again.status).to.equal(303);
      expect(again.location).to.equal('/staff');
    });
  }
});
