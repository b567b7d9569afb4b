// The hospital feed in a real browser (issue 17 §2): the interface engine sends results for a patient Engraft
// does not know yet (held, AE), then registers the patient (ADT^A04); a data manager opens "Hospital feed review",
// applies the held results with a reason, and finds the item under "Applied".
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adt, oru } from '../packages/server/src/testing/hl7Messages';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
const mllpPort = inject('mllpPort');
let browser: Browser;
let page: Page;
const mrn = `E2E-${Date.now().toString(36).toUpperCase()}`;
const patient = { mrn, family: 'Feedwell', given: 'Nora', dob: '1984-05-06', sex: 'F' };
const today = new Date().toISOString().slice(0, 10);

async function send(text: string): Promise<string> {
  const client = new Hl7Client({ host: '127.0.0.1', port: mllpPort });
  try {
    const ack = await client.sendAndWait(Hl7Message.parse(text));
    return ack.getSegment('MSA')!.getField(1).toString();
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await browser?.close();
});

describe('hospital feed review in Chromium', () => {
  it(
    'holds results for an unknown MRN and lets a data manager apply them with a reason',
    { timeout: 120_000 },
    async () => {
      const results = [{ loinc: '751-8', value: '1.4', unit: '10*9/L', date: today }];
      expect(await send(oru(`E2E-ORU-${mrn}`, patient, `FIL-${mrn}`, results))).toBe('AE');
      expect(await send(adt('A04', `E2E-ADT-${mrn}`, patient))).toBe('AA');

      await signInAs(page, 'data-manager');
      await page.getByRole('link', { name: 'Hospital feed review' }).click();
      await page.getByRole('heading', { name: 'Hospital feed review' }).waitFor();
      const item = page.getByRole('article').filter({ hasText: `MRN ${mrn}` });
      await item.getByRole('table', { name: 'Results in the message' }).getByText('1.4 10*9/L').waitFor();
      await screenshot(page, 'hl7-review-open');
      await item.getByRole('button', { name: 'Apply' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason').fill('patient registered by the ward today');
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => item.count()).toBe(0);

      await page.getByText('Applied', { exact: true }).click();
      const applied = page.getByRole('article').filter({ hasText: `MRN ${mrn}` });
      await applied.getByText(/Applied by data-manager: patient registered by the ward today/).waitFor();
    }
  );

  it('is not offered to a nurse', { timeout: 60_000 }, async () => {
    await signInAs(page, 'nurse');
    await page.getByRole('link', { name: 'Patients' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Hospital feed review' }).count()).toBe(0);
  });
});
