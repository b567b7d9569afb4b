// The first slice in a real browser: sign in, register a patient (invalid form first, then valid), open an
// episode with day 0 twelve days ago, and see "D+12" on the patient page timeline and in the list.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, SHOTS } from './browser';

const baseUrl = inject('baseUrl');
const shots = SHOTS;

/** Calendar date `days` from today (UTC; the e2e server runs with TZ=UTC). */
function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

/** Full-page screenshot without the transient success notifications, scrolled to the top. */
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
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe('patient slice in Chromium', () => {
  const mrn = `E2E-${Date.now().toString(36).toUpperCase()}`;

  it('sends a visitor to sign-in and refuses a wrong password', async () => {
    await page.goto('/patients');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in to Engraft' }).waitFor();
    await shot('01-login');
    await page.getByLabel('Username').fill('coordinator');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).textContent()
    ).resolves.toContain('Wrong username or password');
    expect(page.url()).toContain('/login');
    await shot('02-login-wrong-password');
  });

  it('signs in as the coordinator and lists the synthetic patients', async () => {
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo-coordinator-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/patients');
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.getByText('Synthetic demo data').first().waitFor();
    await page.getByText(/Showing 1–20 of \d+ patients/).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(20);
    await shot('03-patient-list');
  });

  it('shows inline messages for an invalid new-patient form', async () => {
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByRole('heading', { name: 'New patient' }).waitFor();
    await page.getByLabel('Date of birth').fill(isoDaysFromToday(30));
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByText('MRN is required').waitFor();
    await page.getByText('Date of birth cannot be in the future').waitFor();
    await page.getByText('Some fields need attention').waitFor();
    expect(await page.getByLabel('MRN').getAttribute('aria-invalid')).toBe('true');
    await shot('04-new-patient-errors');
    expect(page.url()).toMatch(/\/patients\/new$/);
  });

  it('registers the patient with a diagnosis once the form is valid', async () => {
    await page.getByLabel('Family name').fill('Testpatient');
    await page.getByLabel('Given name').fill('Ada');
    await page.getByLabel('Date of birth').fill('1984-03-09');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('ABO / Rh').selectOption('O+');
    await page.getByLabel('Weight (kg)').fill('64.5');
    await page.getByLabel('Height (cm)').fill('168');
    await page.getByRole('combobox', { name: 'Disease', exact: true }).selectOption('AML');
    await page.getByLabel('Diagnosis date').fill(isoDaysFromToday(-120));
    await page.getByLabel('Disease status').selectOption('CR1');
    // An MRN the centre already uses: the server's 409 lands under the MRN field.
    await page.getByLabel('MRN').fill('SYN-01001');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByText(/a patient with MRN SYN-01001 already exists/i).waitFor();
    expect(await page.getByLabel('MRN').getAttribute('aria-invalid')).toBe('true');
    await shot('04b-new-patient-duplicate-mrn');

    await page.getByLabel('MRN').fill(mrn);
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'TESTPATIENT, Ada', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Acute myeloid leukemia' }).waitFor();
  });

  it('opens an episode with day 0 twelve days ago and shows D+12 on the timeline', async () => {
    await page.getByRole('button', { name: 'Open episode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open episode' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Open episode' }).click();
    await dialog.getByText('Required').first().waitFor(); // type and planned day 0 missing
    await dialog.getByLabel('Episode type').selectOption('allogeneic-hct');
    await dialog.getByLabel('Planned day 0').fill(isoDaysFromToday(-12));
    await dialog.getByLabel('Protocol / trial').fill('FLU-MEL-ATG (synthetic)');
    await dialog.getByRole('button', { name: 'Open episode' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const today = page.getByTestId('today-day');
    await today.getByText('D+12').waitFor();
    expect(await today.textContent()).toContain('from planned day 0');
    expect(await page.getByTestId('banner-day').textContent()).toBe('D+12');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.waitForURL(/tab=timeline/);
    const chart = page.getByRole('img', { name: /Timeline of the Allogeneic HCT episode/ });
    await chart.waitFor();
    expect(await chart.locator('text').allTextContents()).toEqual(
      expect.arrayContaining(['Today D+12', 'D-7', 'D0', 'D+100'])
    );

    // Record events on the timeline (behind "Record event…"): admission on D-7 and a milestone today.
    const record = async (date: string, kind: string, what: string) => {
      await page.getByRole('button', { name: 'Record event…' }).click();
      const drawer = page.getByRole('dialog', { name: 'Record an event' });
      await drawer.getByLabel('Event date').fill(date);
      await drawer.getByLabel('Kind').selectOption(kind);
      await drawer.getByLabel('What happened').fill(what);
      await drawer.getByRole('button', { name: 'Add event' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: what }).waitFor();
    };
    await record(isoDaysFromToday(-19), 'admission', 'Admitted for conditioning');
    await record(isoDaysFromToday(0), 'milestone', 'Neutrophils above 0.5 for the first time');
    await page
      .getByRole('row', { name: /Admitted for conditioning/ })
      .getByText('D-7')
      .waitFor();

    // Move the episode on to work-up (Forms tab, "Change phase…").
    await page.getByRole('tab', { name: 'Forms' }).click();
    await page.getByRole('button', { name: 'Change phase…' }).click();
    const phase = page.getByRole('dialog', { name: 'Move the episode to another phase' });
    await phase.getByLabel('Move to phase').selectOption('work-up');
    await phase.getByRole('button', { name: 'Move', exact: true }).click();
    await phase.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('cell', { name: 'Phase: Work-up' }).waitFor();
    await shot('05-patient-page-timeline');
  });

  it('handles a session that ended: sign in again and return to the same page', async () => {
    const patientUrl = page.url();
    await page.context().clearCookies(); // as if the session had expired on the server
    await page.getByRole('button', { name: 'Record event…' }).click();
    await page.getByLabel('What happened').fill('Note after the session ended');
    await page.getByRole('button', { name: 'Add event' }).click();
    await page.waitForURL('**/login');
    await page.getByText('Your session has ended').waitFor();
    await page.getByLabel('Username').fill('coordinator');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo-coordinator-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(patientUrl);
    await page.getByTestId('banner-day').getByText('D+12').waitFor();
  });

  it('finds the new patient by MRN in the list with the day count', async () => {
    await page.getByRole('link', { name: '← Patients' }).click();
    await page.getByLabel('Search patients').fill(mrn);
    const row = page.getByRole('row', { name: new RegExp(mrn) });
    await row.waitFor();
    await page.getByText('Showing 1–1 of 1 patient').waitFor();
    expect(await row.textContent()).toContain('D+12');
    await shot('06-patient-search');
  });

  it('shows an auditor the record without any way to change it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Username').fill('auditor');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo-auditor-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/patients');
    await page.getByText('Auditor (read-only)').waitFor();
    await page.getByLabel('Search patients').fill(mrn);
    await page.getByRole('link', { name: 'TESTPATIENT, Ada' }).click();
    await page.getByTestId('today-day').getByText('D+12').waitFor();
    for (const tab of ['Summary', 'Timeline', 'Forms']) {
      await page.getByRole('tab', { name: tab }).click();
      for (const name of ['New patient', 'Add diagnosis…', 'Open episode', 'Change phase…', 'Record event…']) {
        expect(await page.getByRole('button', { name, exact: true }).count(), `${tab}: ${name}`).toBe(0);
      }
    }
  });
});
