// The patient's HLA typing in a real browser (issue 15, ADR 0108): a typing uploaded as HML through the API is
// shown on the patient page as a locus table with its source (file, sample, release).
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');

let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
let csrf = '';

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await apiCtx.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  apiCtx = await request.newContext({ baseURL: baseUrl });
  const res = await apiCtx.post('/api/v1/session', { data: { username: 'hla', password: 'demo-hla-pass' } });
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await apiCtx?.dispose();
  await browser?.close();
});

describe('patient HLA typing in Chromium', () => {
  it('shows the typing of an HML upload per locus, with the file and sample it came from', async () => {
    const coordinator = await request.newContext({ baseURL: baseUrl });
    const session = await coordinator.post('/api/v1/session', {
      data: { username: 'coordinator', password: 'demo-coordinator-pass' },
    });
    const token = ((await session.json()) as { csrfToken: string }).csrfToken;
    const created = await coordinator.post('/api/v1/patients', {
      data: {
        mrn: `HLA-${Date.now().toString(36).toUpperCase()}`,
        familyName: 'Typed',
        givenName: 'Hana',
        dateOfBirth: '1981-01-01',
        sex: 'female',
      },
      headers: { 'x-csrf-token': token },
    });
    const patientId = ((await created.json()) as { id: string }).id;
    await coordinator.dispose();

    await page.context().clearCookies();
    await signInAs(page, 'hla');
    await page.goto(`/patients/${patientId}`);
    await page.getByText('No HLA typing recorded.').waitFor();

    await post(`/patients/${patientId}/hla/hml`, {
      fileName: 'lab-0042.hml',
      content: `<?xml version="1.0"?>
<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1" version="1.0.1">
  <sample id="S-42">
    <typing gene-family="HLA" date="2025-03-01">
      <allele-assignment allele-db="IPD-IMGT/HLA" allele-version="3.58.0">
        <glstring>HLA-A*01:01+HLA-A*02:01^HLA-B*08:01+HLA-B*44:02</glstring>
        <haploid locus="HLA-DRB1" method="DNA" type="15:01"/><haploid locus="HLA-DRB1" method="DNA" type="04:01"/>
      </allele-assignment>
      <typing-method><sbt-ngs locus="HLA-A" test-id="T" test-id-source="GTR"/></typing-method>
    </typing>
  </sample>
</hml>`,
    });
    await page.reload();
    const table = page.getByRole('table', { name: 'HLA typing by locus' });
    await table.waitFor();
    const drb1 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'DRB1' }) });
    await expect(drb1.textContent()).resolves.toBe('DRB1DRB1*15:01DRB1*04:01');
    await expect(page.getByText(/Version 1 · HML file lab-0042\.hml, sample S-42/).textContent()).resolves.toContain(
      'IPD-IMGT/HLA 3.58.0'
    );
    await screenshot(page, 'patient-hla-typing');
  });
});
