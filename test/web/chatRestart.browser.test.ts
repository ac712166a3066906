import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchPageProblems } from '../support/chromium.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const CHAT_LINK_SECRET = 'browser-restart-chat-link-secret-0123456789abcdef';

/** The server restarts while a client's chat page is open: the page carries on by itself. */
describe('Web chat page across a server restart', function () {
  this.timeout(45_000);
  let t: TestApp | undefined;
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('keeps the open page working: the next answer is taken after the restart, nothing shown twice', async () => {
    t = await startTestApp({ chatPollMs: 200, env: { CHAT_LINK_SECRET } });
    const port = new URL(t.url).port;
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.setDefaultTimeout(10_000);
    // While the server is down the page's polls fail: those are expected; nothing else is.
    const problems = await watchPageProblems(page, (url) => new URL(url).pathname === '/favicon.ico' || new URL(url).pathname.startsWith('/v3/directline/'));
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Hal', phone: '+447700900791', timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    const { id } = (await created.json()) as { id: string };
    await page.goto((await t.app.chatLinkFor(id)).url);
    const bubbles = page.locator('.webchat__bubble__content');
    await bubbles.getByText('Hello Hal').waitFor();
    await page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Yes', exact: true }).click();
    await bubbles.getByText('Thank you, Hal').waitFor();
    await page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('.ac-adaptiveCard').last().getByText('How often do you feel that you lack companionship?').waitFor();

    await t.close({ keepData: true });
    t = await startTestApp({ chatPollMs: 200, dataDir: t.dataDir, env: { CHAT_LINK_SECRET, PORT: port } });

    const box = page.getByPlaceholder('Type your message');
    await box.fill('hardly ever');
    await box.press('Enter');
    await page.locator('.ac-adaptiveCard').last().getByText('How often do you feel left out?').waitFor();
    const responses = (await (await t.admin(`/api/admin/clients/${id}/responses`)).json()) as { responses: Array<{ itemId: string; value: number }> };
    expect(responses.responses.map((r) => [r.itemId, r.value])).to.deep.equal([['lack_companionship', 1]]);
    expect(await bubbles.getByText('Hello Hal').count(), 'the welcome shown once').to.equal(1);
    expect(await page.locator('.ac-adaptiveCard').getByText('How often do you feel that you lack companionship?').count(), 'the question shown once').to.equal(
      1,
    );
    expect(problems.filter((p) => !/Failed to load resource|net::ERR/.test(p))).to.deep.equal([]);
    await page.close();
  });
});
