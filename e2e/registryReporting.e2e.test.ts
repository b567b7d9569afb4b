// Registry reporting in a real browser (issue 17 §3): a data manager produces the CIBMTR and EBMT one-year reports of
// the demo patient SYN-REG-01 without typing a value: opens the report, follows the link of its one missing item
// (survival since the six-month report), records today's contact, then exports both reports (FHIR Bundle, MED-A CSV)
// and sees each submission recorded with its SHA-256. The page is checked at 1440 and 390 px.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
const PATIENT = 'ROWAN, Iris';
const CIBMTR = 'CIBMTR 2450 Post-TED 1 year';
const EBMT = 'EBMT annual follow-up, year 1';

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl, { acceptDownloads: true }));
  await page.setViewportSize({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

const row = (label: string): Locator =>
  page.getByRole('table', { name: 'Registry reports' }).getByRole('row').filter({ hasText: PATIENT }).filter({
    hasText: label,
  });
const open = async (label: string): Promise<Locator> => {
  await row(label)
    .getByRole('button', { name: `Open ${label} of ${PATIENT}` })
    .click();
  const card = page.locator('[aria-labelledby="report-heading"]');
  await card.getByRole('heading', { name: label }).waitFor();
  return card;
};

async function exportAndRecord(card: Locator, button: string): Promise<{ name: string; body: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: button }).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: await readFile(file, 'utf8') };
}

describe('registry reporting in Chromium', () => {
  it(
    'fills the missing item through its link, then exports the CIBMTR and EBMT reports and records them',
    { timeout: 180_000 },
    async () => {
      await signInAs(page, 'data-manager');
      await page.getByRole('link', { name: 'Registry reporting' }).click();
      await page.getByRole('heading', { name: 'Registry reporting' }).waitFor();
      await row(CIBMTR).waitFor();
      let card = await open(CIBMTR);
      await card.getByText('1 required item(s) missing').waitFor();
      await screenshot(page, 'registries-missing-item');

      // The missing item's link leads to the patient page, where today's contact is one click.
      await card.getByRole('link', { name: 'Survival status and date of last contact' }).click();
      await page.waitForURL(/\/patients\/[0-9a-f-]+/);
      await page.getByRole('button', { name: 'Record follow-up event…' }).click();
      const form = page.getByRole('form', { name: 'Record a follow-up event' });
      await form.getByRole('button', { name: 'Record event' }).click();
      await page.getByText(/Last contact \(alive\) recorded on/).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.getByRole('link', { name: 'Registry reporting' }).click();
      card = await open(CIBMTR);
      await card.getByText('Every required item is recorded.').waitFor();
      await card.getByRole('table', { name: 'Bundle resources' }).getByText('Survival status').waitFor();
      const cibmtr = await exportAndRecord(card, 'Export FHIR Bundle and record as submitted');
      expect(cibmtr.name).toMatch(/^cibmtr-2450-d365-.*\.json$/);
      const bundle = JSON.parse(cibmtr.body) as {
        resourceType: string;
        entry: { resource: { resourceType: string } }[];
      };
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Patient');
      expect(cibmtr.body).not.toContain('SYN-REG-01');
      const history = card.getByRole('table', { name: 'Submissions' });
      await history.getByText('Demo data manager').waitFor();
      await history.getByText(`${createHash('sha256').update(cibmtr.body).digest('hex').slice(0, 16)}…`).waitFor();

      card = await open(EBMT);
      await card.getByText('Every required item is recorded.').waitFor();
      await card.getByRole('table', { name: 'MED-A items' }).getByText('Alive').waitFor();
      await screenshot(page, 'registries-ebmt-preview');
      const ebmt = await exportAndRecord(card, 'Export CSV and record as submitted');
      expect(ebmt.name).toMatch(/^ebmt-followup-y1-.*\.csv$/);
      const [header, line] = ebmt.body.split('\r\n');
      expect(header).toContain('SurvivalStatus');
      expect(line).toContain('SYN-REG-01');
      expect(line).toContain('Alive');
      await card.getByRole('table', { name: 'Submissions' }).getByText('Demo data manager').waitFor();

      // Both reports are submitted now: gone from "to do", listed under "Submitted".
      await expect.poll(() => row(CIBMTR).count()).toBe(0);
      await page.getByLabel('Status', { exact: true }).first().click();
      await page.getByRole('option', { name: 'Submitted' }).click();
      await row(CIBMTR).getByText('submitted').waitFor();
      await row(EBMT).getByText('submitted').waitFor();
      await screenshot(page, 'registries-submitted-1440');
    }
  );

  it('is usable on a 390 px phone: no sideways scrolling of the page, the reports reachable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/registries');
    await page.getByRole('heading', { name: 'Registry reporting' }).waitFor();
    await page.getByRole('table', { name: 'Registry reports' }).waitFor();
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'registries-phone-390');
  });
});
