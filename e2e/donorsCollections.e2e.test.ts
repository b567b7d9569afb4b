// Donor & collection in a real browser (issue 7): a coordinator opens a demo autologous patient's episode,
// plans a G-CSF apheresis and records two days; the cumulative CD34+/kg first says another day is needed and
// then that the target is reached. A bag DIN with a wrong keyboard check character is refused on the way.
import { mod37CheckOf } from '@engraft/domain';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;

beforeAll(async () => {
  apiCtx = await request.newContext({ baseURL: baseUrl });
  await apiCtx.post('/api/v1/session', { data: { username: 'coordinator', password: 'demo-coordinator-pass' } });
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await apiCtx?.dispose();
  await browser?.close();
});

interface Rec {
  patient: { id: string; weightKg: number | null };
  episodes: { id: string; type: string }[];
}

/** A demo patient with an autologous HCT episode and a recorded weight. */
async function demoAutologous(): Promise<{ patientId: string; episodeId: string; weightKg: number }> {
  const list = (await (await apiCtx.get('/api/v1/patients?limit=100')).json()) as { items: { id: string }[] };
  for (const p of list.items) {
    const rec = (await (await apiCtx.get(`/api/v1/patients/${p.id}`)).json()) as Rec;
    const ep = rec.episodes.find((e) => e.type === 'autologous-hct');
    if (ep && rec.patient.weightKg) return { patientId: p.id, episodeId: ep.id, weightKg: rec.patient.weightKg };
  }
  throw new Error('no demo autologous patient');
}

describe('donor & collection in Chromium', () => {
  it('a coordinator records two apheresis days and sees the cumulative CD34+/kg reach the target', async () => {
    const { patientId, episodeId, weightKg } = await demoAutologous();
    await signInAs(page, 'coordinator');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('link', { name: 'Donor & collection' }).first().click();
    await page.waitForURL(`**/episodes/${episodeId}/cells`);
    await page.getByRole('heading', { name: 'Donor & collection' }).waitFor();
    await expect(page.getByText('The patient is the source').isVisible()).resolves.toBe(true);

    const plan = page.getByRole('form', { name: 'Plan a collection' });
    await plan.getByLabel('Mobilisation').fill('G-CSF + plerixafor');
    await plan.getByRole('button', { name: 'Plan collection' }).click();
    const dayForm = page.getByRole('form', { name: 'Record an apheresis day' }).first();
    await dayForm.waitFor();

    // Day 1 (yesterday): 2.5 ×10^6/kg, bag with a wrong check character first. A day after today is refused (H-COUNT-7).
    const day1 = Math.round(2.5 * weightKg);
    await dayForm.getByLabel('Date').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    const din1 = `W999926${String(Date.now() % 1e6).padStart(6, '0')}`;
    const wrong = mod37CheckOf(din1) === 'A' ? 'B' : 'A';
    await dayForm.getByLabel('Processed volume (L)').fill('18');
    await dayForm.getByLabel('CD34+ collected (×10⁶ cells)').fill(String(day1));
    await dayForm.getByLabel('Bag DIN (with check character)').fill(`${din1}${wrong}`);
    await dayForm.getByLabel('Bag volume (mL)').fill('250');
    await dayForm.getByRole('button', { name: 'Record day' }).click();
    await dayForm
      .getByText(`check character ${wrong} does not match computed ${mod37CheckOf(din1)}`)
      .first()
      .waitFor();

    await dayForm.getByLabel('Bag DIN (with check character)').fill(`${din1}${mod37CheckOf(din1)}`);
    await dayForm.getByRole('button', { name: 'Record day' }).click();
    const status = page.getByTestId('cd34-status').first();
    await status.getByText('Another day needed — minimum reached, target not yet').waitFor();
    expect(await status.textContent()).toMatch(/2\.\d\d ×10⁶ CD34\+\/kg: minimum reached; another day is needed/);

    // Day 2 (today): 2.0 ×10^6/kg more reaches the target of 4.
    await dayForm.getByLabel('Date').fill(new Date().toISOString().slice(0, 10));
    await dayForm.getByLabel('Processed volume (L)').fill('20');
    await dayForm.getByLabel('CD34+ collected (×10⁶ cells)').fill(String(Math.round(2.0 * weightKg)));
    await dayForm.getByRole('button', { name: 'Record day' }).click();
    await status.getByText('Target reached — no further day needed').waitFor();
    expect(await status.textContent()).toMatch(/4\.\d\d ×10⁶ CD34\+\/kg/);
    await expect(
      page
        .getByRole('img', { name: /Cumulative CD34\+/ })
        .first()
        .isVisible()
    ).resolves.toBe(true);
    for (const close of await page.locator('.mantine-Notification-root button').all()) {
      await close.click().catch(() => undefined);
    }
    await page
      .locator('.mantine-Notification-root')
      .first()
      .waitFor({ state: 'detached', timeout: 3_000 })
      .catch(() => undefined);
    await screenshot(page, 'donors-collections-apheresis');
  });

  it('shows a demo sibling donor at medically cleared with the work-up stepper', async () => {
    const list = (await (await apiCtx.get('/api/v1/patients?limit=100')).json()) as { items: { id: string }[] };
    let episodeId = '';
    for (const p of list.items) {
      const rec = (await (await apiCtx.get(`/api/v1/patients/${p.id}`)).json()) as Rec;
      for (const e of rec.episodes.filter((x) => x.type === 'allogeneic-hct')) {
        const d = (await (await apiCtx.get(`/api/v1/episodes/${e.id}/donors`)).json()) as {
          donors: { source: string; status: string }[];
        };
        if (d.donors.some((x) => x.source === 'related' && x.status === 'medically-cleared')) episodeId = e.id;
      }
      if (episodeId) break;
    }
    expect(episodeId).not.toBe('');
    await page.goto(`/episodes/${episodeId}/cells`);
    const card = page.getByRole('region', { name: 'Donor and source' });
    await card.getByText('Sibling (brother)').waitFor();
    await expect(card.getByTestId('donor-status').first().textContent()).resolves.toBe('Medically cleared');
    await card.getByRole('button', { name: 'Next: Collection scheduled' }).waitFor();
    await screenshot(page, 'donors-collections-sibling');
  });
});
