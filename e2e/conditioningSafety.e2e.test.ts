// Conditioning safety in a real browser (issue 13, hazards H-DOSE-1/2/5/6): the tester's path replayed as a
// physician would. A 100 cm / 16 kg boy on BuCy2 with busulfan on ideal body weight: the plan shows a red blocking
// finding, no busulfan dose (never a negative one), Prescribe is disabled and the server refuses it too. On the
// template's basis (actual weight) the paediatric busulfan dose needs a confirmation with a reason, and the
// calendar prints positive doses only. A weight typed as "-5" or "4e" is refused naming the field.
import path from 'node:path';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let coordinator: APIRequestContext;
let physician: APIRequestContext;
const csrf: Record<string, string> = {};

const isoDaysFromToday = (days: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A negative dose or weight as any of the pages could print it ("-1.6 mg", "−21 kg"). */
const NEGATIVE_AMOUNT = /[−-]\d+(\.\d+)?\s*(mg|kg|m²|Gy)/;

async function session(username: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: baseUrl });
  const res = await ctx.post('/api/v1/session', { data: { username, password: `demo-${username}-pass` } });
  csrf[username] = ((await res.json()) as { csrfToken: string }).csrfToken;
  return ctx;
}

async function post<T>(
  ctx: APIRequestContext,
  who: string,
  url: string,
  data: unknown
): Promise<{ status: number; body: T }> {
  const res = await ctx.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf[who]! } });
  return { status: res.status(), body: (await res.json()) as T };
}

async function shot(name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  coordinator = await session('coordinator');
  physician = await session('physician');
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await coordinator?.dispose();
  await physician?.dispose();
  await browser?.close();
});

describe('conditioning safety in Chromium', () => {
  it('the 100 cm / 16 kg child on BuCy2 with IBW is refused; on actual weight the paediatric dose is confirmed with a reason', async () => {
    const patient = await post<{ id: string }>(coordinator, 'coordinator', '/patients', {
      mrn: `DOSE-${Date.now().toString(36).toUpperCase()}`,
      familyName: 'Small',
      givenName: 'Sam',
      dateOfBirth: isoDaysFromToday(-4 * 365 - 30),
      sex: 'male',
      aboRh: 'O+',
      weightKg: 16,
      heightCm: 100,
    });
    expect(patient.status).toBe(201);
    const dx = await post<{ id: string }>(coordinator, 'coordinator', `/patients/${patient.body.id}/diagnoses`, {
      disease: 'AML',
      diagnosisDate: isoDaysFromToday(-90),
      status: 'CR1',
    });
    const episode = await post<{ id: string }>(coordinator, 'coordinator', `/patients/${patient.body.id}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx.body.id,
      plannedDayZero: isoDaysFromToday(20),
    });
    expect(episode.status).toBe(201);
    const episodeId = episode.body.id;

    await signInAs(page, 'physician');
    await page.goto(`/episodes/${episodeId}/conditioning`);
    await page.getByLabel('Regimen template').selectOption('bucy2');
    await page.getByLabel('Weight for busulfan').selectOption('ibw');

    // Red, blocking, naming the reason; no busulfan dose anywhere, never a negative number.
    const preview = page.getByRole('region', { name: 'Computed plan (not saved)' });
    const blocking = preview.getByTestId('blocking-findings');
    await blocking.waitFor();
    expect(await blocking.textContent()).toMatch(
      /cannot be prescribed or verified.*Busulfan: IBW is built on the ideal body weight.*not defined below 152.4 cm/s
    );
    const doses = preview.getByRole('table', { name: 'Doses by drug' });
    expect(await doses.getByRole('row', { name: /Busulfan/ }).textContent()).toMatch(
      /IBW: not applicable.*not computed/
    );
    expect(await doses.getByRole('row', { name: /Cyclophosphamide/ }).textContent()).toMatch(/960 mg/);
    expect(await preview.getByLabel('Body size used').textContent()).toMatch(/IBW \(Devine\)not applicable/);
    expect(await preview.textContent()).not.toMatch(NEGATIVE_AMOUNT);
    const prescribe = page.getByRole('button', { name: 'Prescribe' });
    expect(await prescribe.isDisabled()).toBe(true);
    expect(await page.getByText('Resolve the blocking findings above to prescribe.').isVisible()).toBe(true);
    await shot('conditioning-safety-1-ibw-child-blocked');

    // The server refuses it as well (a disabled button is not the control).
    const direct = await post<{ code: string; errors: { path: string }[] }>(
      physician,
      'physician',
      `/episodes/${episodeId}/conditioning-plans`,
      { templateId: 'bucy2', options: { weightBasis: { '0': 'ibw' } } }
    );
    expect(direct.status).toBe(422);
    expect(direct.body.code).toBe('blocking-finding');
    expect(direct.body.errors.map((e) => e.path)).toEqual(['options.weightBasis.0']);

    // A weight typed as a negative number or as text is refused naming the field, not turned into "not given".
    const weight = page.getByLabel('Weight today (kg)');
    await weight.fill('-5');
    await page.getByText('weight must be at least 0.3 kg').first().waitFor();
    await weight.fill('4e');
    await expect
      .poll(async () => (await page.getByText(/not a number|weight must be a number/i).count()) > 0)
      .toBe(true);
    await weight.fill('');

    // On the template's basis (actual weight): 0.8 mg/kg × 16 kg = 12.8 mg, and the paediatric dose needs a reason.
    await page.getByLabel('Weight for busulfan').selectOption('abw');
    await expect.poll(() => preview.getByTestId('blocking-findings').count()).toBe(0);
    expect(await preview.getByTestId('confirm-findings').textContent()).toMatch(
      /Busulfan 0.8 mg\/kg is the adult dose and the patient is 4 y/
    );
    expect(await doses.getByRole('row', { name: /Busulfan/ }).textContent()).toMatch(/12\.8 mg/);
    await expect.poll(() => prescribe.isDisabled()).toBe(false);
    await prescribe.click();
    const confirm = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await confirm.waitFor();
    await confirm.getByRole('textbox').first().fill('Protocol APBMT-2024 v3: 0.8 mg/kg IV above 12 kg');
    await shot('conditioning-safety-2-confirm-paediatric-busulfan');
    await confirm.getByRole('button', { name: 'Confirm with reason' }).click();

    await page.getByTestId('awaiting-verification').waitFor();
    const calendar = page.getByRole('table', { name: /^Calendar D-7/ });
    expect(await calendar.locator('[data-day="D-7"]').textContent()).toMatch(/Bu 12\.8 mg ×4/);
    expect(await page.getByRole('region', { name: 'Current plan' }).textContent()).not.toMatch(NEGATIVE_AMOUNT);
    await shot('conditioning-safety-3-prescribed-calendar');
  });
});
