// The bedside infusion check in a real browser (issue 7; ADR 0540): a nurse scans the wrong bag (another
// patient's DIN) at the demo autologous patient's bedside and gets a red STOP with the reason; then the right bag
// → green match; a physician signs as the second person on the same tablet; the infusion is recorded with its
// cell dose per kg; the patient page shows the actual day 0; the team's Today page lists the refused scan.
import { type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, SHOTS, signInAs } from './browser';
import path from 'node:path';

const baseUrl = inject('baseUrl');
const yy = new Date().toISOString().slice(2, 4);
const AUTO = { mrn: 'SYN-INF-01', din: `W0000${yy}900001`, productCode: 'S1398' };
const CART = { din: `W0000${yy}900002`, productCode: 'S2200' };

/** ISO/IEC 7064 MOD 37-2 keyboard check character (ICCBBA ST-001 v6.2.2 Appendix A). */
function checkCharacter(din: string): string {
  const CH = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
  let p = 0;
  for (const c of din) p = ((p + CH.indexOf(c)) * 2) % 37;
  return CH[(38 - p) % 37]!;
}

let browser: Browser;
let page: Page;
let episodeId = '';
let patientId = '';

beforeAll(async () => {
  const api = await request.newContext({ baseURL: baseUrl });
  await api.post('/api/v1/session', { data: { username: 'nurse', password: 'demo-nurse-pass' } });
  const list = (await (await api.get(`/api/v1/patients?q=${AUTO.mrn}`)).json()) as {
    items: { id: string; episode: { id: string } | null }[];
  };
  patientId = list.items[0]!.id;
  episodeId = list.items[0]!.episode!.id;
  await api.dispose();
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await browser?.close();
});

/** Closes the notifications so they do not cover the page in a screenshot. */
async function shot(name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) {
    await close.click().catch(() => undefined);
  }
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 3_000 })
    .catch(() => undefined);
  await screenshot(page, name);
}

/** Types like a bar-code scanner: the characters, then Enter. */
async function scanInto(label: string, value: string): Promise<void> {
  const field = page.getByRole('textbox', { name: label });
  const id = await field.getAttribute('id');
  await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(id);
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

async function scanAll(v: { mrn: string; din: string; productCode: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Scan patient wristband (MRN)' }).focus();
  await scanInto('Scan patient wristband (MRN)', v.mrn);
  await scanInto('Scan product DIN', v.din);
  await scanInto('Product code', v.productCode);
  await scanInto('Division', '00');
}

describe('bedside infusion', () => {
  it('opens the bedside page from the patient page', async () => {
    await signInAs(page, 'nurse');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('link', { name: 'Bedside infusion' }).click();
    await page.waitForURL(`**/episodes/${episodeId}/bedside`);
    await expect.poll(() => page.getByRole('heading', { name: 'Bedside infusion' }).count()).toBe(1);
    await expect.poll(() => page.getByText('No infusion recorded yet.').count()).toBe(1);
  });

  it('refuses another patient’s bag with a red STOP and the reason', async () => {
    await scanAll({ mrn: AUTO.mrn, din: `=${CART.din}00`, productCode: CART.productCode });
    const result = page.getByTestId('bedside-result');
    await expect.poll(() => result.textContent()).toContain('STOP — do not infuse');
    expect(await result.textContent()).toContain('This product is intended for another patient. Do not infuse.');
    // Nothing about the other patient is shown.
    expect(await page.content()).not.toContain('SYN-INF-02');
    await shot('infusion-stop');
    await result.screenshot({ path: path.join(SHOTS, 'infusion-stop-banner.png') });
  });

  it('another patient’s DIN with this bag’s product code: the first reason shown is that the bag is another patient’s (issue 13)', async () => {
    await scanAll({ mrn: AUTO.mrn, din: CART.din, productCode: AUTO.productCode });
    const result = page.getByTestId('bedside-result');
    await expect.poll(() => result.textContent()).toContain('STOP — do not infuse');
    const reasons = result.getByRole('listitem');
    await expect.poll(() => reasons.count()).toBe(2);
    expect(await reasons.nth(0).textContent()).toBe('This product is intended for another patient. Do not infuse.');
    expect(await reasons.nth(1).textContent()).toContain('is not the product code of the bag with this DIN');
    expect(await page.content()).not.toContain('SYN-INF-02');
    await shot('infusion-stop-other-patient-first');
  });

  it('matches the right bag (eye-readable DIN with its check character)', async () => {
    const eye = `${AUTO.din.slice(0, 5)} ${AUTO.din.slice(5, 7)} ${AUTO.din.slice(7)} ${checkCharacter(AUTO.din)}`;
    await scanAll({ mrn: AUTO.mrn.toLowerCase(), din: eye, productCode: AUTO.productCode });
    const result = page.getByTestId('bedside-result');
    await expect.poll(() => result.textContent()).toContain('Match — ready for second check');
    await shot('infusion-match');
  });

  it('takes the second person’s signature on the same tablet, then records the infusion with its dose per kg', async () => {
    await page.getByRole('button', { name: 'Second person: confirm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your username').fill('nurse');
    await dialog.getByLabel('Your password').fill('demo-nurse-pass');
    await dialog.getByRole('button', { name: 'Confirm the match' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('different person');
    await dialog.getByLabel('Your username').fill('physician');
    await dialog.getByLabel('Your password').fill('demo-physician-pass');
    await dialog.getByRole('button', { name: 'Confirm the match' }).click();
    const result = page.getByTestId('bedside-result');
    await expect.poll(() => result.textContent()).toContain('Match — confirmed by two people');
    expect(await result.textContent()).toContain('second check by Demo physician');

    await page.getByRole('button', { name: 'Start infusion' }).click();
    const running = page.getByRole('region', { name: /Infusing: HPC, Apheresis/ });
    await expect.poll(() => running.textContent()).toContain('5.00 ×10⁶/kg CD34+');
    await running.getByLabel('Volume infused (mL)').fill('95');
    await shot('infusion-running');
    await running.getByRole('button', { name: 'Record end of infusion' }).click();
    await expect.poll(() => page.getByRole('region', { name: /Infusing:/ }).count()).toBe(0);
    const table = page.getByRole('region', { name: 'Infusions' });
    await expect.poll(() => table.textContent()).toContain('95 mL');
    expect(await table.textContent()).toContain('Demo nurse / Demo physician');
    await shot('infusion-recorded');
  });

  it('shows the actual day 0 on the patient page, and the refused scan on the timeline and Today', async () => {
    await page.getByRole('link', { name: /ROWAN, Bedside demo/ }).click();
    await page.waitForURL(`**/patients/${patientId}`);
    const day0 = page.getByText(/Actual day 0:/);
    await expect.poll(() => day0.textContent()).not.toContain('not yet');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect
      .poll(() => page.getByText('Bedside check refused: product intended for another patient').count())
      .toBeGreaterThan(0);
    await shot('infusion-patient-day0');
    await page.goto('/today');
    await expect
      .poll(() => page.getByText(/Bedside check refused: product intended for another patient/).count())
      .toBeGreaterThan(0);
  });
});
