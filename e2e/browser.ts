// Shared browser setup for the e2e tests: Debian's Chromium through playwright-core, UTC, en-GB, and
// full-page screenshots into test-output/screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

export const SHOTS = path.resolve(import.meta.dirname, '..', 'test-output', 'screenshots');

export async function openBrowser(
  baseUrl: string,
  opts: { acceptDownloads?: boolean } = {}
): Promise<{ browser: Browser; page: Page }> {
  await mkdir(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    baseURL: baseUrl,
    timezoneId: 'UTC',
    locale: 'en-GB',
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { browser, page };
}

/** Signs in as a demo account (password `demo-<username>-pass`), signing whoever was signed in out first. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(`demo-${username}-pass`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
