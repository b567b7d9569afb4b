// Administered conditioning doses in a real browser (issue 17 §1, ADR 0702): a physician prescribes Flu/Mel for a
// demo allogeneic patient, a second physician verifies it, and a nurse records the first fludarabine dose from the
// conditioning calendar's page; the dose appears in "Doses given" and through the API.
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
const contexts: APIRequestContext[] = [];

/** An API session of a demo account, with its CSRF token. */
async function apiAs(username: string) {
  const ctx = await request.newContext({ baseURL: baseUrl });
  contexts.push(ctx);
  const res = await ctx.post('/api/v1/session', { data: { username, password: `demo-${username}-pass` } });
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    get: async <T>(url: string): Promise<T> => {
      const r = await ctx.get(`/api/v1${url}`);
      if (!r.ok()) throw new Error(`${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
    post: async <T>(url: string, data: unknown = {}): Promise<T> => {
      const r = await ctx.post(`/api/v1${url}`, { data: data as object, headers: { 'x-csrf-token': csrf } });
      if (!r.ok()) throw new Error(`${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  for (const c of contexts) await c.dispose();
  await browser?.close();
});

describe('administered conditioning doses in Chromium', () => {
  it('a nurse records the first fludarabine dose of a verified Flu/Mel plan from the conditioning page', async () => {
    const physician = await apiAs('physician');
    const list = await physician.get<{
      today: string;
      items: { id: string; dateOfBirth: string; episode: { id: string; type: string; dayZero: string } | null }[];
    }>('/patients?limit=200');
    const adultBorn = `${Number(list.today.slice(0, 4)) - 18}${list.today.slice(4)}`;
    let target: { patientId: string; episodeId: string } | null = null;
    // From the end of the list: conditioning.e2e.test.ts takes the first such patient.
    for (const p of [...list.items].reverse()) {
      if (p.episode?.type !== 'allogeneic-hct' || p.episode.dayZero <= list.today || p.dateOfBirth > adultBorn) {
        continue;
      }
      const ctx = await physician.get<{ plans: unknown[]; patient: { heightCm: number | null } }>(
        `/episodes/${p.episode.id}/conditioning-plans`
      );
      if (ctx.plans.length === 0 && ctx.patient.heightCm) {
        target = { patientId: p.id, episodeId: p.episode.id };
        break;
      }
    }
    if (!target) throw new Error('no demo allogeneic patient without a conditioning plan');
    const plan = await physician.post<{
      id: string;
      computed: { agents: { agent: string; amountPerAdministration: number }[] };
    }>(`/episodes/${target.episodeId}/conditioning-plans`, { templateId: 'flu-mel140' });
    await (await apiAs('physician2')).post(`/conditioning-plans/${plan.id}/verify`);
    const flu = plan.computed.agents.find((a) => a.agent === 'fludarabine')!;

    await signInAs(page, 'nurse');
    await page.goto(`/episodes/${target.episodeId}/conditioning`);
    await page.getByRole('table', { name: /^Calendar D-6/ }).waitFor();
    await page.getByRole('button', { name: 'Record a dose' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a dose' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Dose line').inputValue()).toBe('0:-6:1');
    expect(await dialog.getByLabel('Amount given').inputValue()).toBe(String(flu.amountPerAdministration));
    await screenshot(page, 'conditioning-administration-1-dialog');
    await dialog.getByRole('button', { name: 'Save dose' }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Doses given' });
    await table.waitFor();
    expect(await table.textContent()).toMatch(/D-6.*Fludarabine.*Given as planned/);
    await screenshot(page, 'conditioning-administration-2-recorded');
    const given = await physician.get<{ items: { agent: string; day: number; outcome: string; recordedBy: string }[] }>(
      `/conditioning-plans/${plan.id}/administrations`
    );
    expect(given.items).toEqual([
      expect.objectContaining({
        agent: 'fludarabine',
        day: -6,
        outcome: 'as-planned',
        recordedBy: expect.stringMatching(/nurse/i),
      }),
    ]);
  });
});
