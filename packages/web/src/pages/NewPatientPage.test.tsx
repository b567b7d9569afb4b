import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { diagnosis, PATIENT_ID, patientRecord } from '../components/patient/testFixtures';
import { renderPage } from '../testing/renderPage';
import { API, confirmFirst, http, HttpResponse, problem, server } from '../testing/server';
import { NewPatientPage } from './NewPatientPage';

const patient = patientRecord().patient;

/** The new-patient page, and where it sends the user (with the notice it passes on). */
function Pages() {
  return (
    <Routes>
      <Route path="new" element={<NewPatientPage />} />
      <Route path=":id" element={<Arrived />} />
    </Routes>
  );
}
function Arrived() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return <p data-testid="arrived">{`${location.pathname}${notice ? ` · ${notice}` : ''}`}</p>;
}

async function fill() {
  const form = screen.getByRole('form', { name: 'New patient' });
  await userEvent.type(within(form).getByRole('textbox', { name: /MRN/ }), 'SYN-300');
  await userEvent.type(within(form).getByRole('textbox', { name: 'Family name' }), 'Okafor');
  await userEvent.type(within(form).getByRole('textbox', { name: 'Given name' }), 'Ngozi');
  await userEvent.type(within(form).getByLabelText(/Date of birth/), '1975-02-14');
  await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Sex' }), 'female');
  await userEvent.type(within(form).getByRole('textbox', { name: /Weight/ }), '260');
  await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'CMV IgG serostatus' }), 'positive');
  await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Disease' }), 'AML');
  await userEvent.type(within(form).getByLabelText(/Diagnosis date/), '2026-05-04');
  await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Disease status' }), 'CR1');
  await userEvent.click(within(form).getByRole('button', { name: 'Register patient' }));
}

describe('New patient page', () => {
  it('registers the patient (an unusual weight only with a reason) and then the first diagnosis', async () => {
    const bodies: Record<string, unknown>[] = [];
    let diagnosisSent: unknown = null;
    server.use(
      http.post(
        `${API}/patients`,
        confirmFirst(bodies, [{ path: 'weightKg', message: 'weight 260 kg is above the usual range (2–200 kg)' }], () =>
          HttpResponse.json({ ...patient, weightKg: 260 }, { status: 201 })
        )
      ),
      http.post(`${API}/patients/${PATIENT_ID}/diagnoses`, async ({ request }) => {
        diagnosisSent = await request.json();
        return HttpResponse.json(diagnosis, { status: 201 });
      })
    );
    await renderPage(<Pages />, { url: '/patients/new', path: '/patients/*', roles: ['coordinator'] });
    await fill();
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /above the usual range/ }), 'bariatric scale');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    expect((await screen.findByTestId('arrived')).textContent).toBe(`/patients/${PATIENT_ID}`);
    expect(bodies[0]).toEqual({
      mrn: 'SYN-300',
      familyName: 'Okafor',
      givenName: 'Ngozi',
      dateOfBirth: '1975-02-14',
      sex: 'female',
      aboRh: 'unknown',
      cmv: 'positive',
      weightKg: 260,
      heightCm: null,
      confirmations: [],
    });
    expect(bodies[1]!.confirmations).toEqual([{ field: 'weightKg', reason: 'bariatric scale' }]);
    expect(diagnosisSent).toEqual({ disease: 'AML', diagnosisDate: '2026-05-04', status: 'CR1' });
    expect(screen.getByText('Patient registered')).toBeTruthy();
  }, 60_000);

  it('sends the user to the record with what to do when the diagnosis is refused', async () => {
    server.use(
      http.post(`${API}/patients`, () => HttpResponse.json(patient, { status: 201 })),
      http.post(`${API}/patients/${PATIENT_ID}/diagnoses`, () => problem(503, 'The database is busy.'))
    );
    await renderPage(<Pages />, { url: '/patients/new', path: '/patients/*', roles: ['coordinator'] });
    await fill();
    expect((await screen.findByTestId('arrived')).textContent).toBe(
      `/patients/${PATIENT_ID} · The patient was registered, but the diagnosis was not saved (The database is busy.). Add the diagnosis below.`
    );
  });

  it('shows the server’s refusal next to the field and registers nothing more', async () => {
    server.use(
      http.post(`${API}/patients`, () =>
        problem(409, 'A patient with this MRN exists.', [{ path: 'mrn', message: 'MRN SYN-300 is already registered' }])
      )
    );
    await renderPage(<Pages />, { url: '/patients/new', path: '/patients/*', roles: ['coordinator'] });
    await fill();
    await screen.findByText('The patient was not registered; see the messages next to the fields.');
    await waitFor(() => expect(screen.getByText('MRN SYN-300 is already registered')).toBeTruthy());
    expect(screen.queryByTestId('arrived')).toBeNull();
  });

  it('says the server’s words when the refusal names no field', async () => {
    server.use(http.post(`${API}/patients`, () => problem(403, 'Your role cannot register patients.')));
    await renderPage(<Pages />, { url: '/patients/new', path: '/patients/*', roles: ['coordinator'] });
    await fill();
    expect(await screen.findByText('The patient was not registered: Your role cannot register patients.')).toBeTruthy();
  });

  it('tells a nurse that registering is not for their role', async () => {
    await renderPage(<Pages />, { url: '/patients/new', path: '/patients/*', roles: ['nurse'] });
    expect(
      screen.getByText('Your roles cannot register patients. Ask a coordinator, physician or data manager.')
    ).toBeTruthy();
  });
});
