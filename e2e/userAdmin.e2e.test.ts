// User administration in a real browser (issue 14): an administrator creates an account (a weak password is
// refused on the field), sees it among the accounts created by administrators, disables it (the user's open
// session stops working at once), enables it, sets a temporary password, and the user must choose a new password
// before anything else; the page is usable on a 390 px phone.
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let userContext: BrowserContext;
const username = `e2e-u${Date.now().toString(36)}`;
const PASSWORD = 'heron-basalt-maple';
const TEMP = 'juniper-cobalt-fjord';
const NEW = 'plover-granite-tide';

async function shot(p: Page, name: string): Promise<void> {
  for (const close of await p.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await p.evaluate('window.scrollTo(0, 0)');
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The user's own browser: signs in through the page. */
async function userSignIn(password: string): Promise<Page> {
  await userContext.clearCookies();
  const p = await userContext.newPage();
  await p.goto('/login');
  await p.getByLabel('Username').fill(username);
  await p.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  return p;
}

async function confirmWithReason(label: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const account = () => page.getByRole('article', { name: `Account ${username}` });

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
  userContext = await browser.newContext({ baseURL: baseUrl, timezoneId: 'UTC', locale: 'en-GB' });
});

afterAll(async () => {
  await userContext?.close();
  await browser?.close();
});

describe('user administration in Chromium', () => {
  it(
    'creates, disables, enables and resets an account; the reset forces a new password',
    { timeout: 240_000 },
    async () => {
      await signInAs(page, 'admin');
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

      // Create: a weak password is refused on the field before anything is sent.
      const create = page.getByRole('region', { name: 'Create an account' });
      await create.getByLabel('Username').fill(username);
      await create.getByLabel('Display name').fill('E2E Ward Nurse');
      await create.getByLabel('Initial password').fill('password1234');
      await create.getByRole('checkbox', { name: 'Nurse', exact: true }).check();
      await create.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => create.getByText(/most common passwords/i).count()).toBe(1);
      await create.getByLabel('Initial password').fill(PASSWORD);
      await create.getByRole('button', { name: 'Create account' }).click();
      await account().waitFor();
      await expect.poll(() => page.getByTestId('recent-account').filter({ hasText: username }).count()).toBe(1);
      await expect
        .poll(async () => (await page.getByTestId('recent-account').filter({ hasText: username }).textContent()) ?? '')
        .toMatch(/created by admin/);

      // The user signs in on their own browser.
      const user = await userSignIn(PASSWORD);
      await user.waitForURL((u) => u.pathname.startsWith('/patients'));

      // Disable: the open session stops working at once.
      await account()
        .getByRole('button', { name: `Disable ${username}` })
        .click();
      await confirmWithReason('Disable', 'left the unit');
      await account().getByText('Disabled', { exact: true }).waitFor();
      const status = await user.evaluate(async () => (await fetch('/api/v1/session')).status);
      expect(status).toBe(401);
      await shot(page, 'user-admin-disabled');

      // Enable, then a temporary password.
      await account()
        .getByRole('button', { name: `Enable ${username}` })
        .click();
      await confirmWithReason('Enable', 'back on the unit');
      await account().getByText('Active', { exact: true }).waitFor();
      await account().getByLabel(`Temporary password for ${username}`).fill(TEMP);
      await account().getByRole('button', { name: 'Reset' }).click();
      await confirmWithReason('Set temporary password', 'forgot the password');
      await account().getByText('Must change password').waitFor();

      // The user must choose a new password before anything else.
      const again = await userSignIn(TEMP);
      await again.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await again.goto('/patients');
      await again.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      expect(await again.evaluate(async () => (await fetch('/api/v1/patients')).status)).toBe(403);
      await again.getByLabel('Temporary password').fill(TEMP);
      await again.getByLabel(/^New password/).fill(NEW);
      await again.getByLabel('Repeat the new password').fill(NEW);
      await again.getByRole('button', { name: 'Set new password' }).click();
      await again.getByRole('heading', { name: 'Choose a new password' }).waitFor({ state: 'detached' });
      expect(await again.evaluate(async () => (await fetch('/api/v1/patients')).status)).toBe(200);
      await shot(again, 'user-admin-after-password-change');
    }
  );

  it('is usable on a 390 px phone: no sideways scrolling, every action reachable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/admin/users');
    await account().waitFor();
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(390);
    await account()
      .getByRole('button', { name: `Sign ${username} out everywhere` })
      .scrollIntoViewIfNeeded();
    expect(
      await account()
        .getByRole('button', { name: `Sign ${username} out everywhere` })
        .isVisible()
    ).toBe(true);
    await shot(page, 'user-admin-phone');
  });
});
