// Follow-up entry on a demo allogeneic patient: record a last contact and a chronic GVHD evaluation, and see
// both in the follow-up table with the computed global severity.
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

describe('follow-up entry in Chromium', () => {
  it('records a last contact and a chronic GVHD evaluation', async () => {
    await signInAs(page, 'physician');
    await page.goto('/patients');
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Allogeneic HCT' })
      .filter({ hasText: /Long-term follow-up/i })
      .first();
    await row.getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    await page.getByRole('button', { name: 'Record follow-up event…' }).click();
    await page.getByRole('dialog', { name: 'Follow-up event' }).getByRole('button', { name: 'Record event' }).click();
    const followUp = page.getByRole('region', { name: 'Follow-up' });
    await expect.poll(() => followUp.getByText('Last contact (alive)').count()).toBeGreaterThan(0);

    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Record chronic GVHD…' }).click();
    await page.getByRole('dialog', { name: 'Chronic GVHD evaluation' }).waitFor();
    await page.getByLabel('Skin score').selectOption('2');
    await page.getByLabel('Mouth score').selectOption('1');
    await page.getByRole('button', { name: 'Score chronic GVHD' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Global severity' }).innerText())
      .toMatch(/moderate/);
    await expect.poll(() => followUp.getByText('Chronic GVHD evaluation').count()).toBeGreaterThan(0);
    await screenshot(page, 'follow-up-entry');
  });
});
