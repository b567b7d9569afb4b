// "Move to Closed" as a user does it (issue 13, ADR 0610): nothing is preselected, closing asks for a reason in a
// dialog, the panel says who closed the episode, when and why, and only an administrator can reopen it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

let browser: Browser;
let page: Page;
let patientUrl = '';
const REASON = 'Transferred to the referring centre for long-term follow-up';

beforeAll(async () => {
  ({ browser, page } = await openBrowser(inject('baseUrl')));
});
afterAll(async () => {
  await browser?.close();
});

describe('closing and reopening an episode in Chromium', () => {
  it('starts with no phase chosen and closes only after a reason is given', async () => {
    await signInAs(page, 'coordinator');
    await page.goto('/patients');
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Autologous HCT' })
      .filter({ hasText: /Long-term follow-up/i })
      .first();
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    patientUrl = new URL(page.url()).pathname;
    await page.getByRole('tab', { name: 'Forms' }).click();
    await page.getByRole('button', { name: 'Change phase…' }).click();
    const select = page.getByLabel('Move to phase').first();
    await select.waitFor();
    expect(await select.inputValue()).toBe('');

    // Move with nothing chosen does nothing but say so.
    await page.getByRole('button', { name: 'Move', exact: true }).first().click();
    await page.getByText('Choose the phase to move to').first().waitFor();

    await select.selectOption('closed');
    await page.getByRole('button', { name: 'Move', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Close this episode?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close the episode' }).click();
    await dialog.getByText('Give a reason (at least 3 characters).').waitFor();
    await screenshot(page, 'episode-close-reason');
    // Cancel leaves the episode as it was.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('episode-closure').count()).toBe(0);

    await page.getByRole('button', { name: 'Move', exact: true }).first().click();
    await dialog.waitFor();
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByRole('button', { name: 'Close the episode' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Summary' }).click();
    const closure = page.getByTestId('episode-closure');
    await closure.waitFor();
    expect(await closure.innerText()).toMatch(
      new RegExp(`Closed on .* by Demo.*from Long-term follow-up\\. Reason: ${REASON}`, 's')
    );
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page
      .getByRole('cell', { name: `Phase: Closed (closed from Long-term follow-up) — reason: ${REASON}` })
      .waitFor();
    // A coordinator cannot reopen.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await closure.waitFor();
    expect(await closure.getByRole('button', { name: 'Reopen episode' }).count()).toBe(0);
    await screenshot(page, 'episode-closed');
  });

  it('lets an administrator reopen it with a reason, in the phase it was closed from', async () => {
    await signInAs(page, 'admin');
    await page.goto(patientUrl);
    const closure = page.getByTestId('episode-closure');
    await closure.getByRole('button', { name: 'Reopen episode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen this episode?' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Reopen in phase').inputValue()).toBe('long-term-follow-up');
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.getByText('Give a reason (at least 3 characters).').waitFor();
    await dialog.getByLabel('Reason').fill('Closed in error: the patient is followed here');
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('episode-closure').count()).toBe(0);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page
      .getByRole('cell', {
        name: 'Episode reopened in Long-term follow-up — reason: Closed in error: the patient is followed here',
      })
      .waitFor();
    await page.getByRole('tab', { name: 'Forms' }).click();
    await page.getByRole('button', { name: 'Change phase…' }).click();
    expect(await page.getByLabel('Move to phase').first().inputValue()).toBe('');
  });
});
