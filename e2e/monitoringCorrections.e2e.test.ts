// Monitoring, the rest of issue 8, in a real browser: an allogeneic patient's chimerism by lineage is charted
// with the category bands and a falling T-cell trend; a nurse corrects a mis-keyed ANC with a reason and sees the
// engraftment day move, and deletes a result; an administrator changes a centre threshold on /settings.
import path from 'node:path';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

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

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await apiCtx.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function shot(name: string, locator?: ReturnType<Page['locator']>): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await page.mouse.move(0, 0);
  if (locator) {
    await page.addStyleTag({ content: '.mantine-AppShell-header { position: absolute !important; }' });
    await locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  } else {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }
}

const signIn = (username: string): Promise<void> => signInAs(page, username);

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

describe('chimerism trend, corrections and centre settings in Chromium', () => {
  let patientId = '';

  it('charts chimerism by lineage over the category bands and flags the falling T-cell lineage', async () => {
    const mrn = `CHI-${Date.now().toString(36).toUpperCase()}`;
    patientId = (
      await post<{ id: string }>('/patients', {
        mrn,
        familyName: 'Chimera',
        givenName: 'Test',
        dateOfBirth: '1968-04-04',
        sex: 'male',
        aboRh: 'O+',
      })
    ).id;
    const dx = await post<{ id: string }>(`/patients/${patientId}/diagnoses`, {
      disease: 'AML',
      diagnosisDate: isoDaysFromToday(-300),
      status: 'CR1',
    });
    await post(`/patients/${patientId}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx.id,
      plannedDayZero: isoDaysFromToday(-120),
    });
    const day = (n: number) => isoDaysFromToday(n - 120);
    // ANC >= 0.5 from D+10, but D+11 was keyed as 0.05 instead of 0.5: engraftment only from D+12 until corrected.
    const anc: [number, number][] = [
      [2, 0.3],
      [4, 0.1],
      [6, 0.05],
      [8, 0.2],
      [10, 0.6],
      [11, 0.05],
      [12, 0.8],
      [13, 1.1],
      [14, 1.5],
      [16, 2],
    ];
    const lines = [
      'date,analyte,value,unit,lineage',
      ...anc.map(([d, v]) => `${day(d)},anc,${v},x10^9/L,`),
      `${day(15)},crp,35,mg/L,`,
    ];
    for (const [d, wb, t, my] of [
      [30, 99, 98, 100],
      [60, 98, 93, 99],
      [90, 96, 85, 99],
      [110, 95, 76, 98],
    ] as const) {
      lines.push(
        `${day(d)},chimerism,${wb},%,whole-blood`,
        `${day(d)},chimerism,${t},%,T-cell`,
        `${day(d)},chimerism,${my},%,myeloid`
      );
    }
    await post(`/patients/${patientId}/labs/import`, { format: 'csv', content: lines.join('\n') });

    await signIn('nurse');
    await page.goto(`/patients/${patientId}?tab=monitoring`);
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    const chart = section.getByTestId('chimerism-chart');
    await chart.waitFor();
    const desc = await chart.locator('desc').textContent();
    expect(desc).toContain('full donor above 95%');
    expect(desc).toContain('T cells (CD3): D+30 98%, D+60 93%, D+90 85%, D+110 76%');
    const table = section.getByRole('table', { name: 'Chimerism' });
    const tRow = table.getByRole('row').filter({ hasText: 'T cells (CD3)' });
    await tRow.getByText('↓ falling').waitFor();
    expect(await tRow.textContent()).toContain('-17 points');
    expect(await table.getByRole('row').filter({ hasText: 'Whole blood' }).textContent()).toContain('→ stable');
    const chimerism = section.getByRole('region', { name: 'Chimerism', exact: true });
    await chimerism.scrollIntoViewIfNeeded();
    await shot('20-chimerism-trend', chimerism);
  });

  it('a nurse corrects a mis-keyed ANC with a reason and the engraftment day moves; deleting needs a reason too', async () => {
    const section = page.getByRole('region', { name: 'Monitoring', exact: true });
    const engraftment = section.getByTestId('engraftment');
    await expect.poll(() => engraftment.textContent()).toContain('Neutrophil engraftment: D+12');

    const log = section.getByRole('table', { name: 'All results and transfusions, newest first' });
    await section.getByLabel('Show results').selectOption('anc');
    const date11 = isoDaysFromToday(11 - 120);
    await log.getByRole('button', { name: `Correct ANC (absolute neutrophil count) of ${date11}` }).click();
    const dialog = page.getByRole('dialog');
    const form = dialog.getByRole('form', { name: 'Correct a lab result' });
    await form.getByLabel('Value').fill('0.5');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.getByText('Say why (at least 3 characters)').waitFor();
    await form.getByLabel('Reason for the correction').fill('Transcription error: 0.5 was keyed as 0.05');
    await shot('21-correct-result-dialog', dialog);
    await form.getByRole('button', { name: 'Save correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => engraftment.textContent()).toContain('Neutrophil engraftment: D+10');
    await section.getByTestId('anc-chart').getByText('Neutrophil engraftment D+10', { exact: true }).waitFor();
    const corrected = log
      .getByRole('row')
      .filter({ hasText: date11.split('-').reverse().join('/') })
      .or(log.getByRole('row').filter({ hasText: 'D+11' }));
    await corrected.getByText('corrected').waitFor();

    await section.getByLabel('Show results').selectOption('crp');
    await log.getByRole('button', { name: /^Delete C-reactive protein of / }).click();
    const del = page.getByRole('dialog').getByRole('form', { name: 'Delete a recorded result' });
    await del.getByRole('button', { name: 'Delete' }).click();
    await del.getByText('Say why (at least 3 characters)').waitFor();
    await del.getByLabel('Reason for deleting').fill('Result belongs to another patient');
    await del.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect
      .poll(() => section.getByLabel('Show results').locator('option').allTextContents())
      .not.toContain('C-reactive protein');
    await section.getByLabel('Show results').selectOption('all');
    await section.getByRole('heading', { name: /Results and transfusions/ }).scrollIntoViewIfNeeded();
    await shot('22-results-log', section.getByRole('region', { name: /Results and transfusions/ }));
  });

  it('only administrators see Settings; an admin changes the CMV threshold and the defaults are cited', async () => {
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).count()).toBe(
      0
    );
    await signIn('admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Centre settings' }).waitFor();
    const form = page.getByRole('form', { name: 'Monitoring settings' });
    const cmv = form.getByLabel('CMV PCR alert threshold');
    await expect.poll(() => cmv.inputValue()).toBe('1000');
    await form.getByText(/ASTCT 2021 and EBMT 2019: D\+42/).waitFor();
    await form.getByLabel('Primary graft failure day: cord blood').fill('5');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('graft failure day (cord blood) must be at least 14 days after infusion').waitFor();
    await form.getByLabel('Primary graft failure day: cord blood').fill('42');
    await cmv.fill('500');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await shot('23-settings-page');
    const saved = await apiCtx.get('/api/v1/settings/monitoring');
    expect(((await saved.json()) as { settings: { cmvThresholdIuMl: number } }).settings.cmvThresholdIuMl).toBe(500);
    await form.getByRole('button', { name: 'Restore the defaults' }).click();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(
        async () =>
          (
            (await (await apiCtx.get('/api/v1/settings/monitoring')).json()) as {
              settings: { cmvThresholdIuMl: number };
            }
          ).settings.cmvThresholdIuMl
      )
      .toBe(1000);
  });
});
