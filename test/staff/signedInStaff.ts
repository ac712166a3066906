import { expect } from 'chai';
import type { Clock } from '../../bot/time/clock.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import type { StaffRole } from '../../storage/records.js';
import type { TestApp } from '../support/testApp.js';
import { Browser, formToken, PASSWORD } from './staffRig.js';

/** A staff account written straight to the app's data directory, as staff:add does (password PASSWORD unless given). */
export async function createStaffAccount(
  dataDir: string,
  clock: Clock,
  email: string,
  name: string,
  role: StaffRole,
  linkWorkerId?: string,
  password = PASSWORD,
): Promise<void> {
  const created = await openStaffStore(dataDir).accounts.create({
    id: `staff-${email.split('@')[0]}`,
    email,
    name,
    role,
    ...(linkWorkerId ? { linkWorkerId } : {}),
    passwordHash: await hashPassword(password),
    failedAttempts: 0,
    createdAt: clock.now().toISO()!,
  });
  expect(created.ok, `staff account ${email}`).to.equal(true);
}

/** A staff account written straight to the app's store (as staff:add does), signed in through the real form. */
export async function signedInStaff(t: TestApp, clock: Clock, email: string, name: string, role: StaffRole, linkWorkerId?: string): Promise<Browser> {
  await createStaffAccount(t.dataDir, clock, email, name, role, linkWorkerId);
  const browser = new Browser(t.url);
  expect((await browser.signIn(email, PASSWORD)).status).to.equal(303);
  return browser;
}

/** Post a form from a page, carrying the CSRF token the page's forms carry, as a browser would. */
export async function submitFrom(browser: Browser, pagePath: string, action: string, form: Record<string, string>) {
  const page = await browser.get(pagePath);
  return browser.post(action, { _csrf: formToken(page.body), ...form });
}

/** The page's text without tags or aria-hidden marks, whitespace collapsed: what a screen reader says. */
export function textOf(html: string): string {
  return html
    .replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
    .replace(/<\/?(?:a|time|span|q|abbr|strong|em)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&#34;/g, '"')
    .replace(/&#38;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
