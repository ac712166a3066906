import { expect } from 'chai';
import { StaffSessions } from '../../bot/staff/staffSessions.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import { formToken, PASSWORD, startStaffRig, type StaffRig } from './staffRig.js';

describe('registerStaffRoutes', () => {
  let rig: StaffRig;

  beforeEach(async () => {
    rig = await startStaffRig();
  });
  afterEach(async () => {
    await rig.close();
  });

  it('signs a link worker in with a session cookie scripts cannot read and other sites cannot send', async () => {
    await rig.addStaff('Sam.Okafor@example.org', 'link-worker', 'sam');
    const browser = rig.browser();
    const signedIn = await browser.signIn('sam.okafor@EXAMPLE.org', PASSWORD);
    expect(signedIn.status).to.equal(303);
    expect(signedIn.location).to.equal('/staff');
    const session = signedIn.setCookies.find((c) => c.startsWith('linkwell_staff='))!;
    expect(session).to.match(/^linkwell_staff=[A-Za-z0-9_-]{43};/);
    expect(session).to.include('HttpOnly').and.include('SameSite=Strict').and.include('Path=/;');
    expect(session).not.to.include('Secure');

    const home = await browser.get('/staff');
    expect(home.status).to.equal(200);
    expect(home.body).to.include('Staff 1').and.include('link worker').and.include('Sam Okafor');
    expect(home.body).to.include('href="/staff/alerts"').and.include('href="/staff/caseload"').and.include('href="/staff/outcomes"');
    expect(home.body).to.include('action="/staff/sign-out"');
    expect(formToken(home.body)).to.have.length(43);
  });

  it('marks the cookie Secure when the public address is https', async () => {
    await rig.close();
    rig = await startStaffRig({ publicBaseUrl: 'https://linkwell.example.org' });
    await rig.addStaff('duty@example.org', 'duty');
    const signedIn = await rig.browser().signIn('duty@example.org', PASSWORD);
    expect(signedIn.setCookies.find((c) => c.startsWith('linkwell_staff='))).to.include('Secure');
  });

  it('sends the staff security headers and no inline script', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    const form = await browser.get('/staff/sign-in');
    await browser.signIn('duty@example.org', PASSWORD);
    const home = await browser.get('/staff');
    for (const page of [form, home]) {
      expect(page.headers.get('content-security-policy')).to.include("default-src 'self'").and.include("script-src 'self'").and.not.include('unsafe-inline');
      expect(page.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(page.headers.get('referrer-policy')).to.equal('same-origin');
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(page.body).to.include('<html lang="en">').and.not.include('<script').and.not.include('style=');
      expect(page.body).to.include('href="#main"');
    }
    expect(home.body).to.include('Demo &#60;Programme&#62;');
  });

  it('says the email or password is not right, and shows the email again but not the password', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const page = await rig.browser().signIn('duty@example.org', 'not the password at all');
    expect(page.status).to.equal(401);
    expect(page.body).to.include('The email address or password is not right');
    expect(page.body).to.include('value="duty@example.org"').and.not.include('not the password at all');
    expect(page.setCookies.some((c) => c.startsWith('linkwell_staff='))).to.equal(false);
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const known = await rig.browser().signIn('duty@example.org', 'wrong password here');
    const unknown = await rig.browser().signIn('nobody@example.org', 'wrong password here');
    expect(unknown.status).to.equal(known.status);
    expect(unknown.body.replace('nobody@example.org', 'EMAIL')).to.equal(
      known.body.replace('duty@example.org', 'EMAIL').replace(formToken(known.body), formToken(unknown.body)),
    );
  });

  it('locks sign-in for 15 minutes after 5 wrong passwords in a row, even with the right one, then lets it in', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    for (let i = 1; i <= 4; i += 1) expect((await browser.signIn('duty@example.org', `wrong password ${i}`)).status).to.equal(401);
    const fifth = await browser.signIn('duty@example.org', 'wrong password 5');
    expect(fifth.status).to.equal(429);
    expect(fifth.body).to.include('Too many attempts: try again in 15 minutes.');

    rig.clock.advance({ minutes: 14 });
    const stillLocked = await browser.signIn('duty@example.org', PASSWORD);
    expect(stillLocked.status).to.equal(429);
    expect(stillLocked.body).to.include('try again in 1 minute.');

    rig.clock.advance({ minutes: 1 });
    const open = await browser.signIn('duty@example.org', PASSWORD);
    expect(open.status).to.equal(303);
    expect((await rig.store.accounts.findByEmail('duty@example.org'))!.failedAttempts).to.equal(0);
  });

  it('locks an unknown email the same way, so a lock-out does not tell that an account exists', async () => {
    const browser = rig.browser();
    for (let i = 1; i <= 4; i += 1) expect((await browser.signIn('nobody@example.org', `wrong password ${i}`)).status).to.equal(401);
    const fifth = await browser.signIn('nobody@example.org', 'wrong password 5');
    expect(fifth.status).to.equal(429);
    expect(fifth.body).to.include('Too many attempts: try again in 15 minutes.');
  });

  it('counts only wrong passwords in a row: a sign-in in between starts the count again', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    for (let i = 1; i <= 4; i += 1) await browser.signIn('duty@example.org', `wrong password ${i}`);
    expect((await browser.signIn('duty@example.org', PASSWORD)).status).to.equal(303);
    expect((await rig.browser().signIn('duty@example.org', 'wrong password 5')).status).to.equal(401);
  });

  it('signs out only with the form token, and the old cookie then opens nothing', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    await browser.signIn('duty@example.org', PASSWORD);
    const home = await browser.get('/staff');

    expect((await browser.post('/staff/sign-out', {})).status).to.equal(403);
    expect((await browser.post('/staff/sign-out', { _csrf: 'x'.repeat(43) })).status).to.equal(403);
    expect((await browser.get('/staff')).status).to.equal(200);

    const sessionCookie = browser.cookies.get('linkwell_staff')!;
    const out = await browser.post('/staff/sign-out', { _csrf: formToken(home.body) });
    expect(out.status).to.equal(303);
    expect(out.location).to.equal('/staff/sign-in');
    expect(out.setCookies.find((c) => c.startsWith('linkwell_staff='))).to.include('Max-Age=0');
    expect(await rig.store.sessions.list()).to.deep.equal([]);

    browser.cookies.set('linkwell_staff', sessionCookie);
    expect((await browser.get('/staff')).location).to.equal('/staff/sign-in');
  });

  it('refuses every state-changing staff route without its CSRF token (403), and accepts the header from fetch', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    await browser.signIn('duty@example.org', PASSWORD);
    const token = formToken((await browser.get('/staff')).body);
    // One character changed (never to itself: a token ending in A used to pass as its own forgery, 1 run in 64).
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of ['/staff/sign-in', '/staff/sign-out', '/staff/probe/change', '/staff/probe/unguarded']) {
      expect((await browser.post(path, {})).status, path).to.equal(403);
      expect((await browser.post(path, { _csrf: forged })).status, path).to.equal(403);
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await browser.request(method, '/staff/probe/change', '{}', { 'Content-Type': 'application/json' })).status, method).to.equal(403);
    }
    const json = await browser.request('POST', '/staff/probe/change', '{}', {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'x-csrf-token': token,
    });
    expect(json.status).to.equal(200);
    expect((await browser.post('/staff/probe/unguarded', { _csrf: token })).status).to.equal(200);
  });

  it('sends a page request to sign in and back, and answers a fetch with 401', async () => {
    const browser = rig.browser();
    const page = await browser.get('/staff/probe/duty?tab=open');
    expect(page.status).to.equal(303);
    expect(page.location).to.equal(`/staff/sign-in?next=${encodeURIComponent('/staff/probe/duty?tab=open')}`);
    const fetched = await browser.request('GET', '/staff/probe/duty', undefined, { Accept: 'application/json' });
    expect(fetched.status).to.equal(401);
    expect(JSON.parse(fetched.body)).to.include({ error: 'unauthorized' });

    await rig.addStaff('duty@example.org', 'duty');
    const form = await browser.get(page.location!);
    expect(form.body).to.include('name="next" value="/staff/probe/duty?tab=open"');
    const signedIn = await browser.post('/staff/sign-in', {
      _csrf: formToken(form.body),
      email: 'duty@example.org',
      password: PASSWORD,
      next: '/staff/probe/duty?tab=open',
    });
    expect(signedIn.location).to.equal('/staff/probe/duty?tab=open');
  });

  for (const next of [
    'https://evil.example/staff',
    '//evil.example/staff',
    '/\\evil.example',
    '/staff//evil.example',
    '/staffing',
    '/staff/..//evil',
    '/staff/%2F%2Fevil',
    'javascript:alert(1)',
  ]) {
    it(`goes to the staff home, not elsewhere, after sign-in with next=${next}`, async () => {
      await rig.addStaff('duty@example.org', 'duty');
      const browser = rig.browser();
      const form = await browser.get('/staff/sign-in');
      const signedIn = await browser.post('/staff/sign-in', { _csrf: formToken(form.body), email: 'duty@example.org', password: PASSWORD, next });
      expect(signedIn.status).to.equal(303);
      expect(signedIn.location).to.equal('/staff');
    });
  }

  it('lets no one in with a disabled account, and ends its open sessions', async () => {
    const id = await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    await browser.signIn('duty@example.org', PASSWORD);
    await rig.store.accounts.update(id, (a) => ({ ...a, disabled: true }));
    expect((await browser.get('/staff')).status).to.equal(303);
    const again = await rig.browser().signIn('duty@example.org', PASSWORD);
    expect(again.status).to.equal(401);
    expect(again.body).to.include('The email address or password is not right');
  });

  it('keeps a link worker out of pages for duty and admin', async () => {
    await rig.addStaff('sam@example.org', 'link-worker', 'sam');
    await rig.addStaff('admin@example.org', 'admin');
    const worker = rig.browser();
    await worker.signIn('sam@example.org', PASSWORD);
    expect((await worker.get('/staff/probe/duty')).status).to.equal(403);
    const admin = rig.browser();
    await admin.signIn('admin@example.org', PASSWORD);
    expect((await admin.get('/staff/probe/duty')).status).to.equal(200);
  });

  it('ends a session after 8 idle hours, and after 12 hours however busy', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const idle = rig.browser();
    await idle.signIn('duty@example.org', PASSWORD);
    rig.clock.advance({ hours: 7, minutes: 59 });
    expect((await idle.get('/staff')).status).to.equal(200);
    rig.clock.advance({ hours: 8 });
    expect((await idle.get('/staff')).status).to.equal(303);

    const busy = rig.browser();
    await busy.signIn('duty@example.org', PASSWORD);
    for (let hour = 1; hour < 12; hour += 1) {
      rig.clock.advance({ hours: 1 });
      expect((await busy.get('/staff')).status, `hour ${hour}`).to.equal(200);
    }
    rig.clock.advance({ hours: 1 });
    expect((await busy.get('/staff')).status).to.equal(303);
  });

  it('keeps sessions across a restart, with only a hash of the session id on disk', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    await browser.signIn('duty@example.org', PASSWORD);
    const cookie = browser.cookies.get('linkwell_staff')!;
    const reopened = openStaffStore(rig.dataDir);
    const sessions = new StaffSessions({ accounts: reopened.accounts, sessions: reopened.sessions, clock: rig.clock });
    expect((await sessions.resume(cookie))?.staff.email).to.equal('duty@example.org');
    expect(JSON.stringify(await reopened.sessions.list())).not.to.include(cookie);
  });

  it('never logs passwords or emails', async () => {
    await rig.addStaff('duty@example.org', 'duty');
    const browser = rig.browser();
    await browser.signIn('duty@example.org', 'a wrong password');
    await browser.signIn('nobody@example.org', 'another wrong password');
    await browser.signIn('duty@example.org', PASSWORD);
    const logged = rig.logLines.join('\n');
    expect(rig.logLines).not.to.be.empty;
    for (const secret of ['wrong password', PASSWORD, 'example.org']) expect(logged).not.to.include(secret);
  });
});
