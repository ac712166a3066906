import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what would break the page for a user: uncaught errors, console errors and
 * Content-Security-Policy violations. Call before the first navigation. `ignore` skips
 * failed loads the test expects (a 404 favicon, a 401 page it asked for).
 */
export async function watchPageProblems(page: Page, ignore: (url: string) => boolean = () => false): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource') && ignore(message.location().url)) return;
    problems.push(`console: ${message.text()}`);
  });
  // Violations also reach the console; the event says which directive blocked which URL.
  await page.exposeFunction('__reportCspViolation', (report: string) => problems.push(`CSP: ${report}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(r: string): void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return problems;
}
