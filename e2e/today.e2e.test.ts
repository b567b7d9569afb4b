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

  it('undoes "Mark done" with a reason and the report is due again', async () => {
    const undo = page.getByRole('button', { name: /Undo done: CIBMTR/ }).first();
    const label = ((await undo.getAttribute('aria-label')) ?? '').replace(/^Undo done: /, '');
    await undo.click();
    const dialog = page.getByRole('dialog', { name: 'Undo “done”?' });
    await dialog.getByLabel('Reason').fill('Marked on the wrong patient');
    await dialog.getByRole('button', { name: 'Undo done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('button', { name: `Undo done: ${label}`, exact: true }).count()).toBe(0);
    const [what, patient] = label.split(' for ');
    const again = page.getByRole('button', {
      name: new RegExp(
        `^Mark done: ${what!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* for ${patient!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`
      ),
    });
    await expect.poll(() => again.count()).toBe(1);
  });

  it('acknowledges an alert with a note: it stays listed, collapsed, with who acknowledged it', async () => {
    await page.goto('about:blank');
    await signInAs(page, 'nurse');
    await page.getByRole('link', { name: 'Today' }).click();
    const ack = page.getByRole('button', { name: /^Acknowledge: / }).first();
    await ack.waitFor();
    const label = ((await ack.getAttribute('aria-label')) ?? '').replace(/^Acknowledge: /, '');
    await ack.click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge alert' });
    await dialog.getByLabel('Note (optional)').fill('Seen on the ward round');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('button', { name: `Acknowledge: ${label}`, exact: true }).count()).toBe(0);
    const row = page.locator('tr[data-acknowledged="true"]').filter({ hasText: 'Seen on the ward round' });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    expect(await row.first().innerText()).toMatch(/Acknowledged by .*Seen on the ward round/s);
    await screenshot(page, 'today-acknowledged');
  });

  it('shows the lab user a bag of the demo laboratory, linked to its product page', async () => {
    await page.goto('about:blank'); // the previous page stops reading before the cookies are cleared
    await signInAs(page, 'lab');
    await page.getByRole('link', { name: 'Today' }).click();
    const lab = page.getByRole('region', { name: /Laboratory: bags and cultures/ });
    const toProduct = lab.getByRole('link', { name: /^Product: W9999/ }).first();
    await toProduct.waitFor({ timeout: 30_000 });
    expect(await toProduct.getAttribute('href')).toMatch(/^\/products\/[0-9a-f-]{36}$/);
    await toProduct.click();
    await page.waitForURL(/\/products\//);
    await screenshot(page, 'today-lab');
  });

  it('shows the coordinator a donor work-up milestone, linked to the episode’s donor and cells page', async () => {
    await page.goto('about:blank');
    await signInAs(page, 'coordinator');
    await page.getByRole('link', { name: 'Today' }).click();
    const coord = page.getByRole('region', { name: /Coordination: work-up milestones/ });
    const row = coord
      .locator('tr[data-kind="donor-workup"]')
      .filter({ hasText: 'Sibling (brother): Medically cleared' });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    expect(
      await row
        .first()
        .getByRole('link', { name: /^Donor and cells:/ })
        .getAttribute('href')
    ).toMatch(/^\/episodes\/[0-9a-f-]{36}\/cells$/);
    await screenshot(page, 'today-coordinator');
  });
});
