// Whole care journeys in a real browser (issue 7), each from a NEW patient registered in the browser, every step
// done through the pages by the role that does it: autologous HCT for myeloma and CAR-T (axi-cel) for large
// B-cell lymphoma. The allogeneic journey from an unrelated donor needs the registry server and lives in
// e2e/donorSearchRegistry.e2e.test.ts. Screenshots: test-output/screenshots/journey-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser } from './browser';
import {
  bedside,
  dinOf,
  eyeReadable,
  isoDaysFromToday,
  type LabReader,
  labReader,
  labProcessAndRelease,
  labThaw,
  movePhase,
  openEpisode,
  planCollection,
  prescribeAndVerify,
  recordDay,
  registerPatient,
  shot,
  signIn,
  timelineTexts,
  uniqueMrn,
  when,
} from './journeySteps';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let lab: LabReader;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
  lab = await labReader(baseUrl);
});
afterAll(async () => {
  await lab?.dispose();
  await browser?.close();
});

/** The DIN of the autologous journey's bag: the wrong product at the CAR-T bedside. */
let autologousBag: { din: string; productCode: string } | null = null;

describe('autologous HCT for myeloma, whole journey', () => {
  const mrn = uniqueMrn('J1');
  const din = dinOf(1);
  let patientId = '';
  let productUrl = '';

  it('the coordinator registers the patient, opens the episode and records apheresis until the CD34+ target', async () => {
    await signIn(page, 'coordinator');
    patientId = await registerPatient(page, {
      mrn,
      familyName: 'Hazelmere',
      givenName: 'Ivo',
      dateOfBirth: '1962-06-14',
      sex: 'male',
      aboRh: 'A+',
      weightKg: 80,
      heightCm: 176,
      disease: 'MM',
      subtype: 'IgG kappa, R-ISS II',
      diseaseStatus: 'PR',
    });
    await openEpisode(page, 'autologous-hct', isoDaysFromToday(0), 'Mel200 ASCT (synthetic)');
    await planCollection(page, patientId, { mobilisation: 'G-CSF + plerixafor' });
    // Day 1: 2.5 ×10^6/kg, one bag; day 2: 2.0 ×10^6/kg more reaches the target of 4, second bag.
    await recordDay(page, { date: isoDaysFromToday(-14), volumeL: 18, cd34E6: 200, bag: { din, volumeMl: 250 } });
    const status = page.getByTestId('cd34-status').first();
    await status.getByText('Another day needed — minimum reached, target not yet').waitFor();
    await recordDay(page, {
      date: isoDaysFromToday(-13),
      volumeL: 20,
      cd34E6: 160,
      bag: { din: dinOf(1, 1), volumeMl: 230 },
    });
    await status.getByText('Target reached — no further day needed').waitFor();
    expect(await status.textContent()).toMatch(/4\.50 ×10⁶ CD34\+\/kg/);
    await page.getByRole('button', { name: 'Mark collection complete' }).click();
    await page.getByText('Complete', { exact: true }).first().waitFor();
    await shot(page, 'journey-auto-1-collection');
  });

  it('the lab cryopreserves, stores, tests and releases the first bag with two lab users', async () => {
    // From the collection day to its bag's product page.
    await page.getByRole('link', { name: `Product page of bag ${din}` }).click();
    await page.getByRole('heading', { name: /HPC, Apheresis/ }).waitFor();
    productUrl = page.url();
    await labProcessAndRelease(page, { cryopreserve: true, shotPrefix: 'journey-auto-2-lab' });
    autologousBag = await lab.product(productUrl.split('/').at(-1)!);
  });

  it('a physician prescribes Mel200, a second physician verifies it, and the lab thaws the bag', async () => {
    await movePhase(page, patientId, 'conditioning', 'Conditioning');
    await prescribeAndVerify(page, patientId, {
      link: 'Conditioning',
      template: 'mel200',
      shotPrefix: 'journey-auto-3-mel200',
    });
    expect(await page.getByRole('table', { name: /^Calendar/ }).textContent()).toMatch(/Mel \d+ mg/);
    await labThaw(page, productUrl);
    await shot(page, 'journey-auto-4-thawed');
  });

  it('the nurse scans another patient’s bag (STOP), then the right one, and records the infusion: day 0 is set', async () => {
    const other = await lab.otherPatientsBag(patientId);
    await bedside(page, patientId, {
      wrong: { mrn, din: `=${other.din}00`, productCode: other.productCode },
      right: { mrn, din: eyeReadable(din), productCode: autologousBag!.productCode },
      volumeMl: 240,
      shotPrefix: 'journey-auto-5',
    });
    const timeline = await timelineTexts(page);
    for (const step of [
      /collection/i,
      /released/i,
      /Conditioning Mel200 verified/,
      /Bedside check refused: product intended for another patient/,
      /[Ii]nfusion/,
    ]) {
      expect(timeline).toMatch(step);
    }
    await shot(page, 'journey-auto-6-patient-day0');
  });
});

