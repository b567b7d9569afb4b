// The family work-up in a real browser (issue 19): from the patient record, add a relative with a typing per
// locus, see the haplotypes, import a single-antigen bead file, see the DSA warning on the haploidentical
// sister, choose the haploidentical brother with a reason, and find him on the episode's donor card.
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');

// Father a/b, mother c/d, patient a/c (A~B~DRB1, 2-field).
const HAP = {
  a: ['A*01:01', 'B*08:01', 'DRB1*03:01'],
  b: ['A*02:01', 'B*44:02', 'DRB1*04:01'],
  c: ['A*03:01', 'B*07:02', 'DRB1*15:01'],
  d: ['A*24:02', 'B*35:01', 'DRB1*11:01'],
} as const;
const gl = (x: readonly string[], y: readonly string[]) => x.map((n, i) => `${n}+${y[i]}`).join('^');

let browser: Browser;
let page: Page;
let api: APIRequestContext;
let csrf = '';
let patientId = '';
let episodeId = '';

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await api.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  api = await request.newContext({ baseURL: baseUrl });
  const res = await api.post('/api/v1/session', {
    data: { username: 'coordinator', password: 'demo-coordinator-pass' },
  });
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  patientId = (
    await post<{ id: string }>('/patients', {
      mrn: `FAM-${Date.now().toString(36).toUpperCase()}`,
      familyName: 'Kinship',
      givenName: 'Kai',
      dateOfBirth: '1984-04-04',
      sex: 'male',
      aboRh: 'A+',
    })
  ).id;
  const dx = await post<{ id: string }>(`/patients/${patientId}/diagnoses`, {
    disease: 'AML',
    diagnosisDate: '2025-11-01',
    status: 'CR1',
  });
  episodeId = (
    await post<{ id: string }>(`/patients/${patientId}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx.id,
      plannedDayZero: '2099-01-01',
    })
  ).id;
  await post(`/patients/${patientId}/hla`, { glString: gl(HAP.a, HAP.c) });
  for (const [relationship, name, sex, born, x, y] of [
    ['father', 'Felix', 'male', '1955-01-01', HAP.a, HAP.b],
    ['mother', 'Mona', 'female', '1957-01-01', HAP.c, HAP.d],
    ['full-sibling', 'Sofia', 'female', '1990-01-01', HAP.a, HAP.d],
    ['full-sibling', 'Bruno', 'male', '1987-01-01', HAP.b, HAP.c],
  ] as const) {
    const r = await post<{ id: string }>(`/patients/${patientId}/family/relatives`, {
      relationship,
      name,
      sex,
      dateOfBirth: born,
      availability: 'available',
    });
    await post(`/patients/${patientId}/family/relatives/${r.id}/hla`, { glString: gl(x, y) });
  }
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
});

describe('family work-up in Chromium', () => {
  it('adds a typed relative, shows haplotypes and DSA, and chooses the haploidentical brother', async () => {
    await signInAs(page, 'coordinator');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('link', { name: /Family work-up/ }).click();
    await page.waitForURL(`**/patients/${patientId}/family`);

    // Add the third sibling, typed per locus (b/d: shares nothing with the patient).
    await page.getByRole('button', { name: 'Add relative' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a relative' });
    await dialog.getByLabel('Name').fill('Theo');
    await dialog.getByRole('button', { name: 'Add relative' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Type Theo' }).click();
    const typing = page.getByRole('dialog', { name: 'HLA typing of Theo' });
    for (const [i, locus] of (['A', 'B', 'DRB1'] as const).entries()) {
      await typing.getByLabel(`${locus} allele 1`).fill(HAP.b[i]!);
      await typing.getByLabel(`${locus} allele 2`).fill(HAP.d[i]!);
    }
    await typing.getByRole('button', { name: 'Save typing' }).click();
    await typing.waitFor({ state: 'detached' });

    const people = page.getByRole('table', { name: 'Haplotypes per person' });
    const row = (name: string) => people.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    // The page reloads after the save: wait for the new typing to be analysed.
    await row('Theo').filter({ hasText: 'Mismatched' }).waitFor();
    await expect(row('Theo').textContent()).resolves.toContain('b/dMismatched');
    await expect(row('Sofia').textContent()).resolves.toContain('a/dHaploidentical (a)');
    await expect(row('Patient').textContent()).resolves.toContain('a/c');

    // Import the bead file: anti-A*24:02 at 8,000 MFI hits the d haplotype (Sofia, Mona).
    await page.locator('input[type="file"]').setInputFiles({
      name: 'sab.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Specificity,MFI,Test Date\nA*24:02,8000,2026-01-10\nA2,600,2026-01-10\n'),
    });
    await page.getByRole('button', { name: 'Import beads' }).click();
    await page.getByRole('table', { name: 'Bead results 2026-01-10' }).waitFor();

    const sofia = page.getByLabel(/^Rank \d+: Sofia$/);
    await expect(sofia.getByText('DSA anti-A*24:02 · MFI 8,000 (strong)').isVisible()).resolves.toBe(true);
    const bruno = page.getByLabel('Rank 1: Bruno');
    await expect(bruno.getByText('No DSA', { exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'family-workup');

    await bruno.getByRole('button', { name: 'Choose Bruno' }).click();
    const choose = page.getByRole('dialog', { name: 'Choose Bruno as the donor' });
    await choose.getByLabel(/Reason for this choice/).fill('Haploidentical brother without DSA, ranked first');
    await choose.getByRole('button', { name: 'Choose this donor' }).click();
    await choose.waitFor({ state: 'detached' });
    await page.getByText(/Bruno chosen by .*Haploidentical brother without DSA/).waitFor();

    await page.goto(`/episodes/${episodeId}/cells`);
    await page.getByText('Bruno (sibling)').first().waitFor();
    await expect(
      page
        .getByText(/sibling, Haploidentical/)
        .first()
        .isVisible()
    ).resolves.toBe(true);
  });

  it('shows the demo family (SYN-FAM-01) at 1440 px and on a 390 px phone without sideways scrolling', async () => {
    const found = await api.get('/api/v1/patients?q=SYN-FAM-01');
    const demo = ((await found.json()) as { items: { id: string }[] }).items[0]!;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/patients/${demo.id}/family`);
    await page
      .getByLabel(/^Rank \d+: Sara HAWTHORN$/)
      .getByText(/DSA anti-A\*24:02/)
      .waitFor();
    await screenshot(page, 'family-workup-demo-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByLabel('Rank 1: Ben HAWTHORN').waitFor();
    await screenshot(page, 'family-workup-demo-390');
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
  });
});
