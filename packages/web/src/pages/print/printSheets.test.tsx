import type { BedsideOverview, Infusion, WorkItem, Worklist } from '@engraft/domain';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EPISODE_ID, PATIENT_ID, patientRecord } from '../../components/patient/testFixtures';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { HandoverPrint } from './HandoverPrint';
import { InfusionRecordPrint } from './InfusionRecordPrint';
import { TransplantSummaryPrint } from './TransplantSummaryPrint';

// The three printable sheets (issue 18): the patient (or the ward) in the sheet's <thead>, which the browser repeats
// at the top of every printed page; the Print button and the way back in a .no-print bar (hidden by app.css in print).

/** The running header: the first row of the sheet's table head. */
const runningHeader = () => {
  const sheet = document.querySelector('table.print-sheet');
  expect(sheet).not.toBeNull();
  return sheet!.querySelector(':scope > thead') as HTMLElement;
};
const printBarHoldsTheButtons = () => {
  const print = screen.getByRole('button', { name: 'Print' });
  expect(print.closest('.no-print')).not.toBeNull();
  expect(document.querySelector('table.print-sheet button')).toBeNull();
};

describe('Transplant summary sheet', () => {
  const url = `/patients/${PATIENT_ID}/print/summary`;
  const path = '/patients/:patientId/print/summary';

  it('heads every page with the patient, and lists the diagnoses and the episode’s events by day', async () => {
    server.use(http.get(`${API}/patients/${PATIENT_ID}`, () => HttpResponse.json(patientRecord())));
    await renderPage(<TransplantSummaryPrint />, { url, path });
    expect(await screen.findByRole('heading', { name: 'Transplant summary' })).toBeTruthy();
    const header = runningHeader();
    expect(header.textContent).toContain('OKAFOR, Ngozi');
    expect(header.textContent).toContain('MRN SYN-300');
    expect(header.textContent).toContain('ABO/Rh B+');
    expect(header.textContent).toContain('Weight 64 kg');
    expect(header.textContent).toMatch(/Born 14 Feb 1975/);
    const events = screen.getAllByRole('table')[2]!;
    expect(within(events).getByRole('row', { name: /Admitted for conditioning/ }).textContent).toContain('4 Dec 2026');
    printBarHoldsTheButtons();
  });

  it('says when the patient has no episode', async () => {
    server.use(
      http.get(`${API}/patients/${PATIENT_ID}`, () => HttpResponse.json(patientRecord({ episodes: [], events: [] })))
    );
    await renderPage(<TransplantSummaryPrint />, { url, path });
    expect(await screen.findByText('No episode.')).toBeTruthy();
  });

  it('shows the server’s words when the record cannot be read', async () => {
    server.use(http.get(`${API}/patients/${PATIENT_ID}`, () => problem(404, 'Patient not found.')));
    await renderPage(<TransplantSummaryPrint />, { url, path });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The sheet could not be loaded');
    expect(alert.textContent).toContain('Patient not found.');
  });
});

const bedside = (infusions: Infusion[]): BedsideOverview => ({
  today: '2026-12-06',
  patient: {
    id: PATIENT_ID,
    mrn: 'SYN-300',
    name: 'OKAFOR, Ngozi',
    dateOfBirth: '1975-02-14',
    aboRh: 'B+',
    weightKg: 64,
  },
  episode: {
    id: EPISODE_ID,
    type: 'allogeneic-hct',
    phase: 'infusion',
    plannedDayZero: '2026-12-06',
    actualDayZero: null,
  },
  checks: [],
  infusions,
});
const infusion: Infusion = {
  id: '00000000-0000-4000-8000-0000000000f1',
  episodeId: EPISODE_ID,
  productId: '00000000-0000-4000-8000-0000000000b1',
  bedsideCheckId: '00000000-0000-4000-8000-0000000000c8',
  product: {
    din: 'W0000 26 000001',
    productCode: 'S1398',
    division: '00',
    description: 'HPC, Apheresis',
    kind: 'hpc-a',
  },
  startedAt: '2026-12-06T10:00:00.000Z',
  endedAt: '2026-12-06T10:40:00.000Z',
  volumeMl: 95,
  reactions: ['fever'],
  reactionNote: null,
  weightKg: 64,
  dose: {
    weightKg: 64,
    measures: [
      {
        measure: 'cd34',
        product: 'hpc-a',
        totalCells: 320e6,
        cellsPerKg: 5e6,
        value: 5,
        unit: 'x10^6/kg',
        adequate: true,
        explanation: 'CD34+ 5.00 x10^6/kg',
        ruleId: 'cell-dose@1',
      },
    ],
    cartLabel: null,
    ruleIds: ['cell-dose@1'],
  },
  checkedBy: 'Nurse Rowan',
  confirmedBy: 'Dr Imani',
  startedBy: 'Nurse Rowan',
  completedBy: 'Nurse Rowan',
};

