// Cell counts and discard as a lab user would meet them (issue 13; hazards H-COUNT-1, H-COUNT-4, H-PROD-3):
// typing 4e10 into the processing step stores 4 × 10¹⁰ (not 410); a TNC of 4.01 after 4.1 × 10¹⁰ asks for a
// reason before it is stored; one lab user cannot discard a product alone, a second one confirms.
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let api: APIRequestContext;
let productId = '';

interface Detail {
  product: { id: string; status: string; tncCells: number | null };
  discardRequest: { requestedBy: string | null } | null;
}

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
  api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session', { data: { username: 'lab', password: 'demo-lab-pass' } });
  const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
  // A fresh marrow product (dosed by TNC) on the demo's autologous episode, registered through the API.
  const body = (await (await api.get('/api/v1/products?status=collected')).json()) as {
    products: { kind: string; din: string; episodeId: string }[];
  };
  const auto = body.products.find((p) => p.kind === 'hpc-apheresis' && /^W9999\d\d5/.test(p.din));
  if (!auto) throw new Error('the demo has no collected HPC, Apheresis product of the lab demo');
  const din = `W999926${8}${String(Date.now() % 100_000).padStart(5, '0')}`;
  const res = await api.post(`/api/v1/episodes/${auto.episodeId}/products`, {
    data: { din, productCode: 'S1301', kind: 'hpc-marrow', volumeMl: 300, tncCells: 4.1e10, viabilityPct: 97 },
    headers: { 'x-csrf-token': csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
  productId = ((await res.json()) as Detail).product.id;
});
afterAll(async () => {
  await api?.dispose();
  await browser?.close();
});

const detail = async (): Promise<Detail> => (await (await api.get(`/api/v1/products/${productId}`)).json()) as Detail;

describe('cell counts and discard in Chromium', () => {
  it('typing 4e10 into the processing step shows = 4 × 10¹⁰ cells and stores 4e10', async () => {
    await signInAs(page, 'lab');
    await page.goto(`/products/${productId}`);
    await page.getByRole('heading', { name: /HPC, Marrow/ }).waitFor();
    const processing = page.getByRole('form', { name: 'Processing step', exact: true });
    await processing.getByLabel('Step').selectOption('plasma-depletion');
    await processing.getByLabel('TNC (cells)').fill('4e10');
    await processing.getByText('= 4 × 10¹⁰ cells').waitFor();
    await processing.getByRole('button', { name: 'Record step' }).click();
    await page
      .getByRole('region', { name: 'History' })
      .getByText(/Plasma depletion · TNC 4.00 ×10¹⁰/)
      .waitFor();
    expect((await detail()).product.tncCells).toBe(4e10);
  });

  it('a TNC of 4.01 after 4 × 10¹⁰ asks for a reason; cancelled it stores nothing, confirmed it is recorded with the reason', async () => {
    const processing = page.getByRole('form', { name: 'Processing step', exact: true });
    await processing.getByLabel('Step').selectOption('red-cell-depletion');
    await processing.getByLabel('TNC (cells)').fill('4.01');
    await processing.getByRole('button', { name: 'Record step' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await dialog.getByText(/TNC 4.01 cells is below the usual range/).waitFor();
    await screenshot(page, 'product-count-confirmation');
    await dialog.getByRole('button', { name: 'Cancel and correct' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await detail()).product.tncCells).toBe(4e10);
    await processing.getByRole('button', { name: 'Record step' }).click();
    await dialog.getByRole('textbox').fill('recounted twice: most of the marrow was lost at depletion');
    await dialog.getByRole('button', { name: 'Confirm with reason' }).click();
    await page
      .getByRole('region', { name: 'History' })
      .getByText(/confirmed tncCells: recounted twice/)
      .waitFor();
    expect((await detail()).product.tncCells).toBe(4.01);
  });

  it('one lab user cannot discard alone: the request waits for a second lab user, who confirms it', async () => {
    await page.reload();
    const card = page.getByRole('region', { name: 'Discard' });
    await card.getByRole('button', { name: 'Request discard' }).click();
    let dialog = page.getByRole('dialog', { name: 'Request discard (first person)' });
    await dialog.getByText('This product is irreplaceable').waitFor();
    await dialog.getByLabel('Reason').fill('bag cracked in the tank');
    await dialog.getByRole('button', { name: 'Request discard' }).click();
    await page
      .getByTestId('discard-pending')
      .getByText(/Demo lab asked to discard this product/)
      .waitFor();
    expect((await detail()).product.status).not.toBe('discarded');
    // The same user tries to confirm: refused in the dialog, the product is kept.
    await card.getByRole('button', { name: 'Confirm discard (second person)' }).click();
    dialog = page.getByRole('dialog', { name: 'Confirm discard (second person)' });
    await dialog.getByLabel('Reason').fill('I am sure');
    await dialog.getByRole('button', { name: 'Confirm discard' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/different person than the first/)
      .waitFor();
    await screenshot(page, 'product-discard-one-person-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await detail()).product.status).not.toBe('discarded');

    await signInAs(page, 'lab2');
    await page.goto(`/products/${productId}`);
    await page
      .getByRole('region', { name: 'Discard' })
      .getByRole('button', { name: 'Confirm discard (second person)' })
      .click();
    dialog = page.getByRole('dialog', { name: 'Confirm discard (second person)' });
    await dialog.getByLabel('Reason').fill('seen: crack through the port');
    await dialog.getByRole('button', { name: 'Confirm discard' }).click();
    await page.getByText('Discarded', { exact: true }).first().waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('row').filter({ hasText: 'Discarded (2nd person)' }).innerText()).resolves.toContain(
      'Demo lab 2'
    );
    expect((await detail()).product.status).toBe('discarded');
  });
});
