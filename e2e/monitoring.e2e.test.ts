// Monitoring in a real browser (issue 8): a nurse enters a week of daily CRS/ICANS assessments for a CAR-T
// patient and sees the grades, maximum and onset; then imports a count series for an allogeneic HCT patient
// (a refused file first, then a good one) and sees the neutrophil engraftment marker.
import path from 'node:path';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
const shots = SHOTS;

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
let csrf = '';

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await apiCtx.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A patient with a diagnosis and an episode whose planned day 0 is `dayZeroOffset` days from today. */
async function createPatient(
  familyName: string,
  disease: string,
  type: string,
  dayZeroOffset: number
): Promise<string> {
  const mrn = `MON-${Date.now().toString(36).toUpperCase()}-${familyName.slice(0, 3).toUpperCase()}`;
  const p = await post<{ id: string }>('/patients', {
    mrn,
    familyName,
    givenName: 'Test',
    dateOfBirth: '1975-05-05',
    sex: 'female',
    aboRh: 'A+',
  });
  const d = await post<{ id: string }>(`/patients/${p.id}/diagnoses`, {
    disease,
    diagnosisDate: isoDaysFromToday(-200),
    status: 'CR1',
  });
  await post(`/patients/${p.id}/episodes`, {
    type,
    diagnosisId: d.id,
    plannedDayZero: isoDaysFromToday(dayZeroOffset),
  });
  return p.id;
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

async function shot(name: string, locator?: ReturnType<Page['locator']>): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 3_000 })
    .catch(() => undefined);
  await page.mouse.move(0, 0);
  if (locator) {
    // The fixed header would cover part of an element screenshot taken lower on the page.
    await page.addStyleTag({ content: '.mantine-AppShell-header { position: absolute !important; }' });
    await locator.screenshot({ path: path.join(shots, `${name}.png`) });
  } else {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  }
}

const signIn = (username: string): Promise<void> => signInAs(page, username);

interface Day {
  offset: number; // day after day 0
  temp: number;
  hypotension?: string;
  oxygen?: string;
  iceLost?: number;
  tocilizumab?: boolean;
  steroids?: boolean;
}

const ICE_LABELS = [
  'Year',
  'Month',
  'City',
  'Hospital',
  'Object 1 (e.g. clock)',
  'Object 2 (e.g. pen)',
  'Object 3 (e.g. button)',
];

