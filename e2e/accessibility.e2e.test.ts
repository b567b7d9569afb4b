// Accessibility and layout of every page (issue 18), as a transplant team would meet them: each route of
// packages/web/src/App.tsx (every tab of the patient page) at desktop 1440 px and phone 390 px, as a role that may
// see it. axe-core (WCAG 2.x A/AA rules) must find no critical and no serious violation, and no page may be wider
// than the screen (the nurse's tablet or phone scrolls down, never sideways). Screenshots go to
// test-output/screenshots/a11y-*.png to look at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS, signInAs } from './browser';

const baseUrl = inject('baseUrl');
// Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') refuses a script tag.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let page: Page;
let apiCtx: APIRequestContext;
const ids = { patient: '', allo: '', auto: '', cart: '', product: '' };

interface Rec {
  episodes: { id: string; type: string }[];
}

beforeAll(async () => {
  apiCtx = await request.newContext({ baseURL: baseUrl });
  await apiCtx.post('/api/v1/session', { data: { username: 'physician', password: 'demo-physician-pass' } });
  const list = (await (await apiCtx.get('/api/v1/patients?limit=100')).json()) as { items: { id: string }[] };
  for (const p of list.items) {
    const rec = (await (await apiCtx.get(`/api/v1/patients/${p.id}`)).json()) as Rec;
    for (const e of rec.episodes) {
      if (e.type === 'allogeneic-hct' && !ids.allo) [ids.allo, ids.patient] = [e.id, p.id];
      if (e.type === 'autologous-hct' && !ids.auto) ids.auto = e.id;
      if (e.type === 'car-t' && !ids.cart) ids.cart = e.id;
    }
  }
  const lab = (await (await apiCtx.get('/api/v1/products')).json()) as { products: { id: string }[] };
  ids.product = lab.products[0]?.id ?? '';
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await apiCtx?.dispose();
  await browser?.close();
});

interface Target {
  name: string;
  role: string | null;
  path: () => string;
}

const PATIENT_TABS = ['summary', 'timeline', 'products', 'monitoring', 'forms'];
const TARGETS: Target[] = [
  { name: 'login', role: null, path: () => '/login' },
  { name: 'today-nurse', role: 'nurse', path: () => '/today' },
  { name: 'patients', role: 'physician', path: () => '/patients' },
  { name: 'patient-new', role: 'physician', path: () => '/patients/new' },
  ...PATIENT_TABS.map((tab) => ({
    name: `patient-${tab}`,
    role: 'physician',
    path: () => `/patients/${ids.patient}?tab=${tab}`,
  })),
  { name: 'calculators', role: 'physician', path: () => '/calculators' },
  { name: 'outcomes', role: 'data-manager', path: () => '/outcomes' },
  { name: 'donor-search', role: 'hla', path: () => `/episodes/${ids.allo}/donor-search` },
  { name: 'cells', role: 'coordinator', path: () => `/episodes/${ids.auto}/cells` },
  { name: 'conditioning', role: 'physician', path: () => `/episodes/${ids.auto}/conditioning` },
  { name: 'manufacturing', role: 'coordinator', path: () => `/episodes/${ids.cart}/manufacturing` },
  { name: 'bedside', role: 'nurse', path: () => `/episodes/${ids.auto}/bedside` },
  { name: 'lab', role: 'lab', path: () => '/lab' },
  { name: 'product', role: 'lab', path: () => `/products/${ids.product}` },
  { name: 'settings', role: 'admin', path: () => '/settings' },
  { name: 'users', role: 'admin', path: () => '/admin/users' },
  { name: 'hl7-review', role: 'admin', path: () => '/hl7/review' },
  { name: 'not-found', role: 'physician', path: () => '/no-such-page' },
  { name: 'print-summary', role: 'physician', path: () => `/patients/${ids.patient}/print/summary` },
  { name: 'print-infusion', role: 'nurse', path: () => `/episodes/${ids.auto}/print/infusion` },
  { name: 'print-handover', role: 'nurse', path: () => '/print/handover' },
];

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

let signedInAs: string | null = 'none';
async function visit(t: Target): Promise<void> {
  if (t.role !== signedInAs) {
    if (t.role) await signInAs(page, t.role);
    else await page.context().clearCookies();
    signedInAs = t.role;
  }
  await page.goto(t.path());
  await page.locator('h1:visible').first().waitFor();
  // Let the page's data arrive (loaders gone) before judging it.
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 15_000 }).toBe(0);
}

/**
 * Known gaps, measured when this test was added (2026-12-06): the page, the width and the axe-core rule ids (or
 * "overflow") still to fix on it. A problem not listed here fails the test; a listed gap that is no longer found is
 * reported so it can be removed (the list only shrinks). Issue 18 stays open until it is empty.
 */
const KNOWN_GAPS: Record<string, readonly string[]> = {
  'today-nurse@1440': ['color-contrast'],
  'today-nurse@390': ['color-contrast', 'overflow'],
  'patient-monitoring@1440': ['color-contrast'],
  'patient-monitoring@390': ['color-contrast', 'overflow'],
  'donor-search@1440': ['color-contrast'],
  'donor-search@390': ['color-contrast'],
  'conditioning@1440': ['link-in-text-block'],
  'conditioning@390': ['link-in-text-block'],
  'manufacturing@1440': ['color-contrast'],
  'manufacturing@390': ['color-contrast', 'overflow'],
  'product@390': ['overflow'],
  'print-summary@390': ['overflow'],
  'print-handover@390': ['overflow'],
};

async function axeSerious(): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate<AxeResult>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`
  );
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`
    );
}

describe('every page is accessible and fits the screen', () => {
  for (const vp of VIEWPORTS) {
    for (const t of TARGETS) {
      it(`${t.name} at ${vp.width} px: no critical or serious axe-core violation, no sideways scrolling`, async () => {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await visit(t);
        const problems = await axeSerious();
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth'
        );
        if (overflow > 1) problems.push(`overflow: the page is ${overflow} px wider than the screen`);
        await page.mouse.move(0, 0);
        await page.screenshot({ path: path.join(SHOTS, `a11y-${vp.name}-${t.name}.png`), fullPage: true });
        const known = KNOWN_GAPS[`${t.name}@${vp.width}`] ?? [];
        const ruleOf = (p: string): string => (p.startsWith('overflow') ? 'overflow' : (p.split(' ')[1] ?? p));
        const fixed = known.filter((k) => !problems.some((p) => ruleOf(p) === k));
        if (fixed.length) {
          console.warn(`${t.name}@${vp.width}: no longer found, remove from KNOWN_GAPS: ${fixed.join(', ')}`);
        }
        expect(problems.filter((p) => !known.includes(ruleOf(p)))).toEqual([]);
      });
    }
  }

  it('at 390 px the navigation opens from the burger and Sign out is on screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, 'physician');
    await page.goto('/patients');
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const box = await signOut.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.getByRole('button', { name: 'Open the navigation' }).click();
    await page.getByRole('navigation', { name: 'Main (menu)' }).getByRole('link', { name: 'Today' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'Open the navigation' }).getAttribute('aria-expanded'))
      .toBe('false');
    expect(await page.getByRole('navigation', { name: 'Main (menu)' }).isVisible()).toBe(false);
  });
});
