import { expect } from 'chai';
import { html, raw, staffLayout } from '../../bot/staff/pages/layout.js';
import { canSeeClient, safeNext } from '../../bot/staff/staffGuard.js';
import type { SignedIn } from '../../bot/staff/staffSessions.js';

describe('canSeeClient', () => {
  const sam = { role: 'link-worker', linkWorkerId: 'sam' } as const;
  const rows: ReadonlyArray<[string, Parameters<typeof canSeeClient>[0], string, boolean]> = [
    ['a link worker, their own client', sam, 'sam', true],
    ["a link worker, a colleague's client", sam, 'priya', false],
    ['a link worker account without a link worker id', { role: 'link-worker' }, 'sam', false],
    ['duty, any client', { role: 'duty' }, 'priya', true],
    ['admin, any client', { role: 'admin' }, 'sam', true],
  ];
  for (const [what, staff, linkWorkerId, expected] of rows) {
    it(`${expected ? 'shows' : 'hides'} ${what}`, () => {
      expect(canSeeClient(staff, { linkWorkerId })).to.equal(expected);
    });
  }
});

describe('safeNext', () => {
  const rows: ReadonlyArray<[unknown, string | undefined]> = [
    ['/staff', '/staff'],
    ['/staff/alerts?state=open', '/staff/alerts?state=open'],
    ['/staff/caseload#client-3', '/staff/caseload#client-3'],
    ['/staffing', undefined],
    ['/chat?t=x', undefined],
    ['https://evil.example/staff', undefined],
    ['//evil.example/staff', undefined],
    ['/staff//evil.example', undefined],
    ['/staff/\\evil.example', undefined],
    ['/staff/%2f%2fevil', undefined],
    ['/staff/../chat', undefined],
    ['/staff/x\r\nSet-Cookie: a=b', undefined],
    [['/staff'], undefined],
    [undefined, undefined],
  ];
  for (const [given, expected] of rows) {
    it(`${expected ? 'keeps' : 'refuses'} ${JSON.stringify(given)}`, () => {
      expect(safeNext(given)).to.equal(expected);
    });
  }
});

describe('html', () => {
  it('escapes what it is given, but not other html fragments', () => {
    const name = '<script>alert("x")</script> & \'co\'';
    expect(html`<p title="${name}">${name}</p>`.value).to.equal(
      '<p title="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;</p>',
    );
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>`.value).to.equal('<ul>&#60;a&#62;<li>b</li></ul>');
    expect(html`${false}${null}${undefined}${0}${raw('<br>')}`.value).to.equal('0<br>');
  });
});

describe('staffLayout', () => {
  const signedIn: SignedIn = {
    staff: { id: 's1', email: 'sam@example.org', name: 'Sam <O>', role: 'link-worker', linkWorkerId: 'sam' },
    csrfToken: 'TOKEN',
    sessionKey: 'k',
  };

  it('gives every page a language, a skip link, the navigation and a sign-out form carrying the token', () => {
    const page = staffLayout({ title: 'Alerts', programmeName: 'Demo', signedIn, current: '/staff/alerts', body: html`<h1>Alerts</h1>` });
    expect(page).to.include('<html lang="en">').and.include('<a class="skip-link" href="#main">').and.include('<main id="main"');
    expect(page).to.include('<a href="/staff/alerts" aria-current="page">Alerts</a>');
    expect(page).to.match(/<form method="post" action="\/staff\/sign-out"[^>]*><input type="hidden" name="_csrf" value="TOKEN">/);
    expect(page).to.include('Sam &#60;O&#62;').and.not.include('<script');
  });

  it('shows no navigation or sign-out to someone not signed in', () => {
    const page = staffLayout({ title: 'Sign in', programmeName: 'Demo', body: html`<h1>Sign in</h1>` });
    expect(page).not.to.include('<nav').and.not.include('sign-out');
  });
});
