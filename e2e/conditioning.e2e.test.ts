// Conditioning in a real browser (issue 7): a physician prescribes Flu/Mel for a demo allogeneic patient, the
// plan awaits verification, the same physician cannot verify it, a second physician verifies it, and the
// printable calendar is shown on screen and in print media.
import path from 'node:path';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
let csrf = '';

async function get<T>(url: string): Promise<T> {
  const res = await apiCtx.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const signIn = (username: string): Promise<void> => signInAs(page, username);

async function shot(name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 3_000 })
    .catch(() => undefined);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
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

/** A demo adult allogeneic patient with day 0 ahead and no conditioning plan yet. */
async function demoAllogeneicPatient(): Promise<{ patientId: string; episodeId: string }> {
  const list = await get<{
    today: string;
    items: { id: string; dateOfBirth: string; episode: { id: string; type: string; dayZero: string } | null }[];
  }>('/patients?limit=200');
  const adultBorn = `${Number(list.today.slice(0, 4)) - 18}${list.today.slice(4)}`;
  for (const p of list.items) {
    if (p.episode?.type !== 'allogeneic-hct' || p.episode.dayZero <= list.today || p.dateOfBirth > adultBorn) continue;
    const ctx = await get<{ plans: unknown[]; patient: { heightCm: number | null } }>(
      `/episodes/${p.episode.id}/conditioning-plans`
    );
    if (ctx.plans.length === 0 && ctx.patient.heightCm) return { patientId: p.id, episodeId: p.episode.id };
  }
  throw new Error('no demo allogeneic patient without a conditioning plan');
}

describe('conditioning in Chromium', () => {
  it('prescribes Flu/Mel, refuses verification by the prescriber, is verified by a second physician and prints a calendar', async () => {
    const { patientId, episodeId } = await demoAllogeneicPatient();
    await signIn('physician');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('link', { name: 'Conditioning', exact: true }).first().click();
    await page.waitForURL(`**/episodes/${episodeId}/conditioning`);

    await page.getByLabel('Regimen template').selectOption('flu-mel140');
    const preview = page.getByRole('region', { name: 'Computed plan (not saved)' });
    await preview.waitFor();
    await expect
      .poll(() => preview.getByRole('table', { name: 'Doses by drug' }).textContent())
      .toMatch(/Fludarabine.*Melphalan/);
    expect(await preview.getByTestId('intensity').textContent()).toMatch(/RIC/);
    await shot('conditioning-1-prescribe-preview');
    await page.getByRole('button', { name: 'Prescribe' }).click();

    const awaiting = page.getByTestId('awaiting-verification');
    await awaiting.waitFor();
    expect(await awaiting.textContent()).toMatch(/You prescribed this version, so another physician must verify it/);
    expect(await page.getByRole('button', { name: 'Verify plan' }).count()).toBe(0);
    await shot('conditioning-2-awaiting-verification');

    // The server refuses the prescriber's own verification too (not only the hidden button).
    const ctx = await get<{ plans: { id: string; status: string }[] }>(`/episodes/${episodeId}/conditioning-plans`);
    const planId = ctx.plans[0]!.id;
    expect(ctx.plans[0]!.status).toBe('draft');
    const own = await apiCtx.post(`/api/v1/conditioning-plans/${planId}/verify`, { headers: { 'x-csrf-token': csrf } });
    expect(own.status()).toBe(409);
    expect(((await own.json()) as { detail: string }).detail).toMatch(/second user/);

    await signIn('physician2');
    await page.goto(`/episodes/${episodeId}/conditioning`);
    await page.getByRole('button', { name: 'Verify plan' }).click();
    await page.getByRole('region', { name: 'Current plan' }).getByText('Verified (active)').first().waitFor();
    expect(await page.getByTestId('awaiting-verification').count()).toBe(0);
    expect(await page.getByText('verified by').first().textContent()).toMatch(/Demo physician 2/);

    const calendar = page.getByRole('table', { name: /^Calendar D-6 to D\+7$/ });
    await calendar.waitFor();
    expect(await calendar.locator('[data-day="D-1"]').textContent()).toMatch(/Mel \d+ mg/);
    expect(await calendar.locator('[data-day="D-6"]').textContent()).toMatch(/Flu \d+(\.\d)? mg/);
    expect(await calendar.locator('[data-day="D0"]').textContent()).toMatch(/Cell infusion/);
    expect(await page.getByRole('button', { name: 'Print' }).count()).toBe(1);
    await shot('conditioning-3-verified-calendar');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mantine-AppShell-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('.print-only').first().textContent()).toMatch(
      /Conditioning calendar: Flu\/Mel140.*MRN SYN-/s
    );
    await shot('conditioning-4-print');
    await page.emulateMedia({ media: 'screen' });

    // A change needs a reason and makes version 2, which must be verified again (by someone else).
    await page.getByRole('button', { name: 'Change…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Override Melphalan per dose').fill('180');
    await dialog.getByLabel('Reason for the Melphalan override').fill('creatinine clearance 40 mL/min: Mel 100 mg/m²');
    await dialog.getByRole('region', { name: 'Computed plan (not saved)' }).getByText('override (computed').waitFor();
    const save = dialog.getByRole('button', { name: 'Save new version' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason for the change').fill('renal function worse');
    await shot('conditioning-5-change-dialog');
    await save.click();
    await page.getByTestId('awaiting-verification').waitFor();
    expect(await page.getByRole('region', { name: 'Current plan' }).textContent()).toMatch(
      /version 2.*change: renal function worse/s
    );
    expect(
      await page
        .getByRole('table', { name: /^Calendar/ })
        .locator('[data-day="D-1"]')
        .textContent()
    ).toMatch(/Mel 180 mg/);
    expect(await page.getByTestId('awaiting-verification').textContent()).toMatch(/You prescribed this version/);

    // The timeline shows the steps.
    await page.goto(`/patients/${patientId}?tab=timeline`);
    await page
      .getByRole('cell', { name: /Conditioning Flu\/Mel140 verified/ })
      .first()
      .waitFor();
  });
});
