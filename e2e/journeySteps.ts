// The steps of a whole care journey (issue 7) in the browser, shared by e2e/journeys.e2e.test.ts (autologous HCT,
// CAR-T) and e2e/donorSearchRegistry.e2e.test.ts (allogeneic HCT from an unrelated donor, which needs the
// registry server). Every step is done through the pages, as the role that does it on the ward or in the lab.
import path from 'node:path';
import { mod37CheckOf } from '@engraft/domain';
import { type Page, request } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS, signInAs } from './browser';

export const isoDaysFromToday = (days: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A datetime-local value `days` from today at `time` (the browser runs in UTC). */
export const when = (days: number, time: string): string => `${isoDaysFromToday(days)}T${time}`;

const yy = new Date().toISOString().slice(2, 4);
const run = String(Date.now() % 10_000).padStart(4, '0');
/** A DIN unique to this run: facility W9999, this year, sequence 8<journey><run> (13 characters, no check). */
export const dinOf = (journey: number, bag = 0): string =>
  `W9999${yy}8${journey}${String((Number(run) + bag * 1000) % 10_000).padStart(4, '0')}`;
/** The eye-readable DIN with its check character, as printed under the bar code. */
export const eyeReadable = (din: string): string =>
  `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)} ${mod37CheckOf(din)}`;
export const uniqueMrn = (prefix: string): string => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

/** Signs in as another person, as at another workstation: a fresh session on the sign-in page (e2e/browser.ts). */
export const signIn = signInAs;

/** Full-page screenshot without the transient notifications. */
export async function shot(page: Page, name: string): Promise<void> {
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

export interface NewPatient {
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  aboRh: string;
  weightKg: number;
  heightCm: number;
  disease: string;
  subtype?: string;
  diseaseStatus: string;
}

/** Registers the patient with a diagnosis on the New patient page; returns the patient id. */
export async function registerPatient(page: Page, p: NewPatient): Promise<string> {
  await page.goto('/patients');
  await page.getByRole('link', { name: 'New patient' }).click();
  await page.getByRole('heading', { name: 'New patient' }).waitFor();
  await page.getByLabel('MRN').fill(p.mrn);
  await page.getByLabel('Family name').fill(p.familyName);
  await page.getByLabel('Given name').fill(p.givenName);
  await page.getByLabel('Date of birth').fill(p.dateOfBirth);
  await page.getByLabel('Sex').selectOption(p.sex);
  await page.getByLabel('ABO / Rh').selectOption(p.aboRh);
  await page.getByLabel('Weight (kg)').fill(String(p.weightKg));
  await page.getByLabel('Height (cm)').fill(String(p.heightCm));
  await page.getByRole('combobox', { name: 'Disease', exact: true }).selectOption(p.disease);
  if (p.subtype) await page.getByLabel('Subtype / risk').fill(p.subtype);
  await page.getByLabel('Diagnosis date').fill(isoDaysFromToday(-300));
  await page.getByLabel('Disease status').selectOption(p.diseaseStatus);
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: `${p.familyName.toUpperCase()}, ${p.givenName}`, level: 1 }).waitFor();
  return page.url().split('/').at(-1)!;
}

