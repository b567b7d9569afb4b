// The programme dashboard: episodes per phase and today's worklist from the synthetic demo programme.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(inject('baseUrl')));
});
afterAll(async () => {
  await browser?.close();
});

describe('today dashboard in Chromium', () => {
  it('shows episodes per phase and a worklist with alerts first', async () => {
    await signInAs(page, 'data-manager');
    await page.getByRole('link', { name: 'Today' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Today' }).isVisible()).toBe(true);
    const phases = page.getByRole('region', { name: 'Episodes by phase' });
    await expect.poll(() => phases.getByText('Early follow-up').isVisible()).toBe(true);
    const rows = page.getByRole('region', { name: /Worklist/ }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const firstPriority = await rows.nth(1).getByRole('cell').first().innerText();
    expect(firstPriority.trim().toLowerCase()).toBe('alert');
    await screenshot(page, 'today-dashboard');
  });

  it('marks a registry report done and it leaves the list', async () => {
    const done = page.getByRole('button', { name: /Mark done: CIBMTR/ }).first();
    const label = (await done.getAttribute('aria-label')) ?? '';
    await done.click();
    await expect.poll(() => page.getByRole('button', { name: label, exact: true }).count()).toBe(0);
  });
});
