// Donor search against a server with a real IPD-IMGT/HLA release (../shared/data, read in place) and a
// small synthetic registry (20,000 donors, 5 % cord units) generated in a temporary directory: search from
// the episode, see the ranked results with per-locus grades, open one donor's explanation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';
import { type RegistryServer, startRegistryServer } from './donorRegistryServer';

let server: RegistryServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startRegistryServer(20_000);
  ({ browser, page } = await openBrowser(server.baseUrl));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('donor search with a registry loaded, in Chromium', () => {
  it('searches from the episode, ranks donors with per-locus grades and explains one', async () => {
    await signInAs(page, 'physician');
    const list = (await (await page.request.get(`${server.baseUrl}/api/v1/patients?limit=200`)).json()) as { items: { id: string; episode: { id: string; type: string } | null }[] };
    const patient = list.items.find((p) => p.episode?.type === 'allogeneic-hct');
    expect(patient).toBeDefined();
    // The registry loads in the background after start-up; while it does, the page says so (a fast machine
    // may have finished by now: then there is nothing to see).
    const status = async () => (await (await page.request.get(`${server.baseUrl}/api/v1/donor-registry`)).json()) as { state: string; donors?: number };
    if ((await status()).state === 'loading') {
      await page.goto(`${server.baseUrl}/episodes/${patient!.episode!.id}/donor-search`);
      const loading = page.getByText('Registry loading…');
      await expect.poll(async () => (await loading.isVisible()) || (await status()).state === 'ready').toBe(true);
      if (await loading.isVisible()) await screenshot(page, 'donor-search-registry-loading');
    }
    await expect.poll(async () => (await status()).state, { timeout: 60_000 }).toBe('ready');
    expect((await status()).donors).toBe(server.donors);

    await page.goto(`${server.baseUrl}/patients/${patient!.id}`);
    await page.getByRole('link', { name: 'Donor search' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Donor search' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Registry: 20,000 donors, IPD-IMGT\/HLA 3\.58\.0/).isVisible()).toBe(true);

    await page.getByLabel('Patient HLA typing (GL string)').fill(server.patientTyping);
    await page.getByLabel('Patient CMV', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Negative' }).click();
    await page.getByRole('button', { name: 'Search' }).click();

    const table = page.getByRole('table', { name: 'Donor search results' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await expect.poll(() => page.getByText(/donor\(s\) found with IPD-IMGT\/HLA 3\.58\.0/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Criteria: 10\/10 ≤2 MM · CMV−/).isVisible()).toBe(true);
    // Rank 1 is a full match: 0 mismatches and a green badge at every counted locus.
    const first = table.getByRole('row').nth(1);
    expect(await first.getByRole('cell').nth(0).textContent()).toBe('1');
    expect(await first.getByRole('cell').nth(6).textContent()).toBe('0');
    expect(await first.getByLabel('mismatch').count()).toBe(0);
    await screenshot(page, 'donor-search-results');

    const donorId = (await first.getByRole('button').first().textContent())?.trim() ?? '';
    await first.getByRole('button').first().click();
    const drawer = page.getByRole('dialog', { name: `Donor ${donorId}` });
    await expect.poll(() => drawer.isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText(/Nomenclature release 3\.58\.0/).isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText(/DPB1 T-cell epitope/).isVisible()).toBe(true);
    expect(await drawer.getByText(/^A\s+· allele level/).count()).toBe(1);
    await screenshot(page, 'donor-search-explanation');
  });
});