/** Opens an episode from the patient page; returns the episode id (from the care-journey links). */
export async function openEpisode(page: Page, type: string, plannedDayZero: string, protocol: string): Promise<string> {
  await page.getByRole('button', { name: 'Open episode' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open episode' });
  await dialog.getByLabel('Episode type').selectOption(type);
  await dialog.getByLabel('Planned day 0').fill(plannedDayZero);
  await dialog.getByLabel('Protocol / trial').fill(protocol);
  await dialog.getByRole('button', { name: 'Open episode' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const href = await page.getByRole('link', { name: 'Donor & collection' }).first().getAttribute('href');
  return href!.split('/')[2]!;
}

/** Plans a collection on the episode's Donor & collection page (reached from the patient page). */
export async function planCollection(
  page: Page,
  patientId: string,
  o: { method?: string; mobilisation?: string; donor?: RegExp }
): Promise<void> {
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('link', { name: 'Donor & collection' }).first().click();
  await page.getByRole('heading', { name: 'Donor & collection' }).waitFor();
  const plan = page.getByRole('form', { name: 'Plan a collection' });
  if (o.method) await plan.getByLabel('Method').selectOption(o.method);
  if (o.donor) {
    const value = await plan
      .getByLabel('From donor')
      .locator('option')
      .filter({ hasText: o.donor })
      .filter({ hasNotText: 'Choose…' })
      .first()
      .getAttribute('value');
    await plan.getByLabel('From donor').selectOption(value);
  }
  if (o.mobilisation) await plan.getByLabel('Mobilisation').fill(o.mobilisation);
  await plan.getByRole('button', { name: 'Plan collection' }).click();
}

export interface Day {
  date: string;
  volumeL: number;
  cd34E6?: number;
  bag?: { din: string; volumeMl: number; productCode?: string };
}

/** Records one collection day (optionally with its bag) on the open Donor & collection page. */
export async function recordDay(page: Page, d: Day): Promise<void> {
  const dayForm = page.getByRole('form', { name: /Record (an apheresis day|the collection)/ }).first();
  await dayForm.waitFor();
  await dayForm.getByLabel('Date').fill(d.date);
  await dayForm.getByLabel('Processed volume (L)').fill(String(d.volumeL));
  if (d.cd34E6 != null) await dayForm.getByLabel('CD34+ collected (×10⁶ cells)').fill(String(d.cd34E6));
  if (d.bag) {
    await dayForm.getByLabel('Bag DIN (with check character)').fill(eyeReadable(d.bag.din));
    if (d.bag.productCode) await dayForm.getByLabel('Product code').fill(d.bag.productCode);
    await dayForm.getByLabel('Bag volume (mL)').fill(String(d.bag.volumeMl));
  }
  await dayForm.getByRole('button', { name: 'Record day' }).click();
  await page
    .getByRole('cell', { name: formatDay(d.date), exact: true })
    .first()
    .waitFor();
  if (d.bag) await page.getByRole('link', { name: `Product page of bag ${d.bag.din}` }).waitFor();
}

/**
 * The processing lab on the product page (already open): `lab` records cryopreservation (or nothing for a
 * received CAR-T product), storage, a negative culture and the first release signature; `lab2` confirms.
 */
export async function labProcessAndRelease(
  page: Page,
  o: { cryopreserve: boolean; store?: boolean; viabilityQc?: number; shotPrefix: string }
): Promise<void> {
  const productUrl = page.url();
  await signIn(page, 'lab');
  await page.goto(productUrl);
  if (o.cryopreserve) {
    const processing = page.getByRole('form', { name: 'Processing step', exact: true });
    await processing.getByLabel('Step').selectOption('cryopreservation');
    await processing.getByLabel('Viability (%)').fill('96');
    await processing.getByRole('button', { name: 'Record step' }).click();
    await page.getByText('Cryopreserved / stored', { exact: true }).first().waitFor();
  }
  if (o.store ?? o.cryopreserve) {
    const store = page.getByRole('form', { name: /^(Store|Move in storage)$/ });
    await store.getByLabel('Freezer / tank').fill('LN2 tank 3');
    await store.getByLabel('Rack').fill('2');
    await store.getByLabel('Box').fill('J');
    await store.getByLabel('Position').fill('7');
    await store.getByRole('button', { name: /^(Store|Move)$/ }).click();
    await page.getByTestId('storage').filter({ hasText: 'LN2 tank 3 · rack 2 · box J · position 7' }).waitFor();
  }
  const qc = page.getByRole('form', { name: 'QC result', exact: true });
  if (o.viabilityQc != null) {
    // Viability measured by the lab (or, for a received product, from its certificate of analysis) as a QC result.
    await qc.getByLabel('Test').selectOption('viability');
    await qc.getByLabel('Value').fill(String(o.viabilityQc));
    await qc.getByLabel('Unit').fill('%');
    await qc.getByRole('button', { name: 'Record result' }).click();
    await page
      .getByRole('region', { name: 'QC results' })
      .getByText(new RegExp(`${o.viabilityQc}`))
      .first()
      .waitFor();
  }
  await qc.getByLabel('Test').selectOption('sterility');
  await qc.getByLabel('Outcome').selectOption('negative');
  await qc.getByRole('button', { name: 'Record result' }).click();
  await page.getByRole('region', { name: 'QC results' }).getByText('negative').waitFor();
  await page
    .getByRole('form', { name: 'Release', exact: true })
    .getByRole('button', { name: 'Request release (first signature)' })
    .click();
  await page.getByText('Release was requested by Demo lab.').waitFor();
  await shot(page, `${o.shotPrefix}-release-requested`);

  await signIn(page, 'lab2');
  await page.goto(productUrl);
  await page
    .getByRole('form', { name: 'Release', exact: true })
    .getByRole('button', { name: 'Confirm release (second signature)' })
    .click();
  await page.getByText('Released for infusion', { exact: true }).first().waitFor();
  await expect(
    page
      .getByRole('region', { name: 'History' })
      .getByRole('row')
      .filter({ hasText: 'Released (2nd signature)' })
      .innerText()
  ).resolves.toContain('Demo lab 2');
  await shot(page, `${o.shotPrefix}-released`);
}

/** The lab thaws the released product on its product page. */
export async function labThaw(page: Page, productUrl: string): Promise<void> {
  await signIn(page, 'lab');
  await page.goto(productUrl);
  await page.getByRole('form', { name: 'Thaw', exact: true }).getByRole('button', { name: 'Record thaw' }).click();
  await page.getByText('Thawed', { exact: true }).first().waitFor();
}

/** The coordinator moves the episode to a phase on the patient page (admission for conditioning, …). */
export async function movePhase(page: Page, patientId: string, phase: string, label: string): Promise<void> {
  await signIn(page, 'coordinator');
  await page.goto(`/patients/${patientId}?tab=forms`);
  await page.getByRole('button', { name: 'Change phase…' }).click();
  const drawer = page.getByRole('dialog', { name: 'Move the episode to another phase' });
  await drawer.getByLabel('Move to phase').selectOption(phase);
  await drawer.getByRole('button', { name: 'Move', exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page
    .getByRole('cell', { name: `Phase: ${label}` })
    .first()
    .waitFor();
}

/** `physician` prescribes the regimen, `physician2` verifies it. */
export async function prescribeAndVerify(
  page: Page,
  patientId: string,
  o: { link: 'Conditioning' | 'Lymphodepletion'; template: string; shotPrefix: string }
): Promise<void> {
  await signIn(page, 'physician');
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('link', { name: o.link, exact: true }).first().click();
  await page.waitForURL('**/conditioning');
  // The page is named as its link: lymphodepletion before a cell therapy, conditioning before an HCT (issue 18).
  await page.getByRole('heading', { level: 1, name: o.link, exact: true }).waitFor();
  await page.getByLabel('Regimen template').selectOption(o.template);
  await page.getByRole('region', { name: 'Computed plan (not saved)' }).waitFor();
  await page.getByRole('button', { name: 'Prescribe' }).click();
  await page.getByTestId('awaiting-verification').waitFor();
  const url = page.url();
  await signIn(page, 'physician2');
  await page.goto(url);
  await page.getByRole('button', { name: 'Verify plan' }).click();
  await page.getByRole('region', { name: 'Current plan' }).getByText('Verified (active)').first().waitFor();
  await shot(page, `${o.shotPrefix}-verified`);
}

/** Types like a bar-code scanner into the focused field: the characters, then Enter. */
async function scanInto(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByRole('textbox', { name: label });
  const id = await field.getAttribute('id');
  await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(id);
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

export interface Scan {
  mrn: string;
  din: string;
  productCode: string;
  coi?: string;
}

export async function scanAll(page: Page, v: Scan): Promise<void> {
  await page.getByRole('textbox', { name: 'Scan patient wristband (MRN)' }).focus();
  await scanInto(page, 'Scan patient wristband (MRN)', v.mrn);
  await scanInto(page, 'Scan product DIN', v.din);
  await scanInto(page, 'Product code', v.productCode);
  await scanInto(page, 'Division', '00');
  if (v.coi !== undefined) await scanInto(page, 'Chain of Identity (COI)', v.coi);
}

/**
 * The bedside as the nurse: the wrong bag first (another patient's DIN) → red STOP with the reason; then the
 * right bag → match; a physician confirms as the second person on the same tablet; the infusion is started and
 * its end recorded; the patient page shows the actual day 0.
 */
export async function bedside(
  page: Page,
  patientId: string,
  o: { right: Scan; wrong: Scan; volumeMl: number; shotPrefix: string }
): Promise<void> {
  await signIn(page, 'nurse');
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('link', { name: 'Bedside infusion' }).click();
  await page.getByRole('heading', { name: 'Bedside infusion' }).waitFor();
  await page.getByText('No infusion recorded yet.').waitFor();

  await scanAll(page, o.wrong);
  const result = page.getByTestId('bedside-result');
  await expect.poll(() => result.textContent()).toContain('STOP — do not infuse');
  expect(await result.textContent()).toContain('This product is intended for another patient. Do not infuse.');
  await shot(page, `${o.shotPrefix}-bedside-stop`);

  await scanAll(page, o.right);
  await expect.poll(() => result.textContent()).toContain('Match — ready for second check');
  await shot(page, `${o.shotPrefix}-bedside-match`);
  await page.getByRole('button', { name: 'Second person: confirm' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Your username').fill('physician');
  await dialog.getByLabel('Your password').fill('demo-physician-pass');
  await dialog.getByRole('button', { name: 'Confirm the match' }).click();
  await expect.poll(() => result.textContent()).toContain('Match — confirmed by two people');

  await page.getByRole('button', { name: 'Start infusion' }).click();
  const running = page.getByRole('region', { name: /Infusing:/ });
  await running.getByLabel('Volume infused (mL)').fill(String(o.volumeMl));
  await shot(page, `${o.shotPrefix}-bedside-infusing`);
  await running.getByRole('button', { name: 'Record end of infusion' }).click();
  await expect.poll(() => page.getByRole('region', { name: /Infusing:/ }).count()).toBe(0);
  const table = page.getByRole('region', { name: 'Infusions' });
  await expect.poll(() => table.textContent()).toContain(`${o.volumeMl} mL`);
  expect(await table.textContent()).toContain('Demo nurse / Demo physician');
  await shot(page, `${o.shotPrefix}-bedside-recorded`);

  await page.goto(`/patients/${patientId}`);
  const day0 = page.getByText(/Actual day 0:/);
  await expect.poll(() => day0.textContent()).toContain(`Actual day 0: ${formatDay(isoDaysFromToday(0))}`);
}

/** The date as the web formats it (en-GB, e.g. 26 Nov 2026). */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}

/** The texts of the patient's timeline table (what happened, by day), on the patient page's Timeline tab. */
export async function timelineTexts(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('img', { name: /^Timeline of the/ }).waitFor();
  return (await page.locator('table').allInnerTexts()).join('\n');
}

export interface LabReader {
  /** A product as printed on its bag (DIN, product code), read through the lab's API. */
  product(id: string): Promise<{ din: string; productCode: string; patientId: string }>;
  /** A bag of ANOTHER patient that exists in the centre (released, thawed or stored): the wrong bag at a bedside. */
  otherPatientsBag(patientId: string): Promise<{ din: string; productCode: string }>;
  dispose(): Promise<void>;
}

/**
 * What the test needs to know about bags that a nurse reads off the label in the room: read through the lab's API
 * (not a step of the journey; every step is done in the browser).
 */
export async function labReader(baseUrl: string): Promise<LabReader> {
  const ctx = await request.newContext({ baseURL: baseUrl });
  await ctx.post('/api/v1/session', { data: { username: 'lab', password: 'demo-lab-pass' } });
  return {
    async product(id) {
      return (
        (await (await ctx.get(`/api/v1/products/${id}`)).json()) as {
          product: { din: string; productCode: string; patientId: string };
        }
      ).product;
    },
    async otherPatientsBag(patientId) {
      const list = (await (await ctx.get('/api/v1/products')).json()) as {
        products: { din: string; productCode: string; status: string; patient: { id: string } }[];
      };
      const other = list.products.find(
        (p) => p.patient.id !== patientId && ['released', 'thawed', 'stored'].includes(p.status)
      );
      if (!other) throw new Error('no bag of another patient in the centre');
      return other;
    },
    dispose: () => ctx.dispose(),
  };
}