describe('CAR-T (axicabtagene ciloleucel) for large B-cell lymphoma, whole journey', () => {
  const mrn = uniqueMrn('J3');
  const leukDin = dinOf(3);
  const cartDin = dinOf(3, 1);
  let patientId = '';
  let coi = '';
  let productUrl = '';

  it('the coordinator registers the patient, opens the episode and records the leukapheresis', async () => {
    await signIn(page, 'coordinator');
    patientId = await registerPatient(page, {
      mrn,
      familyName: 'Larchwood',
      givenName: 'Mira',
      dateOfBirth: '1970-02-03',
      sex: 'female',
      aboRh: 'B+',
      weightKg: 68,
      heightCm: 165,
      disease: 'NHL',
      subtype: 'Large B-cell lymphoma (DLBCL)',
      diseaseStatus: 'relapse',
    });
    await openEpisode(page, 'car-t', isoDaysFromToday(0), 'axi-cel 2L (synthetic)');
    await planCollection(page, patientId, { method: 'leukapheresis' });
    await recordDay(page, { date: isoDaysFromToday(-24), volumeL: 12, bag: { din: leukDin, volumeMl: 180 } });
    await page.getByRole('button', { name: 'Mark collection complete' }).click();
    await page.getByText('Complete', { exact: true }).first().waitFor();
    await shot(page, 'journey-cart-1-leukapheresis');
  });

  it('orders axi-cel, follows it with custody hand-overs and receives the product with the right CoI', async () => {
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('link', { name: 'Manufacturing', exact: true }).click();
    await page.getByRole('heading', { name: 'Manufacturing', level: 1 }).waitFor();
    await page.getByPlaceholder('Choose the product').click();
    await page.getByRole('option', { name: /Yescarta \(axicabtagene ciloleucel\)/ }).click();
    await page.getByLabel('Collection slot').fill(isoDaysFromToday(-24));
    await page.getByLabel('Ordered at').fill(when(-28, '09:00'));
    await page.getByRole('button', { name: 'Place order' }).click();
    const coiBox = page.getByTestId('coi');
    await coiBox.waitFor();
    coi = (await coiBox.getAttribute('aria-label'))!.replace('Chain of Identity ', '');
    const status = page.getByTestId('order-status');
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
      await page.getByRole('cell', { name: to }).first().waitFor();
    };
    await step('Mark slot confirmed', when(-27, '11:00'), 'Slot confirmed');
    await step('Mark collected (leukapheresis)', when(-24, '08:00'), 'Collected (leukapheresis)');
    await hand('Apheresis unit', 'Cell therapy laboratory', when(-24, '10:00'), '4');
    await hand('Cell therapy laboratory', 'World Courier', when(-23, '07:00'), '4');
    await step('Mark shipped to manufacturer', when(-23, '07:30'), 'Shipped to manufacturer');
    await hand('World Courier', 'Kite (Gilead)', when(-23, '20:00'), '5');
    await step('Mark in manufacturing', when(-22, '09:00'), 'In manufacturing');
    await step('Mark shipped to centre', when(-3, '09:00'), 'Shipped to centre');
    await hand('Kite (Gilead)', 'World Courier', when(-3, '09:30'), '-160');

    const receipt = page.getByRole('region', { name: 'Receive the product' });
    await receipt.getByLabel('CoI on the product').fill(coi);
    await receipt.getByLabel('DIN').fill(cartDin);
    await receipt.getByLabel('Product code').fill('S1295');
    await receipt.getByLabel('CAR+ viable T cells (×10⁶)').fill('130');
    await receipt.getByLabel('Volume (mL)').fill('68');
    await receipt.getByRole('button', { name: 'Receive product' }).click();
    await expect.poll(() => status.textContent()).toBe('Received');
    expect(await page.getByTestId('dose-check').textContent()).toMatch(/^within label range/);
    await shot(page, 'journey-cart-2-received');
    // From the order to the received product's page, where the lab releases and thaws it.
    await page.getByRole('link', { name: /Open the product page/ }).click();
    await page.waitForURL('**/products/**');
    productUrl = page.url();
  });

  it('the lab releases the product with two lab users; physicians prescribe and verify Flu/Cy; the lab thaws it', async () => {
    await labProcessAndRelease(page, {
      cryopreserve: false,
      store: true,
      viabilityQc: 92,
      shotPrefix: 'journey-cart-3-lab',
    });
    await movePhase(page, patientId, 'conditioning', 'Conditioning');
    await prescribeAndVerify(page, patientId, {
      link: 'Lymphodepletion',
      template: 'cart-flu30-cy500',
      shotPrefix: 'journey-cart-4-flucy',
    });
    await labThaw(page, productUrl);
  });

  it('the nurse scans the autologous journey’s bag (STOP), then the right product with its CoI, and infuses: day 0 and vein-to-vein', async () => {
    expect(autologousBag).not.toBeNull();
    const { productCode } = await lab.product(productUrl.split('/').at(-1)!);
    await bedside(page, patientId, {
      wrong: { mrn, din: eyeReadable(autologousBag!.din), productCode: autologousBag!.productCode, coi },
      right: { mrn, din: `=${cartDin}00`, productCode, coi },
      volumeMl: 68,
      shotPrefix: 'journey-cart-5',
    });
    const timeline = await timelineTexts(page);
    for (const step of [
      /Manufacturing ordered: Yescarta/,
      /Lymphodepletion|Flu\/Cy/,
      /Bedside check refused: product intended for another patient/,
      /[Ii]nfusion/,
    ]) {
      expect(timeline).toMatch(step);
    }
    await shot(page, 'journey-cart-6-patient-day0');
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('link', { name: 'Manufacturing', exact: true }).click();
    await page.getByTestId('vein-to-vein').waitFor();
    expect(await page.getByTestId('vein-to-vein').textContent()).toMatch(/24 days/);
    expect(await page.getByTestId('vein-to-vein').textContent()).not.toMatch(/so far/);
    await shot(page, 'journey-cart-7-vein-to-vein');
  });
});
