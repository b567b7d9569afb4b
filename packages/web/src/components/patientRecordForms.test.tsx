import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../testing/server';
import { DiagnosisForm } from './DiagnosisForm';
import { EpisodeForm } from './EpisodeForm';
import { diagnosis, episode, PATIENT_ID } from './patient/testFixtures';

const url = `/patients/${PATIENT_ID}`;
const noop = () => {};

describe('Open episode form', () => {
  it('opens an episode for the only diagnosis with its planned day 0', async () => {
    let sent: unknown = null;
    let saved: unknown = null;
    server.use(
      http.post(`${API}/patients/${PATIENT_ID}/episodes`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(episode({ plannedDayZero: '2027-01-15' }), { status: 201 });
      })
    );
    await renderPage(
      <EpisodeForm patientId={PATIENT_ID} diagnoses={[diagnosis]} onSaved={(e) => (saved = e.id)} onCancel={noop} />,
      { url }
    );
    const form = screen.getByRole('form', { name: 'Open episode' });
    await userEvent.selectOptions(within(form).getByLabelText(/Episode type/), 'allogeneic-hct');
    await userEvent.type(within(form).getByLabelText(/Planned day 0/), '2027-01-15');
    await userEvent.click(within(form).getByRole('button', { name: 'Open episode' }));
    expect(await screen.findByText('Episode opened')).toBeTruthy();
    expect(screen.getByText('Allogeneic HCT, planned day 0 15 Jan 2027')).toBeTruthy();
    expect(sent).toEqual({
      type: 'allogeneic-hct',
      diagnosisId: diagnosis.id,
      plannedDayZero: '2027-01-15',
      cellType: null,
      cellOrigin: null,
      protocol: null,
    });
    expect(saved).toBe(episode().id);
  });

  it('asks for a diagnosis first when the patient has none', async () => {
    await renderPage(<EpisodeForm patientId={PATIENT_ID} diagnoses={[]} onSaved={noop} onCancel={noop} />, { url });
    expect(
      screen.getByText('An episode treats a diagnosis. Add the patient’s diagnosis first, then open the episode.')
    ).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Open episode' })).toBeNull();
  });

  it('shows the server’s refusal', async () => {
    server.use(
      http.post(`${API}/patients/${PATIENT_ID}/episodes`, () =>
        problem(409, 'The patient already has an open allogeneic HCT episode.')
      )
    );
    await renderPage(<EpisodeForm patientId={PATIENT_ID} diagnoses={[diagnosis]} onSaved={noop} onCancel={noop} />, {
      url,
    });
    const form = screen.getByRole('form', { name: 'Open episode' });
    await userEvent.selectOptions(within(form).getByLabelText(/Episode type/), 'allogeneic-hct');
    await userEvent.type(within(form).getByLabelText(/Planned day 0/), '2027-01-15');
    await userEvent.click(within(form).getByRole('button', { name: 'Open episode' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The patient already has an open allogeneic HCT episode.'
    );
  });
});

describe('Add diagnosis form', () => {
  it('adds a diagnosis with its status', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/patients/${PATIENT_ID}/diagnoses`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(diagnosis, { status: 201 });
      })
    );
    await renderPage(<DiagnosisForm patientId={PATIENT_ID} onSaved={noop} onCancel={noop} />, { url });
    const form = screen.getByRole('form', { name: 'Add diagnosis' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Disease' }), 'AML');
    await userEvent.type(within(form).getByLabelText(/Diagnosis date/), '2026-05-04');
    await userEvent.selectOptions(within(form).getByLabelText(/Disease status/), 'CR1');
    await userEvent.click(within(form).getByRole('button', { name: 'Add diagnosis' }));
    expect(await screen.findByText('Diagnosis added')).toBeTruthy();
    expect(sent).toEqual({ disease: 'AML', diagnosisDate: '2026-05-04', status: 'CR1' });
  });

  it('shows the server’s refusal under the field', async () => {
    server.use(
      http.post(`${API}/patients/${PATIENT_ID}/diagnoses`, () =>
        problem(400, 'The diagnosis was not added.', [
          { path: 'diagnosisDate', message: 'the diagnosis date is before the date of birth' },
        ])
      )
    );
    await renderPage(<DiagnosisForm patientId={PATIENT_ID} onSaved={noop} onCancel={noop} />, { url });
    const form = screen.getByRole('form', { name: 'Add diagnosis' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Disease' }), 'AML');
    await userEvent.type(within(form).getByLabelText(/Diagnosis date/), '1970-05-04');
    await userEvent.selectOptions(within(form).getByLabelText(/Disease status/), 'CR1');
    await userEvent.click(within(form).getByRole('button', { name: 'Add diagnosis' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The diagnosis was not added.');
    expect(within(form).getByText('The diagnosis date is before the date of birth')).toBeTruthy();
  });
});
