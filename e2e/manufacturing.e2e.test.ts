// Cell-therapy manufacturing in a real browser (issue 7): a coordinator orders axicabtagene ciloleucel for a
// CAR-T episode in the demo centre, moves the order through its statuses with chain-of-custody hand-overs
// (one out of order, refused), has a product with the wrong Chain of Identity refused, receives the right one
// and sees the CoI, the dose check, vein-to-vein so far and the manufacturing turnaround. Also opens a
// seeded demo order.
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');

let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
let csrf = '';

const isoDaysFromToday = (days: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A datetime-local value `days` from today at `time` (the browser runs in UTC). */
const when = (days: number, time: string): string => `${isoDaysFromToday(days)}T${time}`;

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await apiCtx.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  apiCtx = await request.newContext({ baseURL: baseUrl });
  const res = await apiCtx.post('/api/v1/session', {
    data: { username: 'coordinator', password: 'demo-coordinator-pass' },
  });
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await apiCtx?.dispose();
  await browser?.close();
});

describe('cell-therapy manufacturing in Chromium', () => {
  it('a coordinator orders a CAR-T product, follows it with custody events and receives it with the right CoI', async () => {
    const patient = await post<{ id: string }>('/patients', {
      mrn: `MFG-${Date.now().toString(36).toUpperCase()}`,
      familyName: 'Ashgrove',
      givenName: 'Rowan',
      dateOfBirth: '1968-04-12',
      sex: 'male',
      aboRh: 'O+',
      weightKg: 82,
      heightCm: 178,
    });
    const dx = await post<{ id: string }>(`/patients/${patient.id}/diagnoses`, {
      disease: 'NHL',
      diagnosisDate: isoDaysFromToday(-400),
      status: 'relapse',
    });
    await post(`/patients/${patient.id}/episodes`, {
      type: 'car-t',
      diagnosisId: dx.id,
      plannedDayZero: isoDaysFromToday(8),
    });

    await signInAs(page, 'coordinator');
    await page.goto(`/patients/${patient.id}`);
    await page.getByRole('link', { name: 'Manufacturing', exact: true }).click();
    await page.getByRole('heading', { name: 'Manufacturing', level: 1 }).waitFor();

    // Order axi-cel.
    await page.getByPlaceholder('Choose the product').click();
    await page.getByRole('option', { name: /Yescarta \(axicabtagene ciloleucel\)/ }).click();
    expect(await page.getByLabel('Manufacturer', { exact: true }).inputValue()).toBe('Kite (Gilead)');
    await page.getByLabel('Collection slot').fill(isoDaysFromToday(-20));
    await page.getByLabel('Ordered at').fill(when(-25, '09:00'));
    await page.getByLabel('Target dose').fill('2 ×10⁶ CAR+ T cells/kg (max 2 ×10⁸)');
    await page.getByRole('button', { name: 'Place order' }).click();
    const coiBox = page.getByTestId('coi');
    await coiBox.waitFor();
    const coi = (await coiBox.getAttribute('aria-label'))!.replace('Chain of Identity ', '');
    expect(coi).toMatch(/^CHW9999\d{2}[0-9A-Z]{6}$/);
    const status = page.getByTestId('order-status');
    expect(await status.textContent()).toBe('Ordered');

    const step = async (button: string, at: string, label: string) => {
      await page.getByLabel('When').fill(at);
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => status.textContent()).toBe(label);
    };
    const hand = async (from: string, to: string, at: string, temperature: string) => {
      await page.getByLabel('Handed from').fill(from);
      await page.getByLabel('Handed to').fill(to);
      await page.getByLabel(/^Time/).fill(at);
      await page.getByLabel('Temperature (°C)').fill(temperature);
      await page.getByRole('button', { name: 'Record hand-over' }).click();
    };

    await step('Mark slot confirmed', when(-24, '11:00'), 'Slot confirmed');
    await step('Mark collected (leukapheresis)', when(-20, '08:00'), 'Collected (leukapheresis)');
    await hand('Apheresis unit', 'Cell therapy laboratory', when(-20, '10:00'), '4');
    await page.getByRole('cell', { name: 'Apheresis unit' }).waitFor();
    await hand('Cell therapy laboratory', 'World Courier', when(-19, '07:00'), '4');
    await page.getByRole('cell', { name: 'World Courier' }).waitFor();
    // A hand-over earlier than the last one is refused, with the reason.
    await hand('World Courier', 'Kite (Gilead)', when(-20, '23:00'), '5');
    await page.getByText(/cannot be earlier than the previous one/).waitFor();
    await page.getByLabel(/^Time/).fill(when(-19, '20:00'));
    await page.getByRole('button', { name: 'Record hand-over' }).click();
    await page.getByRole('cell', { name: 'Kite (Gilead)' }).waitFor();
    await step('Mark shipped to manufacturer', when(-19, '07:30'), 'Shipped to manufacturer');
    await step('Mark in manufacturing', when(-18, '09:00'), 'In manufacturing');
    await step('Mark shipped to centre', when(-3, '09:00'), 'Shipped to centre');
    await hand('Kite (Gilead)', 'World Courier', when(-3, '09:30'), '-160');
    await page.getByRole('cell', { name: '-160 °C' }).waitFor();

    // The wrong product is refused.
    const receipt = page.getByRole('region', { name: 'Receive the product' });
    await receipt.getByLabel('CoI on the product').fill('CHW999926ZZZZZZ');
    await receipt.getByLabel('DIN').fill('W999926000777');
    await receipt.getByLabel('Product code').fill('S1295');
    await receipt.getByLabel('CAR+ viable T cells (×10⁶)').fill('150');
    await receipt.getByLabel('Volume (mL)').fill('68');
    await receipt.getByRole('button', { name: 'Receive product' }).click();
    await receipt.getByText(/Chain of Identity mismatch/).waitFor();
    await screenshot(page, 'manufacturing-coi-mismatch');

    // The right one is received: 150 ×10⁶ for 82 kg (target 164 ×10⁶) is within the label.
    await receipt.getByLabel('CoI on the product').fill(coi);
    await receipt.getByRole('button', { name: 'Receive product' }).click();
    await expect.poll(() => status.textContent()).toBe('Received');
    expect(await page.getByTestId('dose-check').textContent()).toMatch(/^within label range/);
    expect(await page.getByTestId('vein-to-vein').textContent()).toMatch(/20 days so far/);
    expect(await page.getByTestId('turnaround').textContent()).toMatch(/\d+ days/);
    await page.getByText(/Received product · DIN W999926000777/).waitFor();
    await screenshot(page, 'manufacturing-received');

    // Every step is on the patient's timeline.
    await page.goto(`/patients/${patient.id}?tab=timeline`);
    await page
      .getByText(/Manufacturing ordered: Yescarta/)
      .first()
      .waitFor({ state: 'attached' });
  });

  it('shows a seeded demo order in manufacturing', async () => {
    const res = await apiCtx.get('/api/v1/patients?limit=200');
    expect(res.ok()).toBe(true);
    // The demo in-house CD30 CAR-T order: find its episode through the search of the patient list page.
    const list = (await res.json()) as { items?: { id: string }[] } | { id: string }[];
    const patients = Array.isArray(list) ? list : (list.items ?? []);
    let found: string | null = null;
    for (const p of patients) {
      const detail = (await (await apiCtx.get(`/api/v1/patients/${p.id}`)).json()) as {
        episodes?: { id: string; type: string; protocol: string | null }[];
      };
      const ep = detail.episodes?.find((e) => e.protocol?.startsWith('SYN-TRIAL-02'));
      if (ep) {
        found = ep.id;
        break;
      }
    }
    expect(found).not.toBeNull();
    await page.goto(`/episodes/${found}/manufacturing`);
    await page.getByTestId('coi').waitFor();
    expect(await page.getByTestId('order-status').textContent()).toBe('In manufacturing');
    await screenshot(page, 'manufacturing-demo-in-manufacturing');
  });
});
