import type { RegistryReportPreview, RegistryReportSummary, RegistrySubmission } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { RegistriesPage } from './RegistriesPage';

const EPISODE = '00000000-0000-4000-8000-0000000000e1';
const PATIENT = '00000000-0000-4000-8000-0000000000a1';

const report = (over: Partial<RegistryReportSummary> = {}): RegistryReportSummary => ({
  episodeId: EPISODE,
  patientId: PATIENT,
  patient: 'RIVERS, Ada',
  mrn: 'MRN-0042',
  episodeType: 'allogeneic-hct',
  key: 'cibmtr-2450-d100',
  registry: 'cibmtr',
  form: '2450',
  label: 'CIBMTR 2450 day 100',
  day: 100,
  dueDate: '2026-12-10',
  status: 'due',
  required: 12,
  missing: 1,
  lastSubmission: null,
  ...over,
});

const submission = (over: Partial<RegistrySubmission> = {}): RegistrySubmission => ({
  id: '00000000-0000-4000-8000-0000000000f9',
  episodeId: EPISODE,
  key: 'cibmtr-2450-d100',
  registry: 'cibmtr',
  format: 'fhir-json',
  sha256: 'a'.repeat(64),
  bytes: 2048,
  submittedAt: '2026-12-06T10:00:00.000Z',
  submittedBy: 'Test data-manager',
  missingItems: [],
  overrideReason: null,
  ...over,
});

const preview = (missing: number): RegistryReportPreview => ({
  report: report({ missing }),
  missingItems: missing
    ? [{ item: 'agvhd-max', label: 'Maximum acute GVHD grade', detail: 'no assessment recorded', link: '/patients/x' }]
    : [],
  bundle: { resourceType: 'Bundle', type: 'collection', entry: [] },
  medA: null,
  content: { format: 'fhir-json', sha256: 'b'.repeat(64), bytes: 2048 },
  submissions: [],
});

const list = (reports: RegistryReportSummary[]) => ({ today: '2026-12-06', reports });
const reportPath = `${API}/episodes/${EPISODE}/registry-reports/cibmtr-2450-d100`;

async function openReport() {
  await renderPage(<RegistriesPage />, { url: '/registries', roles: ['data-manager'] });
  await userEvent.click(await screen.findByRole('button', { name: 'Open CIBMTR 2450 day 100 of RIVERS, Ada' }));
  return screen.findByRole('article', { name: 'CIBMTR 2450 day 100' }).catch(() => document.body);
}

describe('RegistriesPage', () => {
  it('lists the reports due and opens one with its missing items, each a link to where it is entered', async () => {
    server.use(
      http.get(`${API}/registry-reports`, () => HttpResponse.json(list([report()]))),
      http.get(reportPath, () => HttpResponse.json(preview(1)))
    );
    await openReport();
    expect(await screen.findByText('1 required item(s) missing')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Maximum acute GVHD grade' }).getAttribute('href')).toBe('/patients/x');
    expect(screen.getByText(/due 10 Dec 2026/)).toBeTruthy();
  });

  it('records a report with items missing only with a reason, which is sent', async () => {
    let sent: unknown;
    server.use(
      http.get(`${API}/registry-reports`, () => HttpResponse.json(list([report()]))),
      http.get(reportPath, () => HttpResponse.json(preview(1))),
      http.post(`${reportPath}/submissions`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(submission({ overrideReason: 'GVHD grading pending review' }));
      })
    );
    await openReport();
    await userEvent.click(await screen.findByRole('button', { name: 'Export FHIR Bundle and record as submitted' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit with required items missing' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'too short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record as submitted' }));
    expect(await within(dialog).findByText(/at least 10 characters/)).toBeTruthy();
    expect(sent).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), ' for review');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record as submitted' }));
    await waitFor(() => expect(sent).toEqual({ overrideReason: 'too short for review' }));
  });

  it("records a complete report with an empty body, and shows the server's refusal", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(`${API}/registry-reports`, () => HttpResponse.json(list([report({ missing: 0 })]))),
      http.get(reportPath, () => HttpResponse.json(preview(0))),
      http.post(`${reportPath}/submissions`, async ({ request }) => {
        bodies.push(await request.json());
        return problem(409, 'The episode was closed meanwhile: re-open the report.');
      })
    );
    await openReport();
    expect(await screen.findByText('Every required item is recorded.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Export FHIR Bundle and record as submitted' }));
    expect(await screen.findByText('The episode was closed meanwhile: re-open the report.')).toBeTruthy();
    expect(bodies).toEqual([{}]);
  });

  it('shows the empty list, and no export for a role that does not report', async () => {
    server.use(http.get(`${API}/registry-reports`, () => HttpResponse.json(list([]))));
    await renderPage(<RegistriesPage />, { url: '/registries', roles: ['auditor'] });
    expect(await screen.findByText('No reports match.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Batch export/i })).toBeNull();
    expect(screen.queryByText(/Export .* and record as submitted/)).toBeNull();
  });

  it("shows the server's message when the reports cannot be read", async () => {
    server.use(http.get(`${API}/registry-reports`, () => problem(403, 'Registry reports are for data managers.')));
    await renderPage(<RegistriesPage />, { url: '/registries', roles: ['nurse'] });
    expect((await screen.findByRole('alert')).textContent).toContain('Registry reports are for data managers.');
  });
});
