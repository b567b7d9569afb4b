// Lab-result safety in a real browser (issue 13): a nurse types −5 into the platelet field; the form shows
// "must not be negative" and sends nothing (Mantine's NumberInput used to clamp it to 0 and save it). Then an
// unusual count (1,500 ×10⁹/L) is only saved once the nurse gives a reason, which the audit keeps.
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signInAs } from './browser';

const baseUrl = inject('baseUrl');

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
let csrf = '';

async function call<T>(method: 'get' | 'post', url: string, data?: unknown): Promise<T> {
  const res = await apiCtx[method](`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  apiCtx = await request.newContext({ baseURL: baseUrl });
  const res = await apiCtx.post('/api/v1/session', {
    data: { username: 'physician', password: 'demo-physician-pass' },
  });
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await apiCtx?.dispose();
  await browser?.close();
});

describe('lab result safety in Chromium', () => {
  it('platelets −5 are refused in the form and never sent; 1,500 need a reason', async () => {
    const mrn = `LAB-${Date.now().toString(36).toUpperCase()}`;
    const p = await call<{ id: string }>('post', '/patients', {
      mrn,
      familyName: 'Labsafe',
      givenName: 'Test',
      dateOfBirth: '1975-05-05',
      sex: 'female',
    });
    const dx = await call<{ id: string }>('post', `/patients/${p.id}/diagnoses`, {
      disease: 'AML',
      diagnosisDate: isoDaysFromToday(-200),
      status: 'CR1',
    });
    const ep = await call<{ id: string }>('post', `/patients/${p.id}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx.id,
      plannedDayZero: isoDaysFromToday(-10),
    });

    await signInAs(page, 'nurse');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/observations')) posts.push(r.postData() ?? '');
    });
    await page.goto(`/patients/${p.id}?tab=monitoring`);
    await page.getByRole('button', { name: 'Record results…' }).click();
    const form = page.getByRole('form', { name: 'Add a lab result' });
    await form.getByLabel('Analyte').selectOption('platelets');
    const value = form.getByLabel('Value');
    await value.fill('-5');
    // Typed text is kept as typed: no clamping to 0.
    expect(await value.inputValue()).toBe('-5');
    await form.getByRole('button', { name: 'Add result' }).click();
    await form.getByText('Platelets must not be negative (-5 ×10⁹/L)').waitFor();
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);

    // Hexadecimal is not read as 16.
    await value.fill('0x10');
    await form.getByText(/not a decimal number/).waitFor();
    await form.getByRole('button', { name: 'Add result' }).click();
    expect(posts).toEqual([]);

    // An unusual count: the server asks for a reason; cancel sends nothing more, confirm saves with the reason.
    await value.fill('1500');
    await form.getByRole('button', { name: 'Add result' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await dialog.getByText(/Platelets 1500 ×10⁹\/L is above the usual range/).waitFor();
    await dialog.getByRole('textbox').fill('repeated on a fresh sample: essential thrombocythaemia');
    await dialog.getByRole('button', { name: 'Confirm with reason' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => posts.length).toBe(2);
    expect(JSON.parse(posts[1]!)).toMatchObject({
      value: 1500,
      confirmations: [{ field: 'value', reason: 'repeated on a fresh sample: essential thrombocythaemia' }],
    });

    const monitoring = await call<{ series: Record<string, { value: number }[]> }>(
      'get',
      `/episodes/${ep.id}/monitoring`
    );
    expect(monitoring.series.platelets?.map((s) => s.value)).toEqual([1500]);
  });
});
