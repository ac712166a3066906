import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../bot/time/clock.js';
import { TokenSigner } from '../../bot/platform/signedToken.js';
import type { CheckInRecord, ItemResponseRecord, NoteRecord, ScoreRecord } from '../../storage/records.js';
import { accessibilityViolations } from '../support/axe.js';
import { launchChromium, watchPageProblems } from '../support/chromium.js';
import { focused, tabTo } from '../support/keyboard.js';
import { SCREENSHOTS } from '../support/screenshots.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const CHAT_LINK_SECRET = 'browser-test-chat-link-secret-0123456789abcdef';
// A common laptop screen.
const VIEWPORT = { width: 1366, height: 768 };

const UCLA = {
  lackCompanionship: 'How often do you feel that you lack companionship?',
  leftOut: 'How often do you feel left out?',
  isolated: 'How often do you feel isolated from others?',
};
const ONS = 'How often do you feel lonely?';
// Web chat renders quotes and apostrophes typographically ("you’d", "that’s").
const OPEN_QUESTION = /anything you.d like Sam Okafor to know\?/;
const THANKS = /that.s your check-in done/;

interface History {
  responses: ItemResponseRecord[];
  scores: ScoreRecord[];
  notes: NoteRecord[];
  checkIns: CheckInRecord[];
}

/** What a client sees and does on the chat page. */
class ChatPage {
  constructor(readonly page: Page) {}

  /** Resolves once the bot has said `text` (bubble text, or text on a card). */
  async botSaid(text: string | RegExp): Promise<void> {
    await this.page.locator('.webchat__bubble__content').getByText(text).last().waitFor();
  }

  async pressSuggestedAction(title: string): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: title, exact: true }).click();
  }

  /** Waits for the card asking `question`, then presses `option` on it. */
  async answerCard(question: string, option: string): Promise<void> {
    // Answered cards stay in the transcript: only the newest one is the current question.
    const card = await this.currentCard(question);
    await card.getByRole('button', { name: option, exact: true }).click();
  }

  async currentCard(question: string) {
    const card = this.page.locator('.ac-adaptiveCard').last();
    await card.getByText(question, { exact: true }).waitFor();
    return card;
  }

  async type(text: string): Promise<void> {
    const box = this.page.getByPlaceholder('Type your message');
    await box.fill(text);
    await box.press('Enter');
  }

  /** A picture of what the client sees once web chat has finished scrolling to the newest message. */
  async screenshot(name: string): Promise<void> {
    await this.page.waitForFunction(() => {
      const transcript = document.querySelector('.webchat__basic-transcript__scrollable');
      return !!transcript && transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 1;
    });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}

