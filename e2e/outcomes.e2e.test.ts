// The outcomes page in a real browser on the synthetic demo programme: overall survival with the numbers at
// risk (checked against the API), relapse as cumulative incidence by episode type with Gray's test, the three
// downloads (CSV header and rows, SVG document, PNG signature), an empty cohort, and a nurse without access.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, SHOTS } from './browser';

interface ApiResult {
  n: number;
  endpoint: { name: string; estimator: string };
  groups: { name: string; n: number; points: unknown[]; atRisk: { time: number; nRisk: number }[] }[];
  test: { name: string; stat: number; df: number; p: number } | null;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(inject('baseUrl'), { acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
});

const shot = (name: string): Promise<void> => screenshot(page, name);

async function signIn(username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/patients');
}

/** The API's answer, fetched in the page with the session cookie. */
async function apiOutcomes(search: string): Promise<ApiResult> {
  return (await page.evaluate(async (s) => (await fetch(`/api/v1/outcomes?${s}`)).json(), search)) as ApiResult;
}

async function downloaded(buttonName: string): Promise<{ name: string; body: Buffer }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: await readFile(file) };
}

describe('outcomes page in Chromium', () => {
  it('shows the overall survival curve of the demo programme with the numbers at risk', async () => {
    await signIn('physician', 'demo-physician-pass');
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.waitForURL('**/outcomes');
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    const api = await apiOutcomes('endpoint=OS&groupBy=none');
    expect(api.n).toBeGreaterThan(20);

    const plot = page.getByRole('img', { name: /Overall survival \(OS, definition v1\)/ });
    await plot.waitFor();
    expect(await plot.locator('[data-testid=outcome-curve]').count()).toBe(1);
    const texts = await plot.locator('text').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['Months from day 0 (infusion)', 'Number at risk', '0%', '100%']));
    expect(texts.some((t) => t.startsWith(`All (n = ${api.n}, `))).toBe(true);
    // The first number at risk (day 0) is the whole cohort.
    const atRisk = await plot.locator('[data-testid=at-risk-value]').allTextContents();
    expect(atRisk[0]).toBe(String(api.n));
    await page
      .getByRole('table')
      .filter({ hasText: 'Median (95% CI)' })
      .getByRole('rowheader', { name: 'All' })
      .waitFor();
    expect(await page.getByTestId('outcome-test').textContent()).toBe('No test: a single group.');
    await shot('outcomes-01-os');

    // Pointing at the plot reads the estimate of each group off the curve at that time.
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    const readout = plot.getByTestId('outcome-readout');
    await readout.waitFor();
    expect(await readout.textContent()).toMatch(/months \(day \d+\)All: \d+\.\d%/);
    await plot.screenshot({ path: path.join(SHOTS, 'outcomes-01b-os-readout.png') });
    await page.mouse.move(0, 0);
    await readout.waitFor({ state: 'detached' });

    // In days the ticks are the clinical landmarks, and the numbers at risk match the API's at those days.
    await page.getByRole('radiogroup', { name: 'Time axis' }).getByText('Days', { exact: true }).click();
    await plot.getByText('Days from day 0 (infusion)').waitFor();
    const ticks = (await plot.locator('[data-testid=outcome-x-ticks] text').allTextContents()).map(Number);
    expect(ticks).toEqual(expect.arrayContaining([0, 100, 365]));
    const values = (await plot.locator('[data-testid=at-risk-value]').allTextContents()).map(Number);
    for (const [i, day] of ticks.entries()) {
      const expected = api.groups[0]!.atRisk.find((a) => a.time === day);
      if (expected) expect(values[i], `at risk on day ${day}`).toBe(expected.nRisk);
    }
  });

  it('switches to relapse by episode type: cumulative incidence with Gray’s test', async () => {
    await page.getByRole('radio', { name: /^Relapse — / }).click();
    await page.getByLabel('Compare groups').selectOption('episode-type');
    const plot = page.getByRole('img', { name: /Cumulative incidence of relapse/ });
    await plot.waitFor();
    await page
      .getByTestId('outcome-test')
      .getByText(/^Gray’s test: χ² = \d+\.\d\d, df = \d+, p [=<] \d\.\d{3}$/)
      .waitFor();
    const api = await apiOutcomes('endpoint=relapse&groupBy=episode-type');
    expect(api.test?.name).toBe('gray');
    expect(await plot.locator('[data-testid=outcome-curve]').count()).toBe(api.groups.length);
    expect(await page.getByTestId('outcome-test').textContent()).toContain(`df = ${api.test!.df}`);
    await page.getByTestId('outcome-summary').getByRole('rowheader', { name: 'Allogeneic HCT' }).waitFor();
    expect(page.url()).toContain('endpoint=relapse');
    expect(page.url()).toContain('groupBy=episode-type');
    await shot('outcomes-02-relapse-by-episode-type');

    const csv = await downloaded('Data (CSV)');
    expect(csv.name).toMatch(/^engraft-relapse-by-episode-type-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.body.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'endpoint,endpoint_version,measure,group,time_days,time_months,estimate,lower_95,upper_95,n_risk,n_event,n_censor'
    );
    expect(lines.length - 1).toBe(api.groups.reduce((s, g) => s + g.points.length, 0));
    expect(lines[1]).toMatch(/^relapse,1,cumulative_incidence,/);

    const svg = await downloaded('Figure (SVG)');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.body.toString('utf8');
    expect(svgText.startsWith('<?xml')).toBe(true);
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText).toContain('Number at risk');
    expect(svgText).not.toContain('data-export="skip"');

    const png = await downloaded('Figure (PNG)');
    expect(png.name).toMatch(/\.png$/);
    expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.body.length).toBeGreaterThan(10_000);
  });

  it('says so when the cohort is empty', async () => {
    await page.getByLabel('Day 0 from').fill('2099-01-01');
    await page.getByText('No infused episodes in this cohort').waitFor();
    expect(await page.getByRole('button', { name: 'Data (CSV)' }).isDisabled()).toBe(true);
    await shot('outcomes-03-empty-cohort');
    await page.getByRole('button', { name: 'Clear cohort filters' }).click();
    await page.getByRole('img', { name: /Cumulative incidence of relapse/ }).waitFor();
  });

  it('does not offer outcomes to a nurse', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await signIn('nurse', 'demo-nurse-pass');
    expect(await page.getByRole('link', { name: 'Outcomes' }).count()).toBe(0);
    await page.goto('/outcomes');
    await page.getByText('Outcomes are not available to your role').waitFor();
  });
});
