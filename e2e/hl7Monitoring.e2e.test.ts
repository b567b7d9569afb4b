// Issue 17 "Done when": a hospital interface engine sends ADT and ORU over MLLP and the results are on the monitoring
// charts. The engine registers a patient (ADT^A04), the team opens an allogeneic episode and records day 0, the
// laboratory sends twenty days of counts (ORU^R01, one message a day); a nurse sees the engraftment markers on the
// charts, and the FHIR API serves the same engraftment date (ADR 0704).
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adt, oru } from '../packages/server/src/testing/hl7Messages';
import { openBrowser, screenshot, signInAs } from './browser';

const baseUrl = inject('baseUrl');
const mllpPort = inject('mllpPort');
let browser: Browser;
let page: Page;
let api: APIRequestContext;
let csrf = '';
const mrn = `E2E-MON-${Date.now().toString(36).toUpperCase()}`;
const patient = { mrn, family: 'Chartwell', given: 'Olu', dob: '1979-08-09', sex: 'M' };

const daysFromToday = (days: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function send(text: string): Promise<string> {
  const client = new Hl7Client({ host: '127.0.0.1', port: mllpPort });
  try {
    return (await client.sendAndWait(Hl7Message.parse(text))).getSegment('MSA')!.getField(1).toString();
  } finally {
    await client.close();
  }
}

async function post<T>(url: string, data: unknown): Promise<T> {
  const res = await api.post(`/api/v1${url}`, { data, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  api = await request.newContext({ baseURL: baseUrl });
  const res = await api.post('/api/v1/session', { data: { username: 'physician', password: 'demo-physician-pass' } });
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  ({ browser, page } = await openBrowser(baseUrl));
});
afterAll(async () => {
  await api?.dispose();
  await browser?.close();
});

describe('hospital feed to the monitoring charts in Chromium', () => {
  it(
    'ADT^A04 registers the patient; ORU^R01 counts over MLLP show as engraftment on the charts and in FHIR',
    { timeout: 180_000 },
    async () => {
      expect(await send(adt('A04', `E2E-ADT-${mrn}`, patient))).toBe('AA');
      const found = await api.get(`/api/v1/patients?q=${mrn}`);
      const patientId = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
      const dx = await post<{ id: string }>(`/patients/${patientId}/diagnoses`, {
        disease: 'AML',
        diagnosisDate: daysFromToday(-200),
        status: 'CR1',
      });
      const episode = await post<{ id: string }>(`/patients/${patientId}/episodes`, {
        type: 'allogeneic-hct',
        diagnosisId: dx.id,
        plannedDayZero: daysFromToday(-20),
      });
      await post(`/episodes/${episode.id}/phase`, { phase: 'infusion', date: daysFromToday(-20) });
      // ANC >= 0.5 from D+13 (engraftment D+13); platelets >= 20 from D+16; one CBC message a day.
      for (let day = 1; day <= 20; day++) {
        const date = daysFromToday(day - 20);
        const anc = day < 11 ? 0.05 : day < 13 ? 0.3 : Number((0.6 + (day - 13) * 0.3).toFixed(1));
        const plt = day < 16 ? 8 + (day % 4) * 3 : 22 + (day - 16) * 9;
        const counts = [
          { loinc: '751-8', value: String(anc), unit: '10*9/L', date },
          { loinc: '777-3', value: String(plt), unit: '10*9/L', date },
        ];
        expect(await send(oru(`E2E-CBC-${mrn}-${day}`, patient, `FIL-${mrn}-${day}`, counts))).toBe('AA');
      }

      await signInAs(page, 'nurse');
      await page.goto(`/patients/${patientId}?tab=monitoring`);
      const section = page.getByRole('region', { name: 'Monitoring', exact: true });
      await section.getByTestId('anc-chart').getByText('Neutrophil engraftment D+13', { exact: true }).waitFor();
      await section.getByTestId('platelet-chart').getByText('Platelet engraftment D+16', { exact: true }).waitFor();
      await section
        .getByRole('table', { name: 'Recent results, newest first' })
        .getByRole('row')
        .filter({ hasText: 'D+20' })
        .waitFor();
      await screenshot(page, 'hl7-counts-on-monitoring-charts');

      const fhir = await api.get(`/fhir/R4/Observation?patient=${patientId}&code=neutrophil-engraftment`);
      expect(fhir.status()).toBe(200);
      const bundle = (await fhir.json()) as { entry: { resource: { valueDateTime: string } }[] };
      expect(bundle.entry.map((e) => e.resource.valueDateTime)).toEqual([daysFromToday(-7)]);
    }
  );
});