describe('monitoring in Chromium', () => {
  it('a nurse grades a week of CRS/ICANS for a CAR-T patient and sees maximum grade and onset', async () => {
    const patientId = await createPatient('Cartweek', 'ALL', 'car-t', -7);
    await signIn('nurse');
    await page.goto(`/patients/${patientId}?tab=monitoring`);
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    await section.waitFor();
    // Data entry is behind a "Record…" button: the form opens in a drawer, which stays open between saves.
    await section.getByRole('button', { name: 'Record CRS/ICANS…' }).click();
    const form = page.getByRole('dialog', { name: 'Daily CRS/ICANS assessment' }).getByRole('form', {
      name: 'Daily CRS and ICANS assessment',
    });
    await form.waitFor();

    const week: Day[] = [
      { offset: 1, temp: 37.2 },
      { offset: 2, temp: 38.6 },
      { offset: 3, temp: 38.9, hypotension: 'no-vasopressor', tocilizumab: true },
      { offset: 4, temp: 38.1, hypotension: 'one-vasopressor', oxygen: 'low-flow', iceLost: 4, steroids: true },
      { offset: 5, temp: 37.4, oxygen: 'low-flow', iceLost: 2, steroids: true },
      { offset: 6, temp: 37.0 },
      { offset: 7, temp: 36.8 },
    ];
    for (const d of week) {
      await form.getByLabel('Assessment date').fill(isoDaysFromToday(d.offset - 7));
      await form.getByLabel('Highest temperature (°C)').fill(String(d.temp));
      await form.getByLabel('Blood pressure').selectOption(d.hypotension ?? 'none');
      await form.getByLabel('Oxygen support').selectOption(d.oxygen ?? 'none');
      await form.getByRole('button', { name: 'All 10 correct' }).click();
      for (const label of ICE_LABELS.slice(0, d.iceLost ?? 0)) await form.getByLabel(label, { exact: true }).uncheck();
      await form
        .getByTestId('ice-live')
        .getByText(`${10 - (d.iceLost ?? 0)}/10`)
        .waitFor();
      await form.getByLabel('Tocilizumab', { exact: true }).setChecked(d.tocilizumab ?? false);
      await form.getByLabel('Corticosteroids', { exact: true }).setChecked(d.steroids ?? false);
      await form.getByRole('button', { name: 'Save assessment and grade' }).click();
      await form.getByTestId('crs-icans-result').getByText(`Saved for D+${d.offset}`).waitFor();
      if (d.offset === 4) {
        const result = form.getByTestId('crs-icans-result');
        await result.getByText('CRS grade 3').waitFor();
        await result.getByText(/grade 3: one vasopressor/).waitFor();
        await result.getByText('ICANS grade 2').waitFor();
        await shot('10-crs-icans-form-result', form);
      }
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const crsCourse = section.getByTestId('course-crs');
    await crsCourse.getByText('max grade 3').waitFor();
    // The course refreshes after the last save: poll rather than read once.
    await expect.poll(() => crsCourse.textContent()).toContain('Onset D+2');
    await expect.poll(() => crsCourse.textContent()).toContain('duration 4 days');
    const icansCourse = section.getByTestId('course-icans');
    await icansCourse.getByText('max grade 2').waitFor();
    await expect.poll(() => icansCourse.textContent()).toContain('Onset D+4');

    const table = section.getByRole('table', { name: 'CRS and ICANS assessments by day' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(7);
    const d4 = table.getByRole('row').filter({ hasText: 'D+4' });
    expect((await d4.locator('td').allTextContents()).slice(2, 6)).toEqual(['3', '2', '6/10', 'steroids']);
    const chartName = await section.getByRole('img', { name: /CRS grade by day/ }).getAttribute('aria-labelledby');
    expect(chartName).toBeTruthy();
    const desc = await section.getByTestId('crs-chart').locator('desc').textContent();
    expect(desc).toContain('D+3 G2 (Tocilizumab)');
    expect(desc).toContain('D+4 G3 (Steroids)');
    await section.getByRole('heading', { name: 'CRS and ICANS' }).scrollIntoViewIfNeeded();
    await shot(
      '11-crs-icans-course',
      section.locator('section').filter({ has: page.getByRole('heading', { name: 'CRS and ICANS' }) })
    );
    await shot('12-car-t-patient-page');
  });

  it('imports a count series for an allogeneic patient and shows the neutrophil engraftment marker', async () => {
    const patientId = await createPatient('Allocounts', 'AML', 'allogeneic-hct', -20);
    await page.goto(`/patients/${patientId}?tab=monitoring`);
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    await section.waitFor();
    await section.getByRole('button', { name: 'Import lab file…' }).click();
    const form = page
      .getByRole('dialog', { name: 'Import a lab file' })
      .getByRole('form', { name: 'Import a lab file' });

    // A file with a wrong unit is refused as a whole, with the line and the reason.
    const bad = [
      'date,analyte,value,unit',
      `${isoDaysFromToday(-19)},anc,0.1,x10^9/L`,
      `${isoDaysFromToday(-18)},anc,0.1,mg`,
    ].join('\n');
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await form.getByRole('button', { name: 'Import file' }).click();
    const refused = form.getByTestId('import-report');
    await refused.getByText('File not imported: nothing was stored').waitFor();
    await refused.getByText('line 3: unit').waitFor();
    await shot('13-import-refused', form);

    // ANC >= 0.5 from D+13 on (engraftment D+13); platelets >= 20 from D+16, last platelet transfusion D+7.
    const lines = ['date,analyte,value,unit'];
    for (let day = 1; day <= 20; day++) {
      const date = isoDaysFromToday(day - 20);
      const anc = day < 11 ? 0.05 : day === 11 ? 0.2 : day === 12 ? 0.4 : Number((0.6 + (day - 13) * 0.3).toFixed(1));
      const plt = day < 16 ? 8 + (day % 4) * 3 : 22 + (day - 16) * 9;
      lines.push(`${date},anc,${anc},x10^9/L`, `${date},platelets,${plt},x10^9/L`);
      if (day % 3 === 0) lines.push(`${date},hemoglobin,${(8 + day * 0.05).toFixed(1)},g/dL`);
      if (day === 3 || day === 7) lines.push(`${date},platelet-transfusion,,`);
    }
    lines.push(`${isoDaysFromToday(-20 + 14)},bilirubin,1.2,mg/dL`);
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'counts.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await form.getByRole('button', { name: 'Import file' }).click();
    await form.getByTestId('import-report').getByText('File imported').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const anc = section.getByTestId('anc-chart');
    await anc.getByText('Neutrophil engraftment D+13', { exact: true }).waitFor();
    await section.getByTestId('platelet-chart').getByText('Platelet engraftment D+16', { exact: true }).waitFor();
    expect(await section.getByTestId('engraftment').textContent()).toContain('Neutrophil engraftment: D+13');
    expect(await section.getByTestId('platelet-chart').locator('path[fill*="orange"]').count()).toBe(2);
    const hb = section.getByRole('checkbox', { name: 'Hemoglobin' });
    await section.getByRole('heading', { name: 'Blood counts' }).scrollIntoViewIfNeeded();
    await hb.dispatchEvent('click');
    expect(await hb.isChecked()).toBe(true);
    await section.getByRole('img', { name: 'Hemoglobin' }).waitFor();
    await section
      .getByRole('table', { name: 'Recent results, newest first' })
      .getByRole('row')
      .filter({ hasText: 'D+13' })
      .waitFor();
    await shot('14-allo-counts-engraftment');
  });

  it('shows a red primary graft failure alert past D+30, and a watch note past D+21, without neutrophil recovery', async () => {
    const lowAnc = (dayZeroOffset: number, days: number) =>
      [
        'date,analyte,value,unit',
        ...Array.from({ length: days }, (_, i) => `${isoDaysFromToday(dayZeroOffset + i + 1)},anc,0.1,x10^9/L`),
      ].join('\n');
    const failed = await createPatient('Nograft', 'AML', 'allogeneic-hct', -34);
    await post(`/patients/${failed}/labs/import`, { format: 'csv', content: lowAnc(-34, 34) });
    const watch = await createPatient('Slowgraft', 'AML', 'allogeneic-hct', -24);
    await post(`/patients/${watch}/labs/import`, { format: 'csv', content: lowAnc(-24, 24) });

    await page.goto(`/patients/${failed}?tab=monitoring`);
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    const alert = section.getByRole('alert').filter({ hasText: 'Primary graft failure' });
    await alert.waitFor();
    await shot('15-graft-failure-alert');

    await page.goto(`/patients/${watch}?tab=monitoring`);
    await section.getByRole('status').filter({ hasText: 'Watch: no neutrophil engraftment yet at D+24' }).waitFor();
    expect(await section.getByRole('alert').filter({ hasText: 'Primary graft failure' }).count()).toBe(0);
  });

  it('hides every entry form from an auditor', async () => {
    await signIn('auditor');
    await page.getByLabel('Search patients').fill('Allocounts');
    await page.getByRole('link', { name: /ALLOCOUNTS/ }).click();
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    await section.getByTestId('anc-chart').getByText('Neutrophil engraftment D+13', { exact: true }).waitFor();
    expect(await section.getByRole('heading', { name: 'Record' }).count()).toBe(0);
    expect(await section.getByRole('button', { name: /^Record|^Import/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import file' }).count()).toBe(0);
  });
});
