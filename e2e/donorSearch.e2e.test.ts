// The donor search page of an allogeneic episode. The e2e server has no IPD-IMGT/HLA release, so the page
// says the registry is not available, and a search answers with the 503 problem that says how to get one.
// (donorSearchRegistry.e2e.test.ts runs a second server with a release and a registry.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signInAs } from './browser';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await browser?.close();
});

describe('donor search page in Chromium', () => {
  it('shows the criteria form and explains that no HLA release is loaded', async () => {
    await signInAs(page, 'physician');
    const list = (await (await page.request.get(`${baseUrl}/api/v1/patients?limit=200`)).json()) as {
      items: { episode: { id: string; type: string } | null }[];
    };
    const episode = list.items.map((p) => p.episode).find((e) => e?.type === 'allogeneic-hct');
    expect(episode).toBeDefined();
    await page.goto(`${baseUrl}/episodes/${episode!.id}/donor-search`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Donor search' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Donor search is not available', { exact: true }).isVisible()).toBe(true);
    // A physician is told who can load the reference data, never a command to run.
    await expect.poll(() => page.getByText(/only an administrator can load the reference data/).isVisible()).toBe(true);
    await page
      .getByLabel('Patient HLA typing (GL string)')
      .fill('A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01');
    await page.getByRole('button', { name: 'Search' }).click();
    // The status alert and the search's error both say who can load the reference data.
    await expect.poll(() => page.getByText(/an administrator can load a release from a file/).count()).toBe(2);
    expect(await page.getByText(/engraft /).count()).toBe(0);
  });
});
