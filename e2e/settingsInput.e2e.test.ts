// Centre thresholds are typed exactly (issue 13, H-ALERT-5): "2e3" is 2000, text is refused naming the setting,
// and the alert ageing windows are settings with their sources.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signInAs } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(inject('baseUrl')));
});
afterAll(async () => {
  await browser?.close();
});

describe('centre settings input in Chromium', () => {
  it('refuses text and an out-of-range window naming the setting, reads 2e3 exactly, and saves nothing until valid', async () => {
    await signInAs(page, 'admin');
    await page.goto('/settings');
    const form = page.getByRole('form', { name: 'Monitoring settings' });
    const cmv = form.getByLabel('CMV PCR alert threshold');
    await expect.poll(() => cmv.inputValue()).toBe('1000');
    await form.getByText(/Ljungman P et al\., 2019/).waitFor();

    await cmv.fill('1,5');
    const chim = form.getByLabel('Falling chimerism: ignore a latest result older than');
    await chim.fill('5');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('chimerism evidence age must be at least 7 days').waitFor();
    expect(await cmv.getAttribute('aria-invalid')).toBe('true');

    await cmv.fill('2e3');
    await chim.fill('90');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get('/api/v1/settings/monitoring')).json()) as {
              settings: { cmvThresholdIuMl: number };
            }
          ).settings.cmvThresholdIuMl
      )
      .toBe(2000);
    await form.getByRole('button', { name: 'Restore the defaults' }).click();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get('/api/v1/settings/monitoring')).json()) as {
              settings: { cmvThresholdIuMl: number };
            }
          ).settings.cmvThresholdIuMl
      )
      .toBe(1000);
  });
});
