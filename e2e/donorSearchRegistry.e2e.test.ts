// Donor search against a server with a real IPD-IMGT/HLA release (../shared/data, read in place) and a
// small synthetic registry (20,000 donors, 5 % cord units) generated in a temporary directory: search from
// the episode, see the ranked results with per-locus grades, open one donor's explanation. The same server
// (it takes 60–100 s to build) also runs the whole allogeneic journey from an unrelated donor (issue 7): a new
// patient, donor search, donor chosen from the saved results, work-up to collected, apheresis with a bag, lab
// release by two lab users, conditioning verified by a second physician, bedside with a wrong bag refused,
// infusion and day 0. The other two journeys are in e2e/journeys.e2e.test.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';
import { type RegistryServer, startRegistryServer } from './donorRegistryServer';
import {
  bedside,
  dinOf,
  eyeReadable,
  isoDaysFromToday,
  labProcessAndRelease,
  labReader,
  movePhase,
  planCollection,
  prescribeAndVerify,
  recordDay,
  registerPatient,
  openEpisode,
  shot,
  signIn,
  timelineTexts,
  uniqueMrn,
} from './journeySteps';

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
    const list = (await (await page.request.get(`${server.baseUrl}/api/v1/patients?limit=200`)).json()) as {
      items: { id: string; episode: { id: string; type: string } | null }[];
    };
    const patient = list.items.find((p) => p.episode?.type === 'allogeneic-hct');
    expect(patient).toBeDefined();
    // The registry loads in the background after start-up; while it does, the page says so (a fast machine
    // may have finished by now: then there is nothing to see).
    const status = async () =>
      (await (await page.request.get(`${server.baseUrl}/api/v1/donor-registry`)).json()) as {
        state: string;
        donors?: number;
      };
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
    await page.getByLabel('Patient CMV', { exact: true }).selectOption('neg');
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

describe('allogeneic HCT from an unrelated donor, whole journey', () => {
  const mrn = uniqueMrn('J2');
  const din = dinOf(2);
  let patientId = '';
  let productUrl = '';

  it('the coordinator registers the patient, opens the episode and runs the donor search', async () => {
    await page.goto('/patients'); // leaves the explanation drawer of the test above
    await signIn(page, 'coordinator');
    patientId = await registerPatient(page, {
      mrn,
      familyName: 'Thornbury',
      givenName: 'Elin',
      dateOfBirth: '1975-09-21',
      sex: 'female',
      aboRh: 'O+',
      weightKg: 72,
      heightCm: 170,
      disease: 'AML',
      subtype: 'ELN 2022 adverse risk',
      diseaseStatus: 'CR1',
    });
    await openEpisode(page, 'allogeneic-hct', isoDaysFromToday(0), 'Flu/Bu4 MUD (synthetic)');
    await page.getByRole('link', { name: 'Donor search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Donor search' }).waitFor();
    await page.getByRole('link', { name: new RegExp(`THORNBURY, Elin · MRN ${mrn}`) }).waitFor();
    await expect.poll(() => page.getByText(/Registry: 20,000 donors/).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByLabel('Patient HLA typing (GL string)').fill(server.patientTyping);
    await page.getByLabel('Patient CMV', { exact: true }).selectOption('neg');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Donor search results' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await shot(page, 'journey-allo-1-donor-search');
  });

  it('chooses the first donor of the saved search and follows the work-up to collection scheduled', async () => {
    // From the search results to the page where the donor is chosen.
    await page.getByRole('link', { name: /Choose a donor from these results/ }).click();
    await page.getByRole('heading', { name: 'Donor & collection' }).waitFor();
    const source = page.getByRole('region', { name: 'Donor and source' });
    await source.getByRole('button', { name: 'Choose' }).first().click();
    const status = source.getByTestId('donor-status').first();
    await expect.poll(() => status.textContent()).toBe('Identified');
    // The chosen donor is marked in the saved results (not offered again).
    const chosenRow = source.getByRole('row').filter({ has: page.getByText('Chosen', { exact: true }) });
    await chosenRow.waitFor();
    expect(await chosenRow.getByRole('cell').first().textContent()).toBe('1');
    // The donor was chosen today, so every step is dated today (a step cannot be dated before the previous one).
    for (const label of ['Confirmatory typing', 'Work-up', 'Medically cleared', 'Collection scheduled']) {
      await source.getByRole('button', { name: `Next: ${label}` }).click();
      await expect.poll(() => status.textContent()).toBe(label);
    }
    await shot(page, 'journey-allo-2-workup');
  });

  it('records the donor apheresis with its bag, and the donor becomes collected', async () => {
    await planCollection(page, patientId, { mobilisation: 'G-CSF', donor: /./ });
    // A fresh unrelated-donor product, collected and infused the same day.
    await recordDay(page, { date: isoDaysFromToday(0), volumeL: 16, cd34E6: 430, bag: { din, volumeMl: 300 } });
    await page.getByTestId('cd34-status').first().getByText('Target reached — no further day needed').waitFor();
    await page.getByRole('button', { name: 'Mark collection complete' }).click();
    const source = page.getByRole('region', { name: 'Donor and source' });
    await source.getByRole('button', { name: 'Next: Collected' }).click();
    await expect.poll(() => source.getByTestId('donor-status').first().textContent()).toBe('Collected');
    await shot(page, 'journey-allo-3-collected');
    await page.getByRole('link', { name: `Product page of bag ${din}` }).click();
    await page.getByRole('heading', { name: /HPC, Apheresis/ }).waitFor();
    productUrl = page.url();
  });

  it('the lab releases the fresh product with two lab users; physicians prescribe and verify Flu/Bu4', async () => {
    await labProcessAndRelease(page, { cryopreserve: false, viabilityQc: 97, shotPrefix: 'journey-allo-4-lab' });
    await movePhase(page, patientId, 'conditioning', 'Conditioning');
    await prescribeAndVerify(page, patientId, {
      link: 'Conditioning',
      template: 'flu-bu4',
      shotPrefix: 'journey-allo-5-flubu4',
    });
  });

  it('the nurse scans another patient’s bag (STOP), then the donor’s bag, and infuses: day 0 is set', async () => {
    const lab = await labReader(server.baseUrl);
    const other = await lab.otherPatientsBag(patientId);
    const { productCode } = await lab.product(productUrl.split('/').at(-1)!);
    await lab.dispose();
    await bedside(page, patientId, {
      wrong: { mrn, din: `=${other.din}00`, productCode: other.productCode },
      right: { mrn, din: eyeReadable(din), productCode },
      volumeMl: 290,
      shotPrefix: 'journey-allo-6',
    });
    const timeline = await timelineTexts(page);
    for (const step of [
      /[Dd]onor/,
      /apheresis/i,
      /released/i,
      /Conditioning Flu\/Bu4 verified/,
      /Bedside check refused: product intended for another patient/,
      /Infusion started/,
    ]) {
      expect(timeline).toMatch(step);
    }
    await shot(page, 'journey-allo-7-patient-day0');
  });
});
