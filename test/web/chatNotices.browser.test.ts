import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import webpush from 'web-push';
import { accessibilityViolations } from '../support/axe.js';
import { launchChromium, watchPageProblems } from '../support/chromium.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const OFFER = /only says "Linkwell has a check-in for you"\. It never shows your answers or messages\./;

/** The chat page as an installable web app that offers notices (real browser, push configured). */
describe('Web chat page: notices and the installable app', function () {
  this.timeout(30_000);
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let phones = 0;

  before(async () => {
    const vapid = webpush.generateVAPIDKeys();
    [t, browser] = await Promise.all([
      startTestApp({
        chatPollMs: 200,
        env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:team@example.org' },
      }),
      launchChromium(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    page = await context.newPage();
    page.setDefaultTimeout(8_000);
  });
  afterEach(() => context.close());

  async function chatLink(name: string): Promise<string> {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name, phone: `+4477009008${String((phones += 1) + 50)}`, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    return (await t.app.chatLinkFor(((await created.json()) as { id: string }).id)).url;
  }

  it('offers notices in plain words, with a service worker for /chat and a manifest whose icons load, and no accessibility violation', async () => {
    const problems = await watchPageProblems(page);
    await page.goto(await chatLink('Vera'));
    const notices = page.getByRole('region', { name: 'Notices on this device' });
    await notices.getByText(OFFER).waitFor();
    expect(await notices.getByRole('button').allInnerTexts()).to.deep.equal(['Yes, send notices', 'No thanks']);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/chat'))?.scope);
    expect(scope).to.equal(`${t.url}/chat`);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await fetch(new URL(manifestHref!, t.url))).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: Array<{ src: string; sizes: string }>;
    };
    expect(manifest).to.include({ start_url: '/chat', display: 'standalone' });
    expect(manifest.icons.map((i) => i.sizes)).to.include.members(['192x192', '512x512']);
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, t.url))).status, icon.src).to.equal(200);
    await page
      .locator('.webchat__bubble__content')
      .getByText(/^Hello Vera/)
      .waitFor();
    expect(await accessibilityViolations(page)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  it('asks no more on this device once the client says no thanks', async () => {
    await page.goto(await chatLink('Wren'));
    const notices = page.getByRole('region', { name: 'Notices on this device' });
    await notices.getByRole('button', { name: 'No thanks' }).click();
    expect(await notices.isHidden()).to.equal(true);
    await page.reload();
    await page
      .locator('.webchat__bubble__content')
      .getByText(/^Hello Wren/)
      .waitFor();
    // The page decides whether to offer notices once its service worker is ready and it has asked
    // the push manager for a subscription: asked here after it, the answer comes after the page's.
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      await registration.pushManager.getSubscription();
    });
    expect(await page.locator('#notices').isHidden(), 'not offered again').to.equal(true);
  });

  it('says plainly when notices cannot be turned on here, and the chat carries on', async () => {
    // Headless chromium refuses the permission (or, allowed, has no push service to reach).
    await page.goto(await chatLink('Xan'));
    const notices = page.getByRole('region', { name: 'Notices on this device' });
    await notices.getByRole('button', { name: 'Yes, send notices' }).click();
    await notices.getByText(/^Notices (are off|could not be turned on)/).waitFor();
    expect(await notices.getByText(/Your check-ins will still be here in the chat\./).count()).to.equal(1);
    await page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Yes', exact: true }).click();
    await page
      .locator('.webchat__bubble__content')
      .getByText(/^Thank you, Xan/)
      .waitFor();
  });
});