describe('Web chat page', function () {
  this.timeout(30_000);

  let t: TestApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [t, browser] = await Promise.all([startTestApp({ chatPollMs: 200, env: { CHAT_LINK_SECRET } }), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: VIEWPORT });
    // Fail at the step that hangs, well inside the mocha timeout.
    page.setDefaultTimeout(8_000);
  });

  afterEach(async () => {
    await page?.close();
  });

  const favicon = (url: string) => new URL(url).pathname === '/favicon.ico';

  /** A web chat client of Sam's, enrolled through the admin API; resolves to their id. */
  async function enrolWebChatClient(name: string, phone: string): Promise<string> {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name, phone, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    expect(created.status).to.equal(201);
    return ((await created.json()) as { id: string }).id;
  }

  async function historyOf(clientId: string): Promise<History> {
    const res = await t.admin(`/api/admin/clients/${clientId}/responses`);
    expect(res.status).to.equal(200);
    return (await res.json()) as History;
  }

  it('lets a client complete a check-in by clicking the card buttons, and the answers are stored', async () => {
    const problems = await watchPageProblems(page, favicon);
    const clientId = t.app.demoClientId!;
    const chat = new ChatPage(page);
    const note = 'My daughter is visiting on Sunday, which will be nice.';

    await page.goto((await t.app.chatLinkFor(clientId)).url);
    await chat.botSaid('Hello Jean');
    // The welcome says how answers are used and asks to agree before anything is asked or kept.
    await chat.pressSuggestedAction('Yes');
    await chat.botSaid('Thank you, Jean');
    await chat.pressSuggestedAction('Check in');
    await chat.answerCard(UCLA.lackCompanionship, '3 Often');
    await chat.answerCard(UCLA.leftOut, '2 Some of the time');
    await chat.currentCard(UCLA.isolated);
    await chat.screenshot('chat-mid-check-in');
    await chat.answerCard(UCLA.isolated, '3 Often');
    await chat.answerCard(ONS, '4 Hardly ever');
    await chat.botSaid(OPEN_QUESTION);
    await chat.type(note);
    await chat.botSaid(THANKS);
    await chat.screenshot('chat-check-in-done');

    const { responses, scores, notes, checkIns } = await historyOf(clientId);
    expect(checkIns.map((c) => c.status)).to.deep.equal(['completed']);
    const checkInId = checkIns[0]!.id;
    expect(responses.map(({ instrumentId, itemId, value, optionId, status, raw }) => ({ instrumentId, itemId, value, optionId, status, raw }))).to.deep.equal([
      { instrumentId: 'ucla3', itemId: 'lack_companionship', value: 3, optionId: 'often', status: 'answered', raw: '[button 3]' },
      { instrumentId: 'ucla3', itemId: 'left_out', value: 2, optionId: 'some_of_the_time', status: 'answered', raw: '[button 2]' },
      { instrumentId: 'ucla3', itemId: 'isolated', value: 3, optionId: 'often', status: 'answered', raw: '[button 3]' },
      { instrumentId: 'ons-loneliness', itemId: 'lonely', value: 4, optionId: 'hardly_ever', status: 'answered', raw: '[button 4]' },
    ]);
    expect(responses.every((r) => r.channel === 'webchat' && r.checkInId === checkInId)).to.equal(true);
    expect(scores.find((s) => s.instrumentId === 'ucla3')).to.include({ score: 8, complete: true, checkInId });
    expect(notes.map((n) => ({ text: n.text, checkInId: n.checkInId, channel: n.channel }))).to.deep.equal([{ text: note, checkInId, channel: 'webchat' }]);
    expect(problems).to.deep.equal([]);
  });

  it('has no WCAG 2.2 A/AA violation that axe-core finds before, during and after a check-in', async () => {
    const clientId = await enrolWebChatClient('Ida', '+447700900778');
    const chat = new ChatPage(page);
    await page.goto((await t.app.chatLinkFor(clientId)).url);
    await chat.botSaid('Hello Ida');
    const found: Record<string, string[]> = { welcome: await accessibilityViolations(page) };
    await chat.pressSuggestedAction('Yes');
    await chat.pressSuggestedAction('Check in');
    await chat.currentCard(UCLA.lackCompanionship);
    found['during a check-in'] = await accessibilityViolations(page);
    await chat.answerCard(UCLA.lackCompanionship, '1 Hardly ever or never');
    await chat.answerCard(UCLA.leftOut, '1 Hardly ever or never');
    await chat.answerCard(UCLA.isolated, '1 Hardly ever or never');
    await chat.answerCard(ONS, '5 Never');
    await chat.botSaid(OPEN_QUESTION);
    await chat.type('no');
    await chat.botSaid(THANKS);
    found['after the check-in'] = await accessibilityViolations(page);
    expect(found).to.deep.equal({ welcome: [], 'during a check-in': [], 'after the check-in': [] });
    // The check can fail: an image with no text alternative is found.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' })));
    expect((await accessibilityViolations(page)).join('\n')).to.match(/image-alt/);
  });

  it('fits a 320 px wide phone without sideways scrolling, with answer buttons at least 24 px and new messages announced', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const clientId = await enrolWebChatClient('Peggy', '+447700900779');
    const chat = new ChatPage(page);
    await page.goto((await t.app.chatLinkFor(clientId)).url);
    await chat.botSaid('Hello Peggy');
    await chat.pressSuggestedAction('Yes');
    await chat.pressSuggestedAction('Check in');
    const card = await chat.currentCard(UCLA.lackCompanionship);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'sideways scrolling at 320 px').to.be.at.most(0);
    for (const button of await card.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height), `target size of ${await button.textContent()}`).to.be.at.least(24);
    }
    // Screen readers hear new bot messages: web chat keeps a polite live region of them.
    expect(await page.locator('[aria-live="polite"], [role="log"], [role="status"]').count()).to.be.greaterThan(0);
  });

  it('takes a whole check-in by keyboard alone, with the focus drawn on every control pressed', async () => {
    const clientId = await enrolWebChatClient('Kay', '+447700900780');
    const chat = new ChatPage(page);
    await page.goto((await t.app.chatLinkFor(clientId)).url);
    await chat.botSaid('Hello Kay');
    /** Tab forwards to the control whose text is `name`, check its focus is drawn, and press Enter. */
    const pressByKeyboard = async (name: string) => {
      await tabTo(page, name, `"${name}"`);
      await page.keyboard.press('Enter');
    };
    await pressByKeyboard('Yes');
    await chat.botSaid('Thank you, Kay');
    await pressByKeyboard('Check in');
    for (const [question, answer] of [
      [UCLA.lackCompanionship, '2 Some of the time'],
      [UCLA.leftOut, '1 Hardly ever or never'],
      [UCLA.isolated, '3 Often'],
      [ONS, '4 Hardly ever'],
    ] as const) {
      await chat.currentCard(question);
      // Web chat's keyboard model: Escape leaves a card, the chat history is one stop (End goes to
      // the newest message), Enter goes into its card; then Tab reaches the card's buttons.
      await page.keyboard.press('Escape');
      for (let i = 0; i < 40 && !(await focused(page)).label.startsWith('Chat history'); i++) await page.keyboard.press('Tab');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Tab');
      await pressByKeyboard(answer);
    }
    await chat.botSaid(OPEN_QUESTION);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 40 && (await focused(page)).label !== 'Message input box'; i++) await page.keyboard.press('Tab');
    expect((await focused(page)).label, 'the message box reached by keyboard').to.equal('Message input box');
    await page.keyboard.type('no');
    await page.keyboard.press('Enter');
    await chat.botSaid(THANKS);
    const { responses } = await historyOf(clientId);
    expect(responses.map((r) => [r.itemId, r.value])).to.deep.equal([
      ['lack_companionship', 2],
      ['left_out', 1],
      ['isolated', 3],
      ['lonely', 4],
    ]);
  });

  it('carries a check-in on after a reload, with the history shown, and shows it in a second tab too', async () => {
    const problems = await watchPageProblems(page, favicon);
    const clientId = await enrolWebChatClient('Rhoda', '+447700900781');
    const link = (await t.app.chatLinkFor(clientId)).url;
    const chat = new ChatPage(page);
    await page.goto(link);
    await chat.botSaid('Hello Rhoda');
    await chat.pressSuggestedAction('Yes');
    await chat.pressSuggestedAction('Check in');
    await chat.answerCard(UCLA.lackCompanionship, '3 Often');
    await chat.currentCard(UCLA.leftOut);

    await page.reload();
    await chat.botSaid('Hello Rhoda');
    await chat.botSaid('Thank you, Rhoda');
    // The question on screen is the one the check-in waits on: its answer is taken as such.
    await chat.answerCard(UCLA.leftOut, '2 Some of the time');
    await chat.currentCard(UCLA.isolated);

    const second = await browser.newPage({ viewport: VIEWPORT });
    try {
      const tab = new ChatPage(second);
      await second.goto(link);
      await tab.answerCard(UCLA.isolated, '1 Hardly ever or never');
      await chat.currentCard(ONS);
    } finally {
      await second.close();
    }
    const { responses, notes, checkIns } = await historyOf(clientId);
    expect(responses.map((r) => [r.itemId, r.value])).to.deep.equal([
      ['lack_companionship', 3],
      ['left_out', 2],
      ['isolated', 1],
    ]);
    expect(checkIns.map((c) => c.status)).to.deep.equal(['open']);
    expect(notes).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  it('reflows at 200% zoom without sideways scrolling, the question and the message box in view', async () => {
    // 200% zoom of the laptop screen: half as many CSS pixels, each drawn twice the size.
    const zoomed = await browser.newPage({ viewport: { width: VIEWPORT.width / 2, height: VIEWPORT.height / 2 }, deviceScaleFactor: 2 });
    try {
      const clientId = await enrolWebChatClient('Zena', '+447700900782');
      const chat = new ChatPage(zoomed);
      await zoomed.goto((await t.app.chatLinkFor(clientId)).url);
      await chat.botSaid('Hello Zena');
      await chat.pressSuggestedAction('Yes');
      await chat.pressSuggestedAction('Check in');
      const card = await chat.currentCard(UCLA.lackCompanionship);
      expect(await zoomed.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling').to.be.at.most(0);
      const lastAnswer = card.getByRole('button').last();
      await lastAnswer.scrollIntoViewIfNeeded();
      expect(await lastAnswer.isVisible()).to.equal(true);
      const box = (await zoomed.getByPlaceholder('Type your message').boundingBox())!;
      expect(box.x, 'message box inside the screen').to.be.at.least(0);
      expect(box.x + box.width).to.be.at.most(VIEWPORT.width / 2);
      expect(box.y + box.height).to.be.at.most(VIEWPORT.height / 2);
      await zoomed.screenshot({ path: join(SCREENSHOTS, 'chat-zoom-200.png') });
    } finally {
      await zoomed.close();
    }
  });

  it('understands typed answers as well as buttons', async () => {
    const problems = await watchPageProblems(page, favicon);
    const clientId = await enrolWebChatClient('Maureen', '+447700900777');
    const { url } = (await (await t.admin(`/api/admin/clients/${clientId}/chat-link`)).json()) as { url: string };
    const chat = new ChatPage(page);

    await page.goto(url);
    await chat.botSaid('Hello Maureen');
    await chat.type('check in');
    // A check-in asked for before agreeing asks for agreement first, then starts.
    await chat.botSaid('Before your first check-in');
    await chat.type('yes');
    for (const [question, reply] of [
      [UCLA.lackCompanionship, 'hardly ever'],
      [UCLA.leftOut, '3'],
      [UCLA.isolated, 'some of the time tbh'],
      [ONS, 'never'],
    ] as const) {
      await chat.currentCard(question);
      await chat.type(reply);
    }
    await chat.botSaid(OPEN_QUESTION);
    await chat.type('no');
    await chat.botSaid(THANKS);

    const { responses, scores, notes } = await historyOf(clientId);
    expect(responses.map((r) => [r.itemId, r.value, r.raw])).to.deep.equal([
      ['lack_companionship', 1, 'hardly ever'],
      ['left_out', 3, '3'],
      ['isolated', 2, 'some of the time tbh'],
      ['lonely', 5, 'never'],
    ]);
    expect(scores.find((s) => s.instrumentId === 'ucla3')).to.include({ score: 6, complete: true });
    expect(notes, '"no" is not a note for the link worker').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  it('shows a clear message, not a chat, for an expired or tampered link', async () => {
    const clientId = t.app.demoClientId!;
    const pageUrl = (url: string) => new URL(url).pathname === '/chat';
    const problems = await watchPageProblems(page, (url) => favicon(url) || pageUrl(url));
    const chatRequests: string[] = [];
    page.on('request', (req) => {
      if (!pageUrl(req.url()) && !favicon(req.url())) chatRequests.push(req.url());
    });

    const weekAgo = new TokenSigner(CHAT_LINK_SECRET, new ManualClock(DateTime.utc().minus({ days: 7 })));
    const expired = weekAgo.sign({ typ: 'link', sub: clientId, exp: weekAgo.expiresIn(3600) });
    // Someone edits their link to last longer: the signature no longer matches.
    const [version, payload, signature] = new URL((await t.app.chatLinkFor(clientId)).url).searchParams.get('t')!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { exp: number };
    const extended = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86_400 })).toString('base64url');
    const tampered = `${version}.${extended}.${signature}`;

    for (const [token, heading] of [
      [expired, 'This chat link has expired.'],
      [tampered, 'This chat link is not valid.'],
    ] as const) {
      const response = await page.goto(`${t.url}/chat?t=${encodeURIComponent(token)}`);
      expect(response?.status()).to.equal(401);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal(heading);
      expect(await page.locator('body').innerText()).to.include('ask your link worker for a new link');
      if (token === tampered) await page.screenshot({ path: join(SCREENSHOTS, 'chat-link-not-valid.png') });
    }
    expect(await page.locator('#webchat').count()).to.equal(0);
    expect(chatRequests, 'an invalid link loads no chat').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