describe('Infusion record sheet', () => {
  const url = `/episodes/${EPISODE_ID}/print/infusion`;
  const path = '/episodes/:episodeId/print/infusion';

  it('shows each infusion with its bag, times, dose in ×10⁶/kg and both bedside signatures, under the patient', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE_ID}/bedside`, () => HttpResponse.json(bedside([infusion]))));
    await renderPage(<InfusionRecordPrint />, { url, path, roles: ['nurse'] });
    const record = await screen.findByRole('region', { name: 'Infusion 1' });
    const header = runningHeader();
    expect(header.textContent).toContain('OKAFOR, Ngozi');
    expect(header.textContent).toContain('MRN SYN-300');
    expect(header.textContent).toContain('Allogeneic HCT');
    expect(header.textContent).toContain('D0');
    const row = (name: string) => within(record).getByRole('row', { name: new RegExp(`^${name}`) }).textContent;
    expect(row('Bag')).toContain('DIN W0000 26 000001 · product code S1398 · division 00');
    expect(row('Started')).toContain('6 Dec 2026 10:00 by Nurse Rowan');
    expect(row('Ended')).toContain('6 Dec 2026 10:40 by Nurse Rowan');
    expect(row('Volume infused')).toContain('95 mL');
    expect(row('Reactions')).toContain('Fever');
    expect(row('Dose')).toContain('CD34+ 5.00 ×10⁶/kg (for 64 kg)');
    // the two people who checked the patient and the bag, each in a signature box
    const boxes = [...record.querySelectorAll('.signature-box')].map((b) => b.textContent);
    expect(boxes).toEqual(['Bedside check performed byNurse Rowan', 'Independently confirmed byDr Imani']);
    printBarHoldsTheButtons();
  });

  it('says when no infusion is recorded', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE_ID}/bedside`, () => HttpResponse.json(bedside([]))));
    await renderPage(<InfusionRecordPrint />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No infusion recorded for this episode.')).toBeTruthy();
  });

  it('shows the server’s words when the episode cannot be read', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE_ID}/bedside`, () => problem(403, 'Not a patient of your centre.')));
    await renderPage(<InfusionRecordPrint />, { url, path, roles: ['nurse'] });
    expect((await screen.findByRole('alert')).textContent).toContain('Not a patient of your centre.');
  });
});

const item = (over: Partial<WorkItem>): WorkItem => ({
  episodeId: EPISODE_ID,
  patientId: PATIENT_ID,
  patient: 'OKAFOR, Ngozi',
  mrn: 'SYN-300',
  day: 'D+12',
  kind: 'labs-overdue',
  severity: 'due',
  label: 'No blood count for 3 days',
  ...over,
});
const worklist = (items: WorkItem[]): Worklist => ({ today: '2026-12-06', phases: [], items, recentlyDone: [] });

describe('Ward handover sheet', () => {
  const url = '/print/handover';

  it('lists each patient once, open alerts first, with what is due today, under the centre and the date', async () => {
    const other = '00000000-0000-4000-8000-0000000000a2';
    server.use(
      http.get(`${API}/worklist`, () =>
        HttpResponse.json(
          worklist([
            item({}),
            item({
              patientId: other,
              patient: 'ROWAN, Ada',
              mrn: 'SYN-301',
              day: 'D+3',
              kind: 'cmv-above-threshold',
              severity: 'alert',
              label: 'CMV 2,400 IU/mL',
            }),
            item({ kind: 'follow-up-due', severity: 'upcoming', label: 'Day 30 visit' }),
            item({ kind: 'report-due', label: 'Day 100 report' }),
          ])
        )
      )
    );
    await renderPage(<HandoverPrint />, { url, roles: ['nurse'] });
    expect(await screen.findByRole('heading', { name: 'Ward handover' })).toBeTruthy();
    const header = runningHeader();
    expect(header.textContent).toContain('Centre Test centre');
    expect(header.textContent).toContain('Date 6 Dec 2026');
    expect(header.textContent).toContain('Patients 2');
    const rows = screen.getAllByRole('row').filter((r) => r.closest('table.sheet-table') && r.querySelector('td'));
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['ROWAN, AdaMRN SYN-301', 'D+3', 'CMV 2,400 IU/mL', '—', ''],
      ['OKAFOR, NgoziMRN SYN-300', 'D+12', '—', 'Blood count overdue: No blood count for 3 days', ''],
    ]);
    printBarHoldsTheButtons();
  });

  it('says when no patient has an alert or a check due today', async () => {
    server.use(http.get(`${API}/worklist`, () => HttpResponse.json(worklist([]))));
    await renderPage(<HandoverPrint />, { url, roles: ['nurse'] });
    expect(await screen.findByText('No patient has an alert or a check due today.')).toBeTruthy();
  });

  it('shows the server’s words when the worklist cannot be read', async () => {
    server.use(http.get(`${API}/worklist`, () => problem(503, 'The database is not reachable.')));
    await renderPage(<HandoverPrint />, { url, roles: ['nurse'] });
    expect((await screen.findByRole('alert')).textContent).toContain('The database is not reachable.');
  });
});
