// The bedside calculators in a real browser: CRS/ICANS with the ICE items and acute GVHD staging, graded by
// the server's rules (POST /api/v1/clinical/<rule>) with the criterion that set the grade. Nothing is stored.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(inject('baseUrl')));
});

afterAll(async () => {
  await browser?.close();
});

const shot = (name: string): Promise<void> => screenshot(page, name);

describe('calculators in Chromium', () => {
  it('computes a CRS grade with the criterion that set it, and ICANS from the ICE items', async () => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('nurse');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo-nurse-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/patients');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calculators' }).click();
    await page.getByRole('heading', { name: 'Calculators', level: 1 }).waitFor();

    const form = page.getByRole('form', { name: 'CRS and ICANS calculator' });
    await form.getByRole('button', { name: 'Calculate grades' }).click();
    await form.getByText(/Age is needed/).waitFor();
    await form.getByText(/Score the ICE items/).waitFor(); // an untouched ICE is not taken as 0/10

    await form.getByLabel('Patient age (years)').fill('54');
    await form.getByLabel('Highest temperature (°C)').fill('38.7');
    await form.getByLabel('Blood pressure').selectOption('one-vasopressor');
    await form.getByLabel('Oxygen support').selectOption('low-flow');
    await form.getByRole('button', { name: 'All 10 correct' }).click();
    for (const label of ['Year', 'Month', 'Writes a standard sentence']) {
      await form.getByLabel(label, { exact: true }).uncheck();
    }
    await form.getByTestId('ice-live').getByText('7/10').waitFor();
    await form.getByRole('button', { name: 'Calculate grades' }).click();
    const result = form.getByTestId('crs-icans-result');
    await result.getByText('CRS grade 3').waitFor();
    await result.getByText('grade 3: one vasopressor').waitFor();
    await result.getByText('ICANS grade 1').waitFor();
    expect(await result.textContent()).toContain('ICE 7/10');
    await shot('20-calculator-crs-icans');
  });

  it('stages acute GVHD and names the organ that set the grade', async () => {
    await page.getByRole('tab', { name: 'Acute GVHD (MAGIC 2016)' }).click();
    const form = page.getByRole('form', { name: 'Acute GVHD calculator' });
    await form.getByLabel('Active rash, % body surface').fill('30');
    await form.getByLabel('Total bilirubin (mg/dL)').fill('4.2');
    await form.getByLabel('Stool output (mL/day)').fill('600');
    await form.getByRole('button', { name: 'Calculate stages and grade' }).click();
    const result = form.getByTestId('agvhd-result');
    await result.getByText('Acute GVHD grade III').waitFor();
    expect(await result.textContent()).toMatch(/liver 2/);
    await shot('21-calculator-agvhd');
  });
});
