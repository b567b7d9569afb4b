// The cell processing lab in a real browser (issue 7): a lab user cryopreserves a fresh demo product, stores it,
// records a negative culture and signs the release request; a second lab user confirms the release; the label
// PDF opens. Screenshots of the lab page and the product page.
import path from 'node:path';
import { type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await browser?.close();
});

const signIn = (username: string): Promise<void> => signInAs(page, username);

async function shot(name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 3_000 })
    .catch(() => undefined);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The lab worklist through the API as the lab user. */
async function worklist(): Promise<
  { id: string; kind: string; sterility: string; episodeId: string; patient: { id: string } }[]
> {
  const ctx = await request.newContext({ baseURL: baseUrl });
  await ctx.post('/api/v1/session', { data: { username: 'lab', password: 'demo-lab-pass' } });
  const body = (await (await ctx.get('/api/v1/products')).json()) as {
    products: { id: string; kind: string; sterility: string; episodeId: string; patient: { id: string } }[];
  };
  await ctx.dispose();
  return body.products;
}

/** A fresh (collected) demo product, found through the API as the lab user. */
async function collectedProduct(): Promise<string> {
  const ctx = await request.newContext({ baseURL: baseUrl });
  await ctx.post('/api/v1/session', { data: { username: 'lab', password: 'demo-lab-pass' } });
  const res = await ctx.get('/api/v1/products?status=collected');
  const body = (await res.json()) as { products: { id: string; kind: string; din: string }[] };
  await ctx.dispose();
  // The lab demo's own fresh products (sequence 5xxxxx), not the collections demo's bags.
  const p = body.products.find((x) => x.kind === 'hpc-apheresis' && /^W9999\d\d5/.test(x.din));
  if (!p) throw new Error('the demo has no collected HPC, Apheresis product');
  return p.id;
}

describe('cell processing lab in Chromium', () => {
  it('lab page shows the demo products by status and freezer', async () => {
    await signIn('lab');
    await page.getByRole('link', { name: 'Lab' }).click();
    await page.getByRole('heading', { name: 'Cell processing lab' }).waitFor();
    const awaiting = page.getByRole('region', { name: 'Awaiting second release signature' });
    await expect(awaiting.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'LN2 tank 1' }).waitFor();
    await shot('product-lab-page');
  });

  it('process, store, QC and request release as lab; confirm as lab2; open the label PDF', async () => {
    const id = await collectedProduct();
    await page.goto(`/products/${id}`);
    await page.getByRole('heading', { name: /HPC, Apheresis/ }).waitFor();

    const processing = page.getByRole('form', { name: 'Processing step', exact: true });
    await processing.getByLabel('Step').selectOption('cryopreservation');
    await processing.getByLabel('Viability (%)').fill('96');
    await processing.getByRole('button', { name: 'Record step' }).click();
    await page.getByText('Cryopreserved / stored', { exact: true }).first().waitFor();

    const store = page.getByRole('form', { name: 'Store', exact: true });
    await store.getByLabel('Freezer / tank').fill('LN2 tank 3');
    await store.getByLabel('Rack').fill('1');
    await store.getByLabel('Box').fill('E');
    await store.getByLabel('Position').fill('5');
    await store.getByRole('button', { name: 'Store' }).click();
    await page.getByTestId('storage').filter({ hasText: 'LN2 tank 3 · rack 1 · box E · position 5' }).waitFor();

    const qc = page.getByRole('form', { name: 'QC result', exact: true });
    await qc.getByLabel('Test').selectOption('sterility');
    await qc.getByLabel('Outcome').selectOption('negative');
    await qc.getByRole('button', { name: 'Record result' }).click();
    await page.getByRole('region', { name: 'QC results' }).getByText('negative').waitFor();

    await page
      .getByRole('form', { name: 'Release', exact: true })
      .getByRole('button', { name: 'Request release (first signature)' })
      .click();
    await page.getByText('Release was requested by Demo lab.').waitFor();

    await signIn('lab2');
    await page.goto(`/products/${id}`);
    await page
      .getByRole('form', { name: 'Release', exact: true })
      .getByRole('button', { name: 'Confirm release (second signature)' })
      .click();
    await page.getByText('Released for infusion', { exact: true }).first().waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('cell', { name: 'Released (2nd signature)' }).waitFor();
    await expect(
      history.getByRole('row').filter({ hasText: 'Released (2nd signature)' }).innerText()
    ).resolves.toContain('Demo lab 2');

    const href = await page.getByRole('link', { name: 'Print label (PDF)' }).getAttribute('href');
    expect(href).toBe(`/api/v1/products/${id}/label.pdf`);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.reload();
    await page.getByRole('region', { name: 'History' }).getByRole('cell', { name: 'Label printed' }).waitFor();
    await shot('product-page-released');
  });

  it('a physician sees why a culture-positive product is held and may authorise an exceptional release', async () => {
    const held = (await worklist()).find((p) => p.sterility === 'positive');
    expect(held).toBeDefined();
    await signIn('physician');
    await page.goto(`/products/${held!.id}`);
    await page.getByText('Release is blocked', { exact: true }).waitFor();
    await page
      .getByText(/sterility culture is positive/)
      .first()
      .waitFor();
    await expect(page.getByRole('heading', { name: 'Lab actions' }).count()).resolves.toBe(0);
    await page.getByRole('form', { name: 'Exceptional release (physician)' }).waitFor();
    await expect(page.getByRole('link', { name: 'Print label (PDF)' }).count()).resolves.toBe(0);
    await shot('product-page-culture-positive');
  });

  it('the lab registers a cord unit on an episode; a wrong check character is refused at the field', async () => {
    const cord = (await worklist()).find((p) => p.kind === 'hpc-cord');
    await signIn('lab');
    await page.goto(`/patients/${cord!.patient.id}?tab=products`);
    const section = page.getByRole('region', { name: 'Cell products' }).first();
    await section
      .getByRole('link', { name: /W9999 \d\d / })
      .first()
      .waitFor();
    await section.getByRole('button', { name: 'Register a product' }).click();
    const form = page.getByRole('form', { name: 'Register a product' });
    // W999926700001 has check character 7 (MOD 37-2); type a wrong one first.
    await form.getByLabel('DIN').fill('W9999 26 700001 Z');
    await form.getByLabel('Product code').fill('S1308');
    await form.getByLabel('Volume (mL)').fill('24');
    await form.getByLabel('TNC (cells)').fill('1800000000');
    await form.getByLabel('CD34+ (cells)').fill('7000000');
    await form.getByLabel('Viability (%)').fill('93');
    await form.getByLabel('Freezer / tank').fill('LN2 tank 2');
    await form.getByRole('button', { name: 'Register product' }).click();
    await form
      .getByText(/check character Z does not match computed/)
      .first()
      .waitFor();
    await shot('episode-products-register-refused');
    await form.getByLabel('DIN').fill('W9999 26 700001');
    await form.getByRole('button', { name: 'Register product' }).click();
    await page.waitForURL('**/products/**');
    await page.getByRole('heading', { name: /HPC, Cord Blood/ }).waitFor();
    await page.getByTestId('din').filter({ hasText: 'W9999 26 700001' }).waitFor();
  });
});
