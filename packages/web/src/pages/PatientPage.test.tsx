import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EPISODE_ID, PATIENT_ID, patientRecord } from '../components/patient/testFixtures';
import { renderPage } from '../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../testing/server';
import { PatientPage } from './PatientPage';

const path = '/patients/:patientId';
const url = (tab?: string) => `/patients/${PATIENT_ID}${tab ? `?tab=${tab}` : ''}`;
const noHla = http.get(`${API}/patients/${PATIENT_ID}/hla`, () => HttpResponse.json({ current: null, versions: [] }));

describe('Patient page', () => {
  it('shows the patient in the banner and the summary of the episode', async () => {
    server.use(
      http.get(`${API}/patients/${PATIENT_ID}`, () => HttpResponse.json(patientRecord())),
      noHla
    );
    await renderPage(<PatientPage />, { url: url(), path, roles: ['physician'] });
    expect(await screen.findByRole('heading', { name: /OKAFOR, Ngozi/ })).toBeTruthy();
    expect(screen.getAllByText(/SYN-300/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/Acute myeloid leukemia/).length).toBeGreaterThan(0);
    expect(screen.getByRole('tab', { name: 'Summary', selected: true })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open episode' })).toBeTruthy();
  });

  it('records a timeline event and shows it once the record is read again', async () => {
    let record = patientRecord();
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.get(`${API}/patients/${PATIENT_ID}`, () => HttpResponse.json(record)),
      http.post(`${API}/episodes/${EPISODE_ID}/events`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        const event = {
          id: '00000000-0000-4000-8000-0000000000f2',
          episodeId: EPISODE_ID,
          date: '2026-12-06',
          kind: 'note',
          label: 'Family meeting held',
          recordedBy: 'Test physician',
          createdAt: '2026-12-06T10:00:00.000Z',
        };
        record = { ...record, events: [...record.events, event] };
        return HttpResponse.json(event, { status: 201 });
      })
    );
    await renderPage(<PatientPage />, { url: url('timeline'), path, roles: ['physician'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Record event…' }));
    const form = await screen.findByRole('form', { name: 'Record an event' });
    await userEvent.type(within(form).getByLabelText('What happened'), 'Family meeting held');
    await userEvent.click(within(form).getByRole('button', { name: 'Add event' }));
    expect(await screen.findByText('Event recorded')).toBeTruthy();
    expect(await screen.findByRole('cell', { name: 'Family meeting held' })).toBeTruthy();
    expect(sent).toEqual({ date: '2026-12-06', kind: 'note', label: 'Family meeting held' });
    expect(csrf).toBe('test-csrf-token');
  });

  it('says when the patient has no episode yet', async () => {
    server.use(
      http.get(`${API}/patients/${PATIENT_ID}`, () => HttpResponse.json(patientRecord({ episodes: [], events: [] })))
    );
    await renderPage(<PatientPage />, { url: url('timeline'), path, roles: ['nurse'] });
    expect(await screen.findByText('No transplant or cell-therapy episode yet.')).toBeTruthy();
  });

  it('says the patient is not found on a 404', async () => {
    server.use(http.get(`${API}/patients/${PATIENT_ID}`, () => problem(404, 'Patient not found.')));
    await renderPage(<PatientPage />, { url: url(), path, roles: ['nurse'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Patient not found');
    expect(alert.textContent).toContain('There is no patient with this address in your centre.');
  });

  it('shows the server’s words when the record cannot be read', async () => {
    server.use(
      http.get(`${API}/patients/${PATIENT_ID}`, () => problem(503, 'The database is not reachable; try again.'))
    );
    await renderPage(<PatientPage />, { url: url(), path, roles: ['nurse'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the patient');
    expect(alert.textContent).toContain('The database is not reachable; try again.');
  });
});
